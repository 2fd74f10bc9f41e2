package io.metagroup.plugin.jointoken.internal;

import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.JoinTokenTransition;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.jointoken.JoinTokenStates;
import io.metagroup.plugin.jointoken.JoinTokens;
import io.metagroup.plugin.jointoken.TokenState;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.InMemoryApplier;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Applies {@link JoinTokenTransition} entries to the token table (hash to {@link TokenState}); every other entry
 * is Applied without effect. "Now" is the record's leader HLC in milliseconds ({@link JoinTokens#recordMillis}),
 * never a local clock; a token is expired from its expiry on.
 *
 * <table>
 *   <caption>Transitions: anything not listed is Rejected, naming the token and its state</caption>
 *   <tr><th>transition</th><th>from</th><th>to</th></tr>
 *   <tr><td>Register{expiresAtMs}</td><td>no token with that hash, expiry after now</td><td>Issued</td></tr>
 *   <tr><td>BeginInFlight{addr}</td><td>Issued, not expired</td><td>InFlight(addr, since now)</td></tr>
 *   <tr><td>MarkConsumed{addr}</td><td>InFlight for the same addr</td><td>Consumed(addr)</td></tr>
 *   <tr><td>RevertInFlight</td><td>InFlight</td><td>Issued, same expiry</td></tr>
 *   <tr><td>MarkExpired</td><td>Issued, expired</td><td>Expired</td></tr>
 *   <tr><td>MarkAborted</td><td>Issued or InFlight</td><td>Aborted</td></tr>
 * </table>
 * A joiner's address longer than {@value #MAX_ADDR_BYTES} UTF-8 bytes is refused (before the log too). A joiner
 * in flight past the expiry may still be marked Consumed: the token was valid when it was presented. An
 * InFlight token is not expired directly (its joiner may be finishing); the dead-man RevertInFlight comes first.
 */
final class JoinTokenApplier extends InMemoryApplier implements JoinTokenStates {
    /** Longest joiner address, in UTF-8 bytes: a DNS name (253) and a port fit. */
    static final int MAX_ADDR_BYTES = 300;

    private final TreeMap<Sha256, TokenState> tokens = new TreeMap<>();
    /** Guards {@link #tokens} between the apply thread's writes and readers on other threads. */
    private final Object lock = new Object();

    @Override
    public String id() {
        return JoinTokens.PLUGIN_ID;
    }

    @Override
    public Optional<String> validate(MetadataEntry entry) {
        if (!(entry instanceof JoinTokenTransition t)) {
            return Optional.empty();
        }
        if (t.transition() instanceof JoinTokenTransitionKind.Register r && JoinTokens.expired(r.expiresAtMs(), t.tsMs())) {
            return Optional.of("join token " + t.tokenHash() + " cannot be registered: it expires at "
                    + Long.toUnsignedString(r.expiresAtMs()) + " ms, not after its proposal time "
                    + Long.toUnsignedString(t.tsMs()) + " ms");
        }
        if (t.transition() instanceof JoinTokenTransitionKind.BeginInFlight b) {
            return addressProblem(b.nodeAddr()).map(p -> "join token " + t.tokenHash() + " cannot begin a join: " + p);
        }
        return Optional.empty();
    }

    /** Why a joiner's address is refused: longer than {@value #MAX_ADDR_BYTES} UTF-8 bytes. */
    private static Optional<String> addressProblem(String nodeAddr) {
        int length = nodeAddr.getBytes(StandardCharsets.UTF_8).length;
        return length > MAX_ADDR_BYTES
                ? Optional.of("the joiner's address is " + length + " bytes; at most " + MAX_ADDR_BYTES)
                : Optional.empty();
    }

