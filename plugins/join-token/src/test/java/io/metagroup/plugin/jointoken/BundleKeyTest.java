package io.metagroup.plugin.jointoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BundleKeyTest {
    private static final JoinToken TOKEN = JoinToken.parse("abc123.00112233445566778899aabbccddeeff");
    private static final byte[] BUNDLE = "peers=10.0.0.1:7000;ca=...".getBytes(StandardCharsets.UTF_8);

    @Test
    void theKeyIsHkdfSha256OfTheSecretWithTheDocumentedSaltAndTheClusterIdAsInfo() {
        byte[] key = JoinKeys.deriveBundleKey(TOKEN.secret(), "prod-east");

        assertThat(key).hasSize(32).isEqualTo(Hkdf.derive("metagroup join bundle v1".getBytes(StandardCharsets.UTF_8),
                TOKEN.secret(), "prod-east".getBytes(StandardCharsets.UTF_8), 32));
        assertThat(JoinKeys.deriveBundleKey(TOKEN.secret(), "prod-east")).as("both sides derive the same").isEqualTo(key);
    }

    @Test
    void anotherClusterOrAnotherSecretGivesAnotherKey() {
        byte[] key = JoinKeys.deriveBundleKey(TOKEN.secret(), "prod-east");
        JoinToken other = JoinToken.parse("abc123.00112233445566778899aabbccddeefe");

        assertThat(JoinKeys.deriveBundleKey(TOKEN.secret(), "prod-west")).isNotEqualTo(key);
        assertThat(JoinKeys.deriveBundleKey(other.secret(), "prod-east")).isNotEqualTo(key);
    }

    @Test
    void aBundleVerifiesOnlyUnderItsKeyAndUnchanged() {
        byte[] key = JoinKeys.deriveBundleKey(TOKEN.secret(), "c1");
        byte[] mac = JoinKeys.bundleMac(key, BUNDLE);
        byte[] tampered = BUNDLE.clone();
        tampered[0] ^= 1;
        byte[] badMac = mac.clone();
        badMac[31] ^= (byte) 0x80;

        assertThat(JoinKeys.verifyBundle(key, BUNDLE, mac)).isTrue();
        assertThat(JoinKeys.verifyBundle(key, tampered, mac)).isFalse();
        assertThat(JoinKeys.verifyBundle(key, BUNDLE, badMac)).isFalse();
        assertThat(JoinKeys.verifyBundle(key, BUNDLE, java.util.Arrays.copyOf(mac, 16))).isFalse();
        assertThat(JoinKeys.verifyBundle(JoinKeys.deriveBundleKey(TOKEN.secret(), "c2"), BUNDLE, mac)).isFalse();
    }

    @Test
    void aSecretOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> JoinKeys.deriveBundleKey(new byte[15], "c1"))
                .hasMessage("a join token secret is 16 bytes, got 15");
    }

    @Test
    void hashesCompareByValue() {
        assertThat(JoinKeys.sameHash(TOKEN.hash(), JoinToken.parse(TOKEN.text()).hash())).isTrue();
        assertThat(JoinKeys.sameHash(TOKEN.hash(), TokenFixture.newHash())).isFalse();
    }
}
