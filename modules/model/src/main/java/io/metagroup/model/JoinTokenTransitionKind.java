package io.metagroup.model;

/**
 * One step of a join token's life: Register → Issued; BeginInFlight Issued → InFlight; MarkConsumed InFlight →
 * Consumed; RevertInFlight InFlight → Issued; MarkExpired and MarkAborted end it.
 */
public sealed interface JoinTokenTransitionKind {

    /** Exhaustive handling of the six transitions. */
    interface Visitor<R> {
        R register(Register t);

        R beginInFlight(BeginInFlight t);

        R markConsumed(MarkConsumed t);

        R revertInFlight(RevertInFlight t);

        R markExpired(MarkExpired t);

        R markAborted(MarkAborted t);
    }

    /** Calls the visitor method for this transition. */
    <R> R accept(Visitor<R> visitor);

    /**
     * A new token is issued; every node enforces its expiry against record HLCs.
     *
     * @param expiresAtMs expiry, milliseconds since the Unix epoch (unsigned 64-bit)
     */
    record Register(long expiresAtMs) implements JoinTokenTransitionKind {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.register(this);
        }
    }

    /** A joiner at {@code nodeAddr} presented the token. */
    record BeginInFlight(String nodeAddr) implements JoinTokenTransitionKind {
        public BeginInFlight {
            Check.nonEmpty(nodeAddr, "beginInFlight.nodeAddr");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.beginInFlight(this);
        }
    }

    /** The bundle was delivered to the joiner at {@code nodeAddr}. */
    record MarkConsumed(String nodeAddr) implements JoinTokenTransitionKind {
        public MarkConsumed {
            Check.nonEmpty(nodeAddr, "markConsumed.nodeAddr");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.markConsumed(this);
        }
    }

    /** The dead-man timer fired; the token is usable again. */
    record RevertInFlight() implements JoinTokenTransitionKind {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.revertInFlight(this);
        }
    }

    /** The token's time ran out unused. */
    record MarkExpired() implements JoinTokenTransitionKind {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.markExpired(this);
        }
    }

    /** An operator invalidated the token. */
    record MarkAborted() implements JoinTokenTransitionKind {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.markAborted(this);
        }
    }
}
