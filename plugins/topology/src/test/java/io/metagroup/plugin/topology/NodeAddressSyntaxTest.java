package io.metagroup.plugin.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.plugin.topology.NodeAddress.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeAddressSyntaxTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "10.0.0.7:9000|10.0.0.7|9000|IPV4",
        "0.0.0.0:1|0.0.0.0|1|IPV4",
        "255.255.255.255:65535|255.255.255.255|65535|IPV4",
        "[::1]:9000|::1|9000|IPV6",
        "[::]:80|::|80|IPV6",
        "[2001:db8::8a2e:370:7334]:443|2001:db8::8a2e:370:7334|443|IPV6",
        "[1:2:3:4:5:6:7:8]:1|1:2:3:4:5:6:7:8|1|IPV6",
        "[1::]:5|1::|5|IPV6",
        "[::ffff:10.0.0.1]:80|::ffff:10.0.0.1|80|IPV6",
        "[1:2:3:4:5:6:1.2.3.4]:80|1:2:3:4:5:6:1.2.3.4|80|IPV6",
        "[FE80::A:b]:80|FE80::A:b|80|IPV6",
        "node-1.cluster.local:7000|node-1.cluster.local|7000|HOSTNAME",
        "localhost:80|localhost|80|HOSTNAME",
        "a:1|a|1|HOSTNAME",
        "1a.example:1|1a.example|1|HOSTNAME",
        "no-such-host.invalid:80|no-such-host.invalid|80|HOSTNAME",
        "10.0.0.7:00080|10.0.0.7|80|IPV4",
    })
    void parsesValidAddressesBySyntax(String text, String host, int port, Kind kind) {
        NodeAddress address = NodeAddress.parse(text);

        assertThat(address).isEqualTo(new NodeAddress(host, port, kind));
        assertThat(NodeAddress.parse(address.toString())).isEqualTo(address);
        assertThat(NodeAddress.problem(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "10.0.0.7|expected host:port",
        "10.0.0.7:|port '' is not a number",
        "10.0.0.7:0|port 0 is not from 1 to 65535",
        "10.0.0.7:65536|port 65536 is not from 1 to 65535",
        "10.0.0.7:123456|port '123456' is not a number",
        "10.0.0.7:+80|port '+80' is not a number",
        "10.0.0.7:8x|port '8x' is not a number",
        "256.0.0.1:80|octet '256'",
        "010.0.0.1:80|octet '010'",
        "1.2.3:80|it has 3 parts, not 4",
        "1.2.3.4.5:80|it has 5 parts, not 4",
        "1..3.4:80|octet ''",
        "::1:80|an IPv6 literal must be in brackets",
        "[::1]|expected ':port' after the bracketed IPv6 literal",
        "[::1]80|expected ':port' after the bracketed IPv6 literal",
        "[::1:80|has no closing ']'",
        "[fe80::1%eth0]:80|has a zone id",
        "[1::2::3]:80|more than one '::'",
        "[1:::2]:80|more than one '::'",
        "[1:2:3:4:5:6:7]:80|has 7 groups; it needs 8",
        "[1:2:3:4:5:6:7:8:9]:80|has 9 groups; it needs 8",
        "[1:2:3:4::5:6:7:8]:80|has 8 groups besides '::'; at most 7",
        "[12345::]:80|group '12345'",
        "[:1:2:3:4:5:6:7]:80|group ''",
        "[g::1]:80|group 'g'",
        "[1.2.3.4::]:80|malformed embedded IPv4 part '1.2.3.4'",
        "[::1.2.3.256]:80|malformed embedded IPv4 part",
        "[]:80|the host is empty",
        ":80|the host is empty",
        "-bad.example:80|starts or ends with '-'",
        "bad-.example:80|starts or ends with '-'",
        "bad_host:80|the character '_'",
        "a..b:80|a label of 0 characters",
        "a.:80|a label of 0 characters",
        "hôst:80|the character 'ô' (U+00F4)",
        "\" host:80\"|the character ' '",
    })
    void refusesInvalidAddressesNamingTheProblem(String text, String problem) {
        assertThatThrownBy(() -> NodeAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("address '" + text + "' is not valid: ")
                .hasMessageContaining(problem);
        assertThat(NodeAddress.problem(text)).hasValueSatisfying(p -> assertThat(p).contains(problem));
    }

    @Test
    void limitsLabelAndHostnameLengths() {
        String label63 = "a".repeat(63);
        assertThat(NodeAddress.parse(label63 + ":1").host()).isEqualTo(label63);
        assertThat(NodeAddress.problem("a".repeat(64) + ":1")).hasValueSatisfying(p -> assertThat(p)
                .contains("a label of 64 characters; labels are 1 to 63"));

        String host253 = String.join(".", label63, label63, label63, "a".repeat(61));
        assertThat(NodeAddress.parse(host253 + ":1").host()).hasSize(253);
        assertThat(NodeAddress.problem(host253 + "a:1")).hasValueSatisfying(p -> assertThat(p)
                .contains("hostname is 254 characters, more than 253"));
    }

    @Test
    void quotesLongTextShortened() {
        String text = "x".repeat(500);

        assertThat(NodeAddress.problem(text)).hasValueSatisfying(p -> assertThat(p)
                .startsWith("address '" + "x".repeat(64) + "…' is not valid").hasSizeLessThan(200));
    }

    @Test
    void theConstructorChecksItsParts() {
        assertThatThrownBy(() -> new NodeAddress("a b", 80, Kind.HOSTNAME)).hasMessageContaining("the character ' '");
        assertThatThrownBy(() -> new NodeAddress("1.2.3.4", 80, Kind.HOSTNAME))
                .hasMessageContaining("made of digits and dots but is not an IPv4 address");
        assertThatThrownBy(() -> new NodeAddress("::1", 80, Kind.IPV4)).hasMessageContaining("is not an IPv4 address");
        assertThatThrownBy(() -> new NodeAddress("10.0.0.1", 0, Kind.IPV4)).hasMessageContaining("port 0");
        assertThat(new NodeAddress("::1", 80, Kind.IPV6).toString()).isEqualTo("[::1]:80");
    }
}
