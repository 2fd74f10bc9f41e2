package io.metagroup.plugin.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.Sha256;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.plugin.tls.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustSnapshotTest {
    private static final TestPki.Issued A = TestPki.ca("snap-a");
    private static final TestPki.Issued B = TestPki.ca("snap-b");
    private static final TestPki.Issued C = TestPki.ca("snap-c");

    @TempDir
    Path dir;

    private TrustFixture sample() {
        TrustFixture t = TrustFixture.trusting(dir.resolve("source"), A, B, C);
        t.remove(B);
        return t;
    }

    @Test
    void aRestoredApplierHasTheSameSetDigestFilesAndIndex() throws IOException {
        TrustFixture source = sample();
        TrustFixture copy = TrustFixture.in(dir.resolve("copy"));
        var manager = copy.source.trustManager();

        ApplierDriver.restore(copy.applier, ApplierDriver.snapshot(source.applier), 4);

        assertThat(copy.source.trustSet()).isEqualTo(source.source.trustSet());
        assertThat(copy.source.trustManager()).isSameAs(manager);
        assertThat(manager.getAcceptedIssuers()).hasSize(2);
        assertThat(copy.applier.digest()).isEqualTo(source.applier.digest());
        assertThat(copy.applier.appliedIndex()).isEqualTo(4);
        assertThat(copy.trustDirFiles()).isEqualTo(source.trustDirFiles());
        assertThat(ApplierDriver.snapshot(copy.applier)).isEqualTo(ApplierDriver.snapshot(source.applier));
    }

    @Test
    void restoringASmallerSetRemovesTrustAndFiles() throws IOException {
        TrustFixture small = TrustFixture.trusting(dir.resolve("small"), C);
        TrustFixture t = sample();

        ApplierDriver.restore(t.applier, ApplierDriver.snapshot(small.applier), 10);

        assertThat(t.source.trustSet().fingerprints()).containsExactly(C.fingerprint());
        assertThat(t.trustDirFiles()).containsExactly(TrustFixture.fileOf(C));
    }

    @Test
    void theSameSetReachedInAnotherOrderEncodesToTheSameBytes() {
        TrustFixture a = TrustFixture.trusting(dir.resolve("a"), A, C);
        TrustFixture b = TrustFixture.trusting(dir.resolve("b"), C, B, A);
        b.remove(B);

        assertThat(ApplierDriver.snapshot(b.applier)).isEqualTo(ApplierDriver.snapshot(a.applier));
        assertThat(b.applier.digest()).as("the digest covers state, not indexes").isEqualTo(a.applier.digest());
    }

    @Test
    void theDigestFollowsTheReplicatedSetNotTheSeed() {
        TrustFixture one = TrustFixture.trusting(dir.resolve("one"), A);
        TrustFixture empty = TrustFixture.in(dir.resolve("empty"));

        assertThat(one.applier.digest()).isNotEqualTo(empty.applier.digest());
        one.add(B);
        assertThat(one.applier.digest()).isNotEqualTo(TrustFixture.trusting(dir.resolve("two"), A).applier.digest());
    }

    @Test
    void malformedSectionsAreRefusedNamingTheProblemAndLeaveTheStateUntouched() {
        TrustFixture t = sample();
        var before = t.applier.digest();
        byte[] good = ApplierDriver.snapshot(t.applier);
        byte[] der = A.der().toByteArray();

        assertRefused(t, Arrays.copyOf(good, good.length - 1), "is truncated");
        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        assertRefused(t, badMagic, "starts with 0x58474341, not the magic 0x4D474341 ('MGCA')");
        assertRefused(t, section(2, -1), "has format version 2; this plugin reads version 1");
        assertRefused(t, section(1, -1), "has a negative CA count -1");
        TestPki.Issued low = A.fingerprint().compareTo(B.fingerprint()) < 0 ? A : B;
        TestPki.Issued high = low == A ? B : A;
        assertRefused(t, section(1, 2, entry(high.fingerprint(), high.der().toByteArray()),
                        entry(low.fingerprint(), low.der().toByteArray())),
                "lists CA " + low.fingerprint() + " after " + high.fingerprint() + ": fingerprints must ascend");
        assertRefused(t, section(1, 1, entry(A.fingerprint(), new byte[0])),
                "gives CA " + A.fingerprint() + " a certificate of 0 bytes (1..1048576)");
        assertRefused(t, section(1, 1, entry(B.fingerprint(), der)),
                "holds for CA " + B.fingerprint() + " a certificate whose SHA-256 is " + A.fingerprint());

        assertThat(t.applier.digest()).isEqualTo(before);
        assertThat(t.applier.appliedIndex()).isEqualTo(4);
    }

    private static void assertRefused(TrustFixture t, byte[] section, String problem) {
        assertThatThrownBy(() -> ApplierDriver.restore(t.applier, section, 100))
                .isInstanceOf(IOException.class)
                .hasMessage("tls-trust snapshot section " + problem);
    }

    private interface Writes {
        void to(DataOutputStream out) throws IOException;
    }

    private static Writes entry(Sha256 fingerprint, byte[] der) {
        return out -> {
            out.write(fingerprint.bytes().toByteArray());
            out.writeInt(der.length);
            out.write(der);
        };
    }

    private static byte[] section(int version, int count, Writes... entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x4D47_4341);
            out.writeInt(version);
            out.writeInt(count);
            for (Writes e : entries) {
                e.to(out);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }
}
