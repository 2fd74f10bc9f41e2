package io.metagroup.example.catalog;

import static io.metagroup.example.catalog.CatalogFixture.collection;
import static io.metagroup.example.catalog.CatalogFixture.grant;
import static io.metagroup.example.catalog.CatalogFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.plugin.testkit.ApplierDriver;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The snapshot section carries the whole catalog, is canonical, and a malformed one is refused by name. */
class CatalogSnapshotTest {

    private static CatalogFixture populated() {
        return CatalogFixture.create().given(collection("orders", "id", "total"), collection("customers", "id"),
                user("bob"), user("alice"), grant("bob", "orders", Privilege.WRITE),
                grant("alice", "customers", Privilege.READ), grant("alice", "orders", Privilege.READ));
    }

    /** A section of the given magic and version holding {@code commands}. */
    private static byte[] section(int magic, int version, CatalogCommand... commands) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeByte(version);
        out.writeInt(commands.length);
        for (CatalogCommand c : commands) {
            byte[] payload = c.payload().toByteArray();
            out.writeInt(payload.length);
            out.write(payload);
        }
        return bytes.toByteArray();
    }

    private static final int MAGIC = 0x4354_4C47;

    @Test
    void aRestoredApplierHoldsTheSameCatalogAndDigestAtTheGivenIndex() throws Exception {
        CatalogFixture source = populated();
        CatalogFixture target = CatalogFixture.create();

        ApplierDriver.restore(target.applier, ApplierDriver.snapshot(source.applier), 42);

        assertThat(target.catalog()).isEqualTo(source.catalog());
        assertThat(target.applier.digest()).isEqualTo(source.applier.digest());
        assertThat(target.applier.appliedIndex()).isEqualTo(42);
    }

    @Test
    void aRestoredApplierGoesOnLikeTheOriginal() throws Exception {
        CatalogFixture source = populated();
        CatalogFixture target = CatalogFixture.create();
        ApplierDriver.restore(target.applier, ApplierDriver.snapshot(source.applier), source.applier.appliedIndex());

        for (CatalogFixture f : new CatalogFixture[] {source, target}) {
            f.given(new CatalogCommand.DropCollection("orders"), user("carol"));
            f.apply(grant("dave", "customers", Privilege.READ));
        }

        assertThat(target.applier.digest()).isEqualTo(source.applier.digest());
        assertThat(target.applier.appliedIndex()).isEqualTo(source.applier.appliedIndex());
    }

    @Test
    void theSectionIsTheCanonicalCommandsInTheirPayloadFormat() throws Exception {
        CatalogFixture t = populated();

        assertThat(ApplierDriver.snapshot(t.applier))
                .isEqualTo(section(MAGIC, 1, t.catalog().commands().toArray(CatalogCommand[]::new)));
    }

    @Test
    void oneCatalogReachedInAnotherOrderHasTheSameBytesAndDigest() {
        CatalogFixture a = populated();
        CatalogFixture b = CatalogFixture.create().given(user("alice"), collection("customers", "id"),
                grant("alice", "customers", Privilege.READ), user("bob"), collection("orders", "id", "total"),
                grant("alice", "orders", Privilege.READ), grant("bob", "orders", Privilege.WRITE));

        assertThat(ApplierDriver.snapshot(b.applier)).isEqualTo(ApplierDriver.snapshot(a.applier));
        assertThat(b.applier.digest()).isEqualTo(a.applier.digest());
    }

    @Test
    void theDigestChangesWithTheCatalog() {
        CatalogFixture t = CatalogFixture.create();
        var empty = t.applier.digest();
        t.given(user("alice"));
        var one = t.applier.digest();
        t.given(new CatalogCommand.DropUser("alice"));

        assertThat(one).isNotEqualTo(empty);
        assertThat(t.applier.digest()).isEqualTo(empty);
    }

    @Test
    void anEmptyCatalogRestores() throws Exception {
        CatalogFixture t = populated();

        ApplierDriver.restore(t.applier, section(MAGIC, 1), 3);

        assertThat(t.catalog()).isEqualTo(Catalog.empty());
    }

    private static void refused(byte[] section, String message) {
        CatalogFixture t = populated();
        Catalog before = t.catalog();
        assertThatThrownBy(() -> ApplierDriver.restore(t.applier, section, 9))
                .isInstanceOf(IOException.class).hasMessage("catalog snapshot section " + message);
        assertThat(t.catalog()).as("a refused section changes nothing").isSameAs(before);
    }

    @Test
    void aSectionOfAnotherPluginIsRefused() throws Exception {
        refused(section(0x4D475450, 1), "starts with 0x4D475450, not the magic 0x43544C47 ('CTLG')");
    }

    @Test
    void aNewerFormatVersionIsRefused() throws Exception {
        refused(section(MAGIC, 2), "has format version 2; this plugin reads version 1");
    }

    @Test
    void aTruncatedSectionIsRefused() throws Exception {
        byte[] whole = ApplierDriver.snapshot(populated().applier);

        refused(Arrays.copyOf(whole, whole.length - 1), "is truncated");
        refused(Arrays.copyOf(whole, 7), "is truncated");
    }

    @Test
    void bytesAfterTheLastCommandAreRefused() throws Exception {
        byte[] whole = ApplierDriver.snapshot(populated().applier);

        refused(Arrays.copyOf(whole, whole.length + 1), "has bytes after its last command");
    }

    @Test
    void aCommandOfImpossibleLengthIsRefused() throws Exception {
        byte[] bytes = section(MAGIC, 1, user("alice"));
        bytes[9] = 0x7F; // the first byte of the first command's length (after magic, version, count)

        refused(bytes, "gives command #1 a length of " + (0x7F000000 | user("alice").payload().length())
                + " bytes; 1 to 65536 are allowed");
    }

    @Test
    void aSectionThatBreaksARuleIsRefused() throws Exception {
        refused(section(MAGIC, 1, collection("orders", "id"), grant("alice", "orders", Privilege.READ)),
                "command #2: GRANT READ ON orders TO alice refused: no user 'alice'");
    }

    @Test
    void aCommandThatDoesNotDecodeIsRefused() throws Exception {
        byte[] bytes = section(MAGIC, 1, user("alice"));
        bytes[13 + 2] = 9; // the first command's tag (after its length, the payload's magic and version)

        refused(bytes, "command #1: payload has unknown command tag 9 (1 to 6 are defined)");
    }
}