    @Override
    public Transaction begin(ApplyContext context) {
        return new StagedTransitions(JoinTokens.recordMillis(context.leaderHlc()));
    }

    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        TokenCodec.write(tokens, out);
    }

    @Override
    protected void restoreState(InputStream in) throws IOException {
        SortedMap<Sha256, TokenState> restored = TokenCodec.read(in);
        synchronized (lock) {
            tokens.clear();
            tokens.putAll(restored);
        }
    }

    @Override
    public Optional<TokenState> state(Sha256 tokenHash) {
        synchronized (lock) {
            return Optional.ofNullable(tokens.get(tokenHash));
        }
    }

    @Override
    public SortedMap<Sha256, TokenState> tokens() {
        synchronized (lock) {
            return Collections.unmodifiableSortedMap(new TreeMap<>(tokens));
        }
    }

    /** One proposal's transitions: the tokens it changed, by hash. */
    private final class StagedTransitions implements Transaction {
        private final long nowMs;
        private final TreeMap<Sha256, TokenState> staged = new TreeMap<>();

        StagedTransitions(long nowMs) {
            this.nowMs = nowMs;
        }

        @Override
        public Outcome apply(MetadataEntry entry) {
            if (!(entry instanceof JoinTokenTransition t)) {
                return Outcome.applied();
            }
            TokenState current = staged.containsKey(t.tokenHash()) ? staged.get(t.tokenHash()) : tokens.get(t.tokenHash());
            Step step = t.transition().accept(new Rules(t.tokenHash(), current, nowMs));
            if (step.next() == null) {
                return Outcome.rejected(step.refusal());
            }
            staged.put(t.tokenHash(), step.next());
            return Outcome.applied();
        }

        @Override
        public void commit() {
            if (!staged.isEmpty()) {
                synchronized (lock) {
                    tokens.putAll(staged);
                }
                staged.clear();
            }
        }

        @Override
        public void abort() {
            staged.clear();
        }
    }

    /** The outcome of one transition: the next state, or the refusal. */
    private record Step(TokenState next, String refusal) {
        static Step to(TokenState next) {
            return new Step(next, null);
        }
    }

    /** The transition table, for one token as the proposal sees it ({@code current} null when unknown). */
    private record Rules(Sha256 hash, TokenState current, long nowMs)
            implements JoinTokenTransitionKind.Visitor<Step> {

        private Step refuse(String action, String why) {
            return new Step(null, "join token " + hash + " cannot " + action + ": " + why);
        }

        /** Refuses because of the current state, or because there is no such token. */
        private Step refuse(String action) {
            return refuse(action, current == null ? "no such token was registered" : "it is " + current.describe());
        }

        private String at(long ms) {
            return Long.toUnsignedString(ms) + " ms";
        }

        @Override
        public Step register(JoinTokenTransitionKind.Register t) {
            if (current != null) {
                return refuse("be registered", "a token with this hash exists and is " + current.describe());
            }
            if (JoinTokens.expired(t.expiresAtMs(), nowMs)) {
                return refuse("be registered", "it expires at " + at(t.expiresAtMs()) + ", not after the record's time "
                        + at(nowMs));
            }
            return Step.to(new TokenState.Issued(t.expiresAtMs()));
        }

        @Override
        public Step beginInFlight(JoinTokenTransitionKind.BeginInFlight t) {
            Optional<String> badAddress = addressProblem(t.nodeAddr());
            if (badAddress.isPresent()) {
                return refuse("begin a join", badAddress.get());
            }
            if (!(current instanceof TokenState.Issued issued)) {
                return refuse("begin a join of " + t.nodeAddr());
            }
            if (JoinTokens.expired(issued.expiresAtMs(), nowMs)) {
                return refuse("begin a join of " + t.nodeAddr(), "it expired at " + at(issued.expiresAtMs())
                        + ", at or before the record's time " + at(nowMs));
            }
            return Step.to(new TokenState.InFlight(issued.expiresAtMs(), t.nodeAddr(), nowMs));
        }

        @Override
        public Step markConsumed(JoinTokenTransitionKind.MarkConsumed t) {
            if (!(current instanceof TokenState.InFlight inFlight) || !inFlight.nodeAddr().equals(t.nodeAddr())) {
                return refuse("be consumed by " + t.nodeAddr());
            }
            return Step.to(new TokenState.Consumed(t.nodeAddr(), nowMs));
        }

        @Override
        public Step revertInFlight(JoinTokenTransitionKind.RevertInFlight t) {
            if (!(current instanceof TokenState.InFlight inFlight)) {
                return refuse("revert a join in flight");
            }
            return Step.to(new TokenState.Issued(inFlight.expiresAtMs()));
        }

        @Override
        public Step markExpired(JoinTokenTransitionKind.MarkExpired t) {
            if (!(current instanceof TokenState.Issued issued)) {
                return refuse("be marked expired");
            }
            if (!JoinTokens.expired(issued.expiresAtMs(), nowMs)) {
                return refuse("be marked expired", "it expires at " + at(issued.expiresAtMs())
                        + ", after the record's time " + at(nowMs));
            }
            return Step.to(new TokenState.Expired(nowMs));
        }

        @Override
        public Step markAborted(JoinTokenTransitionKind.MarkAborted t) {
            if (current == null || current.isFinal()) {
                return refuse("be aborted");
            }
            return Step.to(new TokenState.Aborted(nowMs));
        }
    }
}
