package io.metagroup.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** HLC readings are ordered by wall time read as unsigned, then by the logical counter. */
class HlcOrderTest {
    @Test
    void wallTimeIsCompared() {
        assertThat(new Hlc(2, 0)).isGreaterThan(new Hlc(1, 99));
    }

    @Test
    void wallTimeIsUnsigned() {
        Hlc topBitSet = new Hlc(Long.MIN_VALUE, 0);
        assertThat(topBitSet).isGreaterThan(new Hlc(Long.MAX_VALUE, 0xFFFF_FFFFL));
        assertThat(new Hlc(-1L, 0)).isGreaterThan(topBitSet);
        assertThat(topBitSet.isAfter(Hlc.ZERO)).isTrue();
    }

    @Test
    void logicalBreaksTies() {
        assertThat(new Hlc(5, 2)).isGreaterThan(new Hlc(5, 1));
        assertThat(new Hlc(5, 0xFFFF_FFFFL)).isGreaterThan(new Hlc(5, 0));
        assertThat(new Hlc(5, 1).compareTo(new Hlc(5, 1))).isZero();
        assertThat(new Hlc(5, 1).isAfter(new Hlc(5, 1))).isFalse();
    }

    @Test
    void maxPicksTheLaterReading() {
        Hlc early = new Hlc(1, 5);
        Hlc late = new Hlc(Long.MIN_VALUE, 0);
        assertThat(Hlc.max(early, late)).isSameAs(late);
        assertThat(Hlc.max(late, early)).isSameAs(late);
    }
}
