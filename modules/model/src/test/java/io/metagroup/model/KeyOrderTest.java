package io.metagroup.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Idempotency keys and descriptor ids have total orders, unsigned where their numbers are. */
class KeyOrderTest {
    @Test
    void idempotencyKeysOrderByProposerThenSequenceUnsigned() {
        assertThat(new IdempotencyKey(-1L, 0)).isGreaterThan(new IdempotencyKey(Long.MAX_VALUE, -1L));
        assertThat(new IdempotencyKey(1, Long.MIN_VALUE)).isGreaterThan(new IdempotencyKey(1, Long.MAX_VALUE));
        assertThat(new IdempotencyKey(1, 2).compareTo(new IdempotencyKey(1, 2))).isZero();
        assertThat(new IdempotencyKey(255, 7)).hasToString("ff/7");
    }

    @Test
    void descriptorIdsOrderByTenantThenKindThenName() {
        DescriptorId a = new DescriptorId(1, DescriptorKind.INDEX, "b");
        assertThat(new DescriptorId(2, DescriptorKind.COLLECTION, "a")).isGreaterThan(a);
        assertThat(new DescriptorId(1, DescriptorKind.TRIGGER, "a")).isGreaterThan(a);
        assertThat(new DescriptorId(1, DescriptorKind.INDEX, "c")).isGreaterThan(a);
        assertThat(new DescriptorId(1, DescriptorKind.INDEX, "b").compareTo(a)).isZero();
    }

    @Test
    void kindsOrderByTheirNameNotTheirDeclarationOrder() {
        // API_KEY is declared after COLLECTION: a digest must not change when the enum is reordered
        assertThat(DescriptorKind.API_KEY.ordinal()).isGreaterThan(DescriptorKind.COLLECTION.ordinal());
        assertThat(new DescriptorId(1, DescriptorKind.API_KEY, "z"))
                .isLessThan(new DescriptorId(1, DescriptorKind.COLLECTION, "a"));
        for (DescriptorKind x : DescriptorKind.values()) {
            for (DescriptorKind y : DescriptorKind.values()) {
                assertThat(Integer.signum(new DescriptorId(1, x, "n").compareTo(new DescriptorId(1, y, "n"))))
                        .isEqualTo(Integer.signum(x.name().compareTo(y.name())));
            }
        }
    }
}
