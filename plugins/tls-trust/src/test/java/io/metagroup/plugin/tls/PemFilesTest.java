package io.metagroup.plugin.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.plugin.tls.testing.TestPki;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {
    private static final TestPki.Issued CA = TestPki.ca("pem-ca");
    private static final TestPki.Issued NODE = TestPki.leaf(CA, "pem-node");

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String pkcs8(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    private static String bouncyCastlePem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    @Test
    void aCertificateWrittenAsPemReadsBackTheSame() throws IOException {
        String pem = PemFiles.toPem(CA.cert());

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n");
        assertThat(pem.lines().filter(l -> !l.startsWith("-----"))).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(64));
        assertThat(PemFiles.readCertificate(file("ca.pem", pem))).isEqualTo(CA.cert());
        assertThat(pem).isEqualTo(bouncyCastlePem(CA.cert()).replace("\r\n", "\n"));
    }

    @Test
    void aChainIsReadInFileOrderIgnoringTextAroundTheBlocks() throws IOException {
        Path chain = file("chain.pem", "subject=CN=pem-node\n" + PemFiles.toPem(NODE.cert()) + "\nissuer\n"
                + PemFiles.toPem(CA.cert()));

        assertThat(PemFiles.readCertificates(chain)).containsExactly(NODE.cert(), CA.cert());
        assertThatThrownBy(() -> PemFiles.readCertificate(chain)).isInstanceOf(IOException.class)
                .hasMessage(chain + " holds 2 certificates; exactly one was expected");
    }

    @Test
    void aFileWithoutCertificateOrWithADamagedOneIsRefused() throws IOException {
        Path empty = file("empty.pem", "nothing here\n");
        Path damaged = file("damaged.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> PemFiles.readCertificates(empty)).isInstanceOf(IOException.class)
                .hasMessage(empty + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        assertThatThrownBy(() -> PemFiles.readCertificates(damaged)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("certificate 1 of " + damaged + " does not parse: ");
        assertThatThrownBy(() -> PemFiles.readCertificates(dir.resolve("missing.pem"))).isInstanceOf(IOException.class);
    }

    @Test
    void pkcs8KeysOfEachCommonAlgorithmAreRead() throws Exception {
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            KeyPair keys = KeyPairGenerator.getInstance(algorithm).generateKeyPair();

            PrivateKey read = PemFiles.readPrivateKey(file(algorithm + ".key", pkcs8(keys.getPrivate())));

            assertThat(read.getEncoded()).as(algorithm).isEqualTo(keys.getPrivate().getEncoded());
        }
    }

    @Test
    void aLegacyKeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path rsa = file("rsa.key", bouncyCastlePem(KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate()));
        Path ec = file("ec.key", bouncyCastlePem(NODE.keys().getPrivate()));

        assertThatThrownBy(() -> PemFiles.readPrivateKey(rsa)).isInstanceOf(IOException.class)
                .hasMessage(rsa + " holds a RSA private key in its legacy format; Metagroup reads PKCS#8 (-----BEGIN "
                        + "PRIVATE KEY-----); convert it with: openssl pkcs8 -topk8 -nocrypt -in " + rsa + " -out KEY.pem");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(ec)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(ec + " holds a EC private key in its legacy format");
    }

    @Test
    void anEncryptedKeyIsRefused() throws Exception {
        OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword("secret".toCharArray()).build();
        Path encrypted = file("enc.key", bouncyCastlePem(new JcaPKCS8Generator(NODE.keys().getPrivate(), encryptor)));

        assertThatThrownBy(() -> PemFiles.readPrivateKey(encrypted)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(encrypted + " holds an encrypted private key; Metagroup reads unencrypted PKCS#8");
    }

    @Test
    void aMissingDuplicatedOrDamagedKeyIsRefusedWithoutShowingIt() throws Exception {
        Path none = file("none.key", PemFiles.toPem(CA.cert()));
        Path two = file("two.key", pkcs8(NODE.keys().getPrivate()) + pkcs8(CA.keys().getPrivate()));
        Path damaged = file("bad.key", "-----BEGIN PRIVATE KEY-----\nAAAAAAAA\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> PemFiles.readPrivateKey(none)).hasMessage(none + " holds no PEM private key "
                + "(-----BEGIN PRIVATE KEY-----)");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(two)).hasMessage(two + " holds 2 private keys; exactly one "
                + "was expected");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(damaged)).hasMessage("the PKCS#8 private key in " + damaged
                + " is not a key of RSA, EC, EdDSA, RSASSA-PSS, DSA (or it is damaged)");
    }

    @Test
    void aKeyAndItsChainMakeAKeyManagerPresentingThem() throws Exception {
        Path key = file("node.key", pkcs8(NODE.keys().getPrivate()));
        Path chain = file("node.pem", PemFiles.toPem(NODE.cert()) + PemFiles.toPem(CA.cert()));

        var manager = TlsTrust.keyManager(PemFiles.readPrivateKey(key), PemFiles.readCertificates(chain));
        String alias = manager.chooseClientAlias(new String[] {"EC"}, null, null);

        assertThat(manager.getCertificateChain(alias)).containsExactly(NODE.cert(), CA.cert());
        assertThat(manager.getPrivateKey(alias).getEncoded()).isEqualTo(NODE.keys().getPrivate().getEncoded());
    }
}
