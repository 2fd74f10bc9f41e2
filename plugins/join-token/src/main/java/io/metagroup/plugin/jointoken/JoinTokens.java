package io.metagroup.plugin.jointoken;

import io.metagroup.model.Hlc;
import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.MetadataEntry.JoinTokenTransition;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.jointoken.internal.TokenCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * The plugin's id and the entries a node proposes: registering a new token, and the leader's sweeps that expire
 * tokens and revert stuck joins. The sweeps are pure functions of the committed states and a {@code nowMs} the
 * caller reads from its clock; whether an entry holds is judged again at apply against the record's HLC.
 */
public final class JoinTokens {
    /** The plugin id, also its snapshot section name. */
    public static final String PLUGIN_ID = "join-token";
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private JoinTokens() {}

    /** The time of a record, in milliseconds since the Unix epoch: its leader HLC's wall time. */
    public static long recordMillis(Hlc leaderHlc) {
        return Long.divideUnsigned(leaderHlc.wallNanos(), NANOS_PER_MILLI);
    }

    /**
     * The entry that registers {@code token} ({@code token create --ttl}): only its hash, expiring {@code ttl} after
     * {@code nowMs}.
     *
     * @throws IllegalArgumentException when {@code ttl} is not positive
     */
    public static JoinTokenTransition register(JoinToken token, Duration ttl, long nowMs) {
        Objects.requireNonNull(token, "token");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a join token's time to live must be positive, got " + ttl);
        }
        return new JoinTokenTransition(token.hash(), new JoinTokenTransitionKind.Register(nowMs + ttl.toMillis()), nowMs);
    }

    /** MarkExpired for every Issued token whose expiry is at or before {@code nowMs}, by ascending hash. */
    public static List<JoinTokenTransition> expirations(SortedMap<Sha256, TokenState> tokens, long nowMs) {
        List<JoinTokenTransition> due = new ArrayList<>();
        for (Map.Entry<Sha256, TokenState> e : tokens.entrySet()) {
            if (e.getValue() instanceof TokenState.Issued issued && expired(issued.expiresAtMs(), nowMs)) {
                due.add(new JoinTokenTransition(e.getKey(), new JoinTokenTransitionKind.MarkExpired(), nowMs));
            }
        }
        return due;
    }

    /**
     * RevertInFlight for every InFlight token whose join began {@code deadMan} or longer before {@code nowMs}, by
     * ascending hash: the joiner is presumed dead and the token usable again until it expires.
     */
    public static List<JoinTokenTransition> deadManReverts(SortedMap<Sha256, TokenState> tokens, long nowMs,
                                                           Duration deadMan) {
        long timeoutMs = deadMan.toMillis();
        List<JoinTokenTransition> stuck = new ArrayList<>();
        for (Map.Entry<Sha256, TokenState> e : tokens.entrySet()) {
            if (e.getValue() instanceof TokenState.InFlight inFlight && nowMs - inFlight.sinceMs() >= timeoutMs) {
                stuck.add(new JoinTokenTransition(e.getKey(), new JoinTokenTransitionKind.RevertInFlight(), nowMs));
            }
        }
        return stuck;
    }

    /**
     * The token table in a section of the plugin's snapshot, as a remote client reads it
     * ({@code MetadataClient.readPluginState(PLUGIN_ID)}): hashes and states, never a token.
     *
     * @throws IOException naming what is malformed
     */
    public static SortedMap<Sha256, TokenState> readState(byte[] section) throws IOException {
        Objects.requireNonNull(section, "section");
        return TokenCodec.read(new java.io.ByteArrayInputStream(section));
    }

    /** True when a token expiring at {@code expiresAtMs} is expired at {@code nowMs} (both unsigned). */
    public static boolean expired(long expiresAtMs, long nowMs) {
        return Long.compareUnsigned(nowMs, expiresAtMs) >= 0;
    }
}
