package io.metagroup.plugin.jointoken;

import static io.metagroup.plugin.jointoken.TokenFixture.T0;
import static io.metagroup.plugin.jointoken.TokenFixture.TTL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.Sha256;
import io.metagroup.plugin.testkit.ApplierDriver;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TokenSnapshotTest {

    /** One token in each state. */
    private static TokenFixture sample() {
        TokenFixture t = TokenFixture.create();
        t.issued();
        t.inFlight("10.0.0.1:7000");
        Sha256 consumed = t.inFlight("10.0.0.2:7000");
        t.at(T0 + 2000, TokenFixture.consume(consumed, "10.0.0.2:7000"));
        Sha256 expired = t.issued();
        t.at(T0 + TTL, TokenFixture.expire(expired));
        Sha256 aborted = t.issued();
        t.at(T0 + TTL, TokenFixture.abort(aborted));
        return t;
    }

    @Test
    void aRestoredApplierHasTheSameStatesDigestAndIndex() throws IOException {
        TokenFixture source = sample();
        TokenFixture copy = TokenFixture.create();

        ApplierDriver.restore(copy.applier, ApplierDriver.snapshot(source.applier), 42);

        assertThat(copy.states.tokens()).isEqualTo(source.states.tokens());
        assertThat(copy.states.tokens().values()).extracting(s -> s.getClass().getSimpleName())
                .containsExactlyInAnyOrder("Issued", "InFlight", "Consumed", "Expired", "Aborted");
        assertThat(copy.applier.digest()).isEqualTo(source.applier.digest());
        assertThat(copy.applier.appliedIndex()).isEqualTo(42);
        assertThat(ApplierDriver.snapshot(copy.applier)).isEqualTo(ApplierDriver.snapshot(source.applier));
    }

    @Test
    void theSameTableReachedInAnotherOrderEncodesToTheSameBytes() {
        Sha256 a = TokenFixture.newHash();
        Sha256 b = TokenFixture.newHash();
        TokenFixture one = TokenFixture.create();
        one.at(T0, TokenFixture.register(a, T0 + TTL));
        one.at(T0, TokenFixture.register(b, T0 + TTL));
        TokenFixture two = TokenFixture.create();
        two.at(T0, TokenFixture.register(b, T0 + TTL));
        two.at(T0, TokenFixture.register(a, T0 + TTL));
        two.at(T0 + 1, TokenFixture.begin(a, "x:1"));
        two.at(T0 + 2, TokenFixture.revert(a));

        assertThat(ApplierDriver.snapshot(two.applier)).isEqualTo(ApplierDriver.snapshot(one.applier));
        assertThat(two.applier.digest()).as("the digest covers state, not indexes").isEqualTo(one.applier.digest());
    }

    @Test
    void theDigestChangesWhenOneFieldChanges() {
        Sha256 hash = TokenFixture.newHash();
        TokenFixture base = TokenFixture.create();
        base.at(T0, TokenFixture.register(hash, T0 + TTL));
        TokenFixture otherExpiry = TokenFixture.create();
        otherExpiry.at(T0, TokenFixture.register(hash, T0 + TTL + 1));
        TokenFixture otherHash = TokenFixture.create();
        otherHash.at(T0, TokenFixture.register(TokenFixture.newHash(), T0 + TTL));

        assertThat(otherExpiry.applier.digest()).isNotEqualTo(base.applier.digest());
        assertThat(otherHash.applier.digest()).isNotEqualTo(base.applier.digest());
    }

    @Test
    void noTokenTextOrSecretEverReachesTheSnapshot() {
        TokenFixture t = TokenFixture.create();
        JoinToken token = JoinToken.generate(TokenFixture.RANDOM);
        t.at(T0, JoinTokens.register(token, java.time.Duration.ofMinutes(15), T0));
        String snapshot = new String(ApplierDriver.snapshot(t.applier), StandardCharsets.ISO_8859_1);

        assertThat(snapshot).doesNotContain(token.text()).doesNotContain(token.text().substring(7))
                .doesNotContain(new String(token.secret(), StandardCharsets.ISO_8859_1));
        assertThat(snapshot).contains(new String(token.hash().bytes().toByteArray(), StandardCharsets.ISO_8859_1));
        assertThat(HexFormat.of().formatHex(ApplierDriver.snapshot(t.applier))).doesNotContain(token.text().substring(7));
    }

    @Test
    void malformedSectionsAreRefusedNamingTheProblemAndLeaveTheStateUntouched() {
        TokenFixture t = sample();
        var before = t.applier.digest();
        byte[] good = ApplierDriver.snapshot(t.applier);
        Sha256 low = Sha256.of(new byte[32]);
        Sha256 high = Sha256.fromHex("ff".repeat(32));

        assertRefused(t, Arrays.copyOf(good, good.length - 1), "is truncated");
        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        assertRefused(t, badMagic, "starts with 0x58474A54, not the magic 0x4D474A54 ('MGJT')");
        assertRefused(t, section(7, -1), "has format version 7; this plugin reads version 1");
        assertRefused(t, section(1, -2), "has a negative token count -2");
        assertRefused(t, section(1, 2, issued(high), issued(low)),
                "lists token " + low + " after " + high + ": hashes must ascend");
        assertRefused(t, section(1, 1, out -> {
            out.write(low.bytes().toByteArray());
            out.writeByte(9);
        }), "gives token " + low + " unknown state code 9");

        assertThat(t.applier.digest()).isEqualTo(before);
    }

    private static void assertRefused(TokenFixture t, byte[] section, String problem) {
        assertThatThrownBy(() -> ApplierDriver.restore(t.applier, section, 100))
                .isInstanceOf(IOException.class)
                .hasMessage("join-token snapshot section " + problem);
    }

    private interface Writes {
        void to(DataOutputStream out) throws IOException;
    }

    private static Writes issued(Sha256 hash) {
        return out -> {
            out.write(hash.bytes().toByteArray());
            out.writeByte(0);
            out.writeLong(T0);
        };
    }

    private static byte[] section(int version, int count, Writes... tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x4D47_4A54);
            out.writeInt(version);
            out.writeInt(count);
            for (Writes w : tokens) {
                w.to(out);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }
}
