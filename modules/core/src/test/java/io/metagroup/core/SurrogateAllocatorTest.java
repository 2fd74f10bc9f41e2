package io.metagroup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.MetadataEntry.SurrogateAlloc;
import io.metagroup.spi.Outcome;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The leader hands out only ids a committed reservation covers, so no id is ever handed out twice. */
class SurrogateAllocatorTest {

    /** A metadata log the test commits by hand: each committed SurrogateAlloc raises the applied mark. */
    private static final class FakeLog implements SurrogateProposer {
        final ArrayDeque<SurrogateAlloc> proposed = new ArrayDeque<>();
        final ArrayDeque<CompletableFuture<Outcome>> waiting = new ArrayDeque<>();
        long appliedHwm;

        @Override
        public CompletionStage<Outcome> propose(SurrogateAlloc entry) {
            CompletableFuture<Outcome> future = new CompletableFuture<>();
            proposed.add(entry);
            waiting.add(future);
            return future;
        }

        long commitNext() {
            long hwm = proposed.poll().hwm();
            appliedHwm = Math.max(appliedHwm, hwm);
            waiting.poll().complete(Outcome.applied());
            return hwm;
        }

        void failNext(String why) {
            proposed.poll();
            waiting.poll().completeExceptionally(new IllegalStateException(why));
        }
    }

    private final FakeLog log = new FakeLog();
    private final SurrogateAllocator allocator = new SurrogateAllocator(log, () -> log.appliedHwm);

    @Test
    void followersNeverAllocate() {
        assertThatThrownBy(allocator::tryAllocate).isInstanceOf(IllegalStateException.class)
                .hasMessage("not the metadata-group leader: only the leader allocates surrogate ids");
        assertThat(log.proposed).isEmpty();
    }

    @Test
    void nothingIsHandedOutBeforeTheFenceAndTheFirstReservationAreApplied() {
        log.appliedHwm = 100;
        allocator.start();

        assertThat(log.proposed).containsExactly(new SurrogateAlloc(100));
        assertThat(allocator.tryAllocate()).isEmpty();
        assertThat(log.commitNext()).isEqualTo(100);
        assertThat(log.proposed).containsExactly(new SurrogateAlloc(100 + SurrogateAllocator.BLOCK));
        assertThat(allocator.tryAllocate()).isEmpty();
        log.commitNext();

        assertThat(allocator.tryAllocate()).hasValue(101);
        assertThat(allocator.tryAllocate()).hasValue(102);
    }

    @Test
    void oneReservationPerBlockProposedAtHalfUseAndNoIdAboveTheAppliedMark() {
        allocator.start();
        log.commitNext();
        log.commitNext();
        long previous = 0;
        int proposals = 0;
        for (int i = 0; i < 10 * SurrogateAllocator.BLOCK; i++) {
            OptionalLong id = allocator.tryAllocate();
            if (id.isEmpty()) {
                log.commitNext();
                proposals++;
                id = allocator.tryAllocate();
            }
            assertThat(id.getAsLong()).isEqualTo(previous + 1).isLessThanOrEqualTo(log.appliedHwm);
            previous = id.getAsLong();
            if (!log.proposed.isEmpty() && i % 7 == 0) {
                log.commitNext();
                proposals++;
            }
        }
        assertThat(proposals).isBetween(8, 10);
        assertThat(log.proposed.size()).isLessThanOrEqualTo(1);
    }

    @Test
    void aNewLeaderNeverReusesAnIdTheOldOneHandedOut() {
        allocator.start();
        Set<Long> handedOut = new HashSet<>();
        for (int i = 0; i < 1_100; i++) {
            handedOut.add(allocateCommitting(allocator, () -> { }));
        }
        assertThat(log.appliedHwm).isEqualTo(2L * SurrogateAllocator.BLOCK);
        allocator.stop();

        // The new leader has not yet applied the old leader's last reservation when it takes over.
        long[] view = {SurrogateAllocator.BLOCK};
        SurrogateAllocator successor = new SurrogateAllocator(log, () -> view[0]);
        successor.start();
        assertThat(log.proposed).containsExactly(new SurrogateAlloc(SurrogateAllocator.BLOCK));
        view[0] = log.appliedHwm; // applying its own fence means applying everything before it

        for (int i = 0; i < 1_100; i++) {
            long id = allocateCommitting(successor, () -> view[0] = Math.max(view[0], log.proposed.peek().hwm()));
            assertThat(handedOut.add(id)).as("id %d handed out twice", id).isTrue();
            assertThat(id).isLessThanOrEqualTo(view[0]);
        }
    }

    /** Allocates, committing proposals (after {@code beforeCommit}) while none is reserved. */
    private long allocateCommitting(SurrogateAllocator from, Runnable beforeCommit) {
        OptionalLong id = from.tryAllocate();
        while (id.isEmpty()) {
            beforeCommit.run();
            log.commitNext();
            id = from.tryAllocate();
        }
        return id.getAsLong();
    }

    @Test
    void completionsFromAnEarlierLeadershipAreIgnored() {
        allocator.start();
        allocator.stop();
        log.commitNext();

        assertThatThrownBy(allocator::tryAllocate).isInstanceOf(IllegalStateException.class);
        allocator.start();
        assertThat(allocator.tryAllocate()).isEmpty();
    }

    @Test
    void aFailedReservationIsProposedAgainByTheNextAllocation() throws Exception {
        allocator.start();
        log.commitNext();
        log.failNext("leadership lost");

        assertThatThrownBy(() -> allocator.allocate(Duration.ZERO)).isInstanceOf(TimeoutException.class);
        assertThat(log.proposed).containsExactly(new SurrogateAlloc(SurrogateAllocator.BLOCK));
        log.commitNext();
        assertThat(allocator.allocate(Duration.ZERO)).isEqualTo(1);
    }

    @Test
    void aWaitingAllocationFailsWhenItsReservationFails() throws Exception {
        allocator.start();
        log.commitNext();
        Thread waiter = Thread.currentThread();
        Thread failer = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (waiter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            log.failNext("commit timed out");
        });
        failer.start();

        assertThatThrownBy(() -> allocator.allocate(Duration.ofSeconds(30))).isInstanceOf(IllegalStateException.class)
                .hasMessage("surrogate reservation failed: SurrogateAlloc(1024) failed: java.lang.IllegalStateException:"
                        + " commit timed out");
        failer.join();
    }

    @Test
    void allocationTimesOutWhileNoReservationIsApplied() {
        allocator.start();

        assertThatThrownBy(() -> allocator.allocate(Duration.ofMillis(20))).isInstanceOf(TimeoutException.class)
                .hasMessage("no surrogate reservation was applied within PT0.02S");
    }

    @Test
    void theIdSpaceEndsAtTheLargestUnsigned32BitValue() {
        log.appliedHwm = SurrogateAllocator.MAX_SURROGATE - 3;
        allocator.start();
        log.commitNext();
        assertThat(log.commitNext()).isEqualTo(SurrogateAllocator.MAX_SURROGATE);

        for (long expected = SurrogateAllocator.MAX_SURROGATE - 2; expected <= SurrogateAllocator.MAX_SURROGATE; expected++) {
            assertThat(allocator.tryAllocate()).hasValue(expected);
        }
        assertThatThrownBy(allocator::tryAllocate).isInstanceOf(IllegalStateException.class)
                .hasMessage("every surrogate id up to 4294967295 is used");
        assertThat(log.proposed).isEmpty();
    }
}
