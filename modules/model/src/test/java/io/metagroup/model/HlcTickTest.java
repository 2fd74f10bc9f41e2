package io.metagroup.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** tick: a later physical clock wins with logical 0; otherwise the logical counter advances, carrying into wall time. */
class HlcTickTest {
    @Test
    void aLaterPhysicalReadingWins() {
        assertThat(new Hlc(100, 7).tick(200)).isEqualTo(new Hlc(200, 0));
    }

    @Test
    void anEqualOrEarlierPhysicalReadingAdvancesTheCounter() {
        assertThat(new Hlc(100, 7).tick(100)).isEqualTo(new Hlc(100, 8));
        assertThat(new Hlc(100, 7).tick(50)).isEqualTo(new Hlc(100, 8));
    }

    @Test
    void physicalReadingsAreComparedUnsigned() {
        assertThat(new Hlc(Long.MAX_VALUE, 0).tick(Long.MIN_VALUE)).isEqualTo(new Hlc(Long.MIN_VALUE, 0));
        assertThat(new Hlc(Long.MIN_VALUE, 0).tick(Long.MAX_VALUE)).isEqualTo(new Hlc(Long.MIN_VALUE, 1));
    }

    @Test
    void counterOverflowCarriesIntoWallTime() {
        assertThat(new Hlc(100, 0xFFFF_FFFFL).tick(0)).isEqualTo(new Hlc(101, 0));
    }

    @Test
    void everyTickIsLaterThanTheReadingBefore() {
        Hlc clock = new Hlc(10, 0xFFFF_FFFEL);
        for (long physical : new long[] {5, 10, 11, 11, 3, Long.MIN_VALUE, 0}) {
            Hlc next = clock.tick(physical);
            assertThat(next.isAfter(clock)).as("%s after %s", next, clock).isTrue();
            clock = next;
        }
    }
}
