package io.metagroup.spi;

import java.util.Objects;

/**
 * What applying one proposal came to. {@link Applied} and {@link Rejected} are deterministic (the same on every
 * node for the same log); {@link LocalFault} is this node's own I/O failure and halts apply at that index.
 */
public sealed interface Outcome {

    /** The shared {@link Applied} value. */
    static Outcome applied() {
        return Applied.INSTANCE;
    }

    /** A deterministic refusal; the state is unchanged and the record still counts as applied. */
    static Outcome rejected(String reason) {
        return new Rejected(reason);
    }

    /** True for {@link Applied}. */
    default boolean isApplied() {
        return this instanceof Applied;
    }

    /** The entry took effect. */
    record Applied() implements Outcome {
        static final Applied INSTANCE = new Applied();
    }

    /**
     * The entry was refused by a rule of apply, identically on every node.
     *
     * @param reason what rule refused it, for the proposer; deterministic text (no timestamps or node ids)
     */
    record Rejected(String reason) implements Outcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * This node's own store failed; the node stops applying at this index and replays from it after restart.
     *
     * @param reason what failed
     */
    record LocalFault(String reason) implements Outcome {
        public LocalFault {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
