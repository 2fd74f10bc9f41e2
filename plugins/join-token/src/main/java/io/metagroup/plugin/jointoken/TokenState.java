package io.metagroup.plugin.jointoken;

import java.util.Objects;

/**
 * Where a join token is in its life. Times are milliseconds since the Unix epoch taken from record HLCs (the
 * leader's stamp on the record that made the change), never from a local clock.
 *
 * <pre>
 *   Register ──▶ Issued ──BeginInFlight──▶ InFlight ──MarkConsumed──▶ Consumed
 *                  ▲  │                       │
 *                  │  └─MarkExpired (due)     ├─RevertInFlight──▶ Issued
 *                  │     ▶ Expired            └─MarkAborted──▶ Aborted
 *                  └─MarkAborted ▶ Aborted
 * </pre>
 * Consumed, Expired and Aborted are final.
 */
public sealed interface TokenState {

    /** Exhaustive handling of the five states. */
    interface Visitor<R> {
        R issued(Issued s);

        R inFlight(InFlight s);

        R consumed(Consumed s);

        R expired(Expired s);

        R aborted(Aborted s);
    }

    /** Calls the visitor method for this state. */
    <R> R accept(Visitor<R> visitor);

    /** The state in words, for refusals and operators: "issued, expiring at … ms", "consumed by …". */
    String describe();

    /** True for Consumed, Expired and Aborted: no transition leaves them. */
    default boolean isFinal() {
        return false;
    }

    /**
     * Usable by a joiner until {@code expiresAtMs}.
     *
     * @param expiresAtMs expiry; a record whose HLC is at or after it finds the token expired
     */
    record Issued(long expiresAtMs) implements TokenState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.issued(this);
        }

        @Override
        public String describe() {
            return "issued, expiring at " + Long.toUnsignedString(expiresAtMs) + " ms";
        }
    }

    /**
     * A joiner presented the token and its bundle is being delivered.
     *
     * @param expiresAtMs the expiry it keeps when reverted to Issued
     * @param nodeAddr    the joiner
     * @param sinceMs     record time of the BeginInFlight, for the dead-man timeout
     */
    record InFlight(long expiresAtMs, String nodeAddr, long sinceMs) implements TokenState {
        public InFlight {
            Objects.requireNonNull(nodeAddr, "nodeAddr");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.inFlight(this);
        }

        @Override
        public String describe() {
            return "in flight for " + nodeAddr + " since " + Long.toUnsignedString(sinceMs) + " ms";
        }
    }

    /**
     * Used once, by {@code nodeAddr}; never usable again.
     *
     * @param nodeAddr the joiner that received its bundle
     * @param atMs     record time of the MarkConsumed
     */
    record Consumed(String nodeAddr, long atMs) implements TokenState {
        public Consumed {
            Objects.requireNonNull(nodeAddr, "nodeAddr");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.consumed(this);
        }

        @Override
        public boolean isFinal() {
            return true;
        }

        @Override
        public String describe() {
            return "consumed by " + nodeAddr;
        }
    }

    /**
     * Its time ran out unused.
     *
     * @param atMs record time of the MarkExpired
     */
    record Expired(long atMs) implements TokenState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.expired(this);
        }

        @Override
        public boolean isFinal() {
            return true;
        }

        @Override
        public String describe() {
            return "expired";
        }
    }

    /**
     * An operator invalidated it.
     *
     * @param atMs record time of the MarkAborted
     */
    record Aborted(long atMs) implements TokenState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.aborted(this);
        }

        @Override
        public boolean isFinal() {
            return true;
        }

        @Override
        public String describe() {
            return "aborted";
        }
    }
}
