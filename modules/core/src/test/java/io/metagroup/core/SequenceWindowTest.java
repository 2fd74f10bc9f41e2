package io.metagroup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.spi.Outcome;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The dedup window remembers exactly the last sequences added, in order, and finds each of them. */
class SequenceWindowTest {

    @Property(tries = 200, seed = "1357")
    void behavesLikeAFirstInFirstOutMap(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int capacity) {
        Random random = new Random(seed);
        SequenceWindow window = new SequenceWindow(capacity);
        ArrayDeque<Long> order = new ArrayDeque<>();
        Map<Long, Outcome> expected = new HashMap<>();
        // few distinct high bits and strided values: many sequences share a home slot
        long stride = 1L << random.nextInt(63);
        for (int step = 0; step < 400; step++) {
            long sequence = random.nextInt(3) == 0 ? random.nextLong() : stride * random.nextInt(200);
            if (expected.containsKey(sequence)) {
                continue;
            }
            Outcome outcome = random.nextBoolean() ? Outcome.applied() : Outcome.rejected("r" + step);
            OptionalLong forgotten = window.add(sequence, outcome);
            order.addLast(sequence);
            expected.put(sequence, outcome);
            if (order.size() > capacity) {
                long oldest = order.removeFirst();
                expected.remove(oldest);
                assertThat(forgotten).hasValue(oldest);
            } else {
                assertThat(forgotten).isEmpty();
            }
            assertThat(window.size()).isEqualTo(order.size());
            int i = 0;
            for (long remembered : order) {
                assertThat(window.sequenceAt(i)).isEqualTo(remembered);
                assertThat(window.outcomeAt(i)).isEqualTo(expected.get(remembered));
                assertThat(window.get(remembered)).isEqualTo(expected.get(remembered));
                i++;
            }
            long absent = stride * random.nextInt(200);
            while (expected.containsKey(absent)) {
                absent++;
            }
            assertThat(window.get(absent)).isNull();
        }
    }

    @Test
    void aSequenceIsRememberedOnce() {
        SequenceWindow window = new SequenceWindow(4);
        window.add(7, Outcome.applied());

        assertThatThrownBy(() -> window.add(7, Outcome.applied())).isInstanceOf(IllegalStateException.class)
                .hasMessage("sequence 7 is remembered already");
    }
}
