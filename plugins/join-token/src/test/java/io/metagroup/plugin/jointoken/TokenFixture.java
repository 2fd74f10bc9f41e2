package io.metagroup.plugin.jointoken;

import io.metagroup.model.Hlc;
import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MetadataEntry.JoinTokenTransition;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.plugin.testkit.PluginContract;
import io.metagroup.plugin.testkit.TestPluginContext;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * A join-token applier found through ServiceLoader, its read view and a driver whose records are stamped with an
 * HLC of a chosen millisecond. Entries carry a proposer time ({@code tsMs}) of 0 unless a test says otherwise, so
 * any rule that read it instead of the record's HLC would show.
 */
final class TokenFixture {
    static final SecureRandom RANDOM = new SecureRandom();
    static final long T0 = 1_700_000_000_000L;
    static final long TTL = 15 * 60_000L;

    final MetadataApplier applier;
    final JoinTokenStates states;
    final ApplierDriver driver;

    private TokenFixture(MetadataApplier applier) {
        this.applier = applier;
        this.states = (JoinTokenStates) applier;
        this.driver = new ApplierDriver(applier);
    }

    static TokenFixture create() {
        try {
            return new TokenFixture(PluginContract.byId(JoinTokens.PLUGIN_ID).create(TestPluginContext.in(Path.of("target"))));
        } catch (Exception e) {
            throw new AssertionError("creating the join-token applier failed", e);
        }
    }

    static Sha256 newHash() {
        return JoinToken.generate(RANDOM).hash();
    }

    /** Applies {@code entry} in a record whose leader HLC is {@code ms} milliseconds. */
    Outcome at(long ms, MetadataEntry entry) {
        return atOnce(ms, entry).get(0);
    }

    /** Applies one record at {@code ms} holding one proposal per entry. */
    List<Outcome> atOnce(long ms, MetadataEntry... entries) {
        return driver.record(new Hlc(ms * 1_000_000L, 0), entries);
    }

    Optional<TokenState> state(Sha256 hash) {
        return states.state(hash);
    }

    /** A token registered at T0, expiring at T0 + TTL. */
    Sha256 issued() {
        Sha256 hash = newHash();
        require(at(T0, register(hash, T0 + TTL)));
        return hash;
    }

    /** A token registered at T0 and in flight for {@code addr} since T0 + 1000. */
    Sha256 inFlight(String addr) {
        Sha256 hash = issued();
        require(at(T0 + 1000, begin(hash, addr)));
        return hash;
    }

    private static void require(Outcome outcome) {
        if (!outcome.isApplied()) {
            throw new AssertionError("setting up a token failed: " + outcome);
        }
    }

    static JoinTokenTransition register(Sha256 hash, long expiresAtMs) {
        return new JoinTokenTransition(hash, new JoinTokenTransitionKind.Register(expiresAtMs), 0);
    }

    static JoinTokenTransition begin(Sha256 hash, String addr) {
        return new JoinTokenTransition(hash, new JoinTokenTransitionKind.BeginInFlight(addr), 0);
    }

    static JoinTokenTransition consume(Sha256 hash, String addr) {
        return new JoinTokenTransition(hash, new JoinTokenTransitionKind.MarkConsumed(addr), 0);
    }

    static JoinTokenTransition revert(Sha256 hash) {
        return new JoinTokenTransition(hash, new JoinTokenTransitionKind.RevertInFlight(), 0);
    }

    static JoinTokenTransition expire(Sha256 hash) {
        return new JoinTokenTransition(hash, new JoinTokenTransitionKind.MarkExpired(), 0);
    }

    static JoinTokenTransition abort(Sha256 hash) {
        return new JoinTokenTransition(hash, new JoinTokenTransitionKind.MarkAborted(), 0);
    }

    /** The refusal text the applier gives for {@code action} on {@code hash}. */
    static Outcome refused(Sha256 hash, String action, String why) {
        return Outcome.rejected("join token " + hash + " cannot " + action + ": " + why);
    }
}
