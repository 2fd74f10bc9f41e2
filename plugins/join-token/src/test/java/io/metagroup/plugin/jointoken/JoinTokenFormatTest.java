package io.metagroup.plugin.jointoken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JoinTokenFormatTest {
    private static final String FORM = "a join token is 6 lower-case letters or digits, '.', and 32 lower-case hex digits";
    private static final String SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    @Test
    void aGeneratedTokenIsAnIdADotAndAHexSecret() {
        JoinToken token = JoinToken.generate(TokenFixture.RANDOM);

        assertThat(token.text()).matches("[a-z0-9]{6}\\.[0-9a-f]{32}");
        assertThat(token.id()).isEqualTo(token.text().substring(0, 6));
        assertThat(token.secret()).hasSize(16);
        assertThat(JoinToken.parse(token.text())).isEqualTo(token);
    }

    @Test
    void generatedTokensDiffer() {
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            texts.add(JoinToken.generate(TokenFixture.RANDOM).text());
        }

        assertThat(texts).hasSize(200);
    }

    @Test
    void theHashIsTheSha256OfTheWholeTokenText() throws Exception {
        JoinToken token = JoinToken.parse("  k3x9q2." + SECRET + "\n");
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(("k3x9q2." + SECRET).getBytes(StandardCharsets.UTF_8));

        assertThat(token.hash()).isEqualTo(Sha256.of(expected));
        assertThat(token.matches(Sha256.of(expected))).isTrue();
        assertThat(token.matches(JoinToken.parse("k3x9q3." + SECRET).hash())).as("the id is part of it").isFalse();
    }

    @Test
    void theSecretNeverShowsInToStringOrInParseErrors() {
        assertThat(JoinToken.parse("k3x9q2." + SECRET)).hasToString("k3x9q2.<secret hidden>");

        assertRefused(SECRET, "the text has no '.'");
        assertRefused("K3X9Q2." + SECRET, "the token id before '.' is not");
        assertRefused("k3x9q." + SECRET, "the token id before '.' is not");
        assertRefused("k3-9q2." + SECRET, "the token id before '.' is not");
        assertRefused("k3x9q2." + SECRET.toUpperCase(), "the secret after '.' is not");
        assertRefused("k3x9q2." + SECRET.substring(1), "the secret after '.' is not");
        assertRefused("k3x9q2." + SECRET + "0", "the secret after '.' is not");
        assertRefused("k3x9q2." + SECRET.replace('f', 'g'), "the secret after '.' is not");
        assertRefused("k3x9q2.." + SECRET, "the secret after '.' is not");
    }

    private static void assertRefused(String text, String part) {
        assertThatThrownBy(() -> JoinToken.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(FORM + "; " + part)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET.substring(0, 8)));
    }
}
