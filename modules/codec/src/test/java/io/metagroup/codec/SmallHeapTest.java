package io.metagroup.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The codec's tests run on a 64 MiB heap (the pom's {@code surefire.argLine}), so an allocation bomb that slips past
 * the length checks fails them with OutOfMemoryError. Dropping that setting would let such a bomb pass unnoticed on a
 * large default heap; this fails instead.
 */
class SmallHeapTest {
    @Test
    void theHostileBytesTestsRunOnASmallHeap() {
        assertThat(Runtime.getRuntime().maxMemory()).as("max heap of this fork").isLessThanOrEqualTo(80L << 20);
    }
}
