package io.metagroup.plugin.migration.internal;

import static io.metagroup.plugin.migration.internal.Fixtures.addLearner;
import static io.metagroup.plugin.migration.internal.Fixtures.checkpoint;
import static io.metagroup.plugin.migration.internal.Fixtures.id;
import static io.metagroup.plugin.migration.internal.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.plugin.migration.MigrationRow;
import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.spi.LocalFaultException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * A node refuses to start, with a message naming the file and what to do, rather than serve rows from a store file
 * that is not a MapDB file, is corrupt, is some other program's MapDB file, holds a damaged row, was written by a
 * newer plugin, or is in use by another instance or process. Moving the file away lets the node start empty.
 */
class StoreRefusalTest {
    @TempDir
    Path dir;

    private Path file() {
        return Fixtures.storeFile(dir);
    }

    /** A store holding three rows, closed. */
    private void writeStore() throws Exception {
        try (MigrationApplier applier = Fixtures.open(dir)) {
            ApplierDriver driver = new ApplierDriver(applier);
            for (int m = 1; m <= 3; m++) {
                driver.apply(checkpoint(id(m), addLearner(m), 0, m));
            }
        }
    }

    private void assertRefused(String what) {
        assertThatThrownBy(() -> Fixtures.open(dir)).isInstanceOf(LocalFaultException.class)
                .hasMessageContaining(file().toString()).hasMessageContaining(what)
                .hasMessageContaining("Move it away");
    }

    /** Opens a store file as the plugin writes it, to change it behind the plugin's back. */
    private void damageHeader() throws Exception {
        byte[] bytes = Files.readAllBytes(file());
        bytes[12] ^= 0x40;
        Files.write(file(), bytes);
    }

    private static DB rawMapDb(Path file) {
        return DBMaker.fileDB(file.toFile()).fileChannelEnable().checksumStoreEnable().make();
    }

    @Test
    void aFileThatIsNotMapDbIsRefusedUntouched() throws Exception {
        byte[] text = "id,phase\n1,AddLearner\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file(), text);
        assertRefused("is not a MapDB file");
        assertThat(Files.readAllBytes(file())).isEqualTo(text);
    }

    @Test
    void aCorruptFileIsRefused() throws Exception {
        writeStore();
        byte[] bytes = Files.readAllBytes(file());
        // damage the bytes of a stored row: MapDB's checksum or the row's own CRC32C must catch it
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(id(2));
        assertThat(at).as("the row of %s is in the file", id(2)).isPositive();
        bytes[at + 40] ^= 0x10;
        Files.write(file(), bytes);
        assertThatThrownBy(() -> Fixtures.open(dir)).isInstanceOf(LocalFaultException.class)
                .hasMessageContaining(file().toString()).hasMessageContaining("Move it away")
                .message().containsAnyOf("is corrupt", "damaged row");
    }

    @Test
    void aDamagedHeaderIsRefused() throws Exception {
        writeStore();
        damageHeader();
        assertRefused("is corrupt");
    }

    @Test
    void anotherProgramsMapDbFileIsRefused() throws Exception {
        try (DB foreign = DBMaker.fileDB(file().toFile()).transactionEnable().make()) {
            foreign.treeMap("orders", Serializer.STRING, Serializer.STRING).create().put("1", "x");
            foreign.commit();
        }
        assertRefused("not a Metagroup migration store");
    }

    @Test
    void aRowThatFailsItsCrcIsNeverServed() throws Exception {
        writeStore();
        try (DB raw = rawMapDb(file())) {
            BTreeMap<String, byte[]> rows = raw.treeMap(MigrationStore.ROWS, Serializer.STRING, Serializer.BYTE_ARRAY).open();
            byte[] row = rows.get(id(2));
            row[row.length / 2] ^= 0x01;
            rows.put(id(2), row);
            raw.commit();
        }
        assertRefused("damaged row under key '" + id(2) + "'");
    }

    @Test
    void aRowStoredUnderAnotherIdIsNeverServed() throws Exception {
        writeStore();
        try (DB raw = rawMapDb(file())) {
            BTreeMap<String, byte[]> rows = raw.treeMap(MigrationStore.ROWS, Serializer.STRING, Serializer.BYTE_ARRAY).open();
            rows.put(id(3), RowCodec.encode(MigrationRow.first(checkpoint(id(1), addLearner(1), 0, 1))));
            raw.commit();
        }
        assertRefused("holds the row of migration " + id(1) + " under key '" + id(3) + "'");
    }

    @Test
    void aStoreWrittenByANewerPluginIsRefused() throws Exception {
        MigrationStore.open(dir, 99).close();
        assertThatThrownBy(() -> Fixtures.open(dir)).isInstanceOf(LocalFaultException.class)
                .hasMessageContaining(file().toString()).hasMessageContaining("plugin version 99")
                .hasMessageContaining("this node runs plugin version " + MigrationPlugin.VERSION);
    }

    @Test
    void aSecondInstanceInTheSameProcessIsRefused() throws Exception {
        try (MigrationApplier first = Fixtures.open(dir)) {
            assertThatThrownBy(() -> Fixtures.open(dir)).isInstanceOf(LocalFaultException.class)
                    .hasMessageContaining("locked by another instance in this process")
                    .hasMessageContaining(dir.resolve(MigrationStore.LOCK_NAME).toString());
            new ApplierDriver(first).apply(checkpoint(id(1), addLearner(1), 0, 1));
        }
        try (MigrationApplier second = Fixtures.open(dir)) {
            assertThat(table(second).get(id(1))).isPresent();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aStoreOpenInAnotherProcessIsRefused() throws Exception {
        try (ChildJvm holder = ChildJvm.start(dir, 1, "hold", 0)) {
            holder.await("OPEN ");
            assertThatThrownBy(() -> Fixtures.open(dir)).isInstanceOf(LocalFaultException.class)
                    .hasMessageContaining("locked by another process");
        }
        try (MigrationApplier after = Fixtures.open(dir)) {
            assertThat(after.appliedIndex()).isZero();
        }
    }

    @Test
    void movingARefusedFileAwayLetsTheNodeStartEmpty() throws Exception {
        writeStore();
        damageHeader();
        assertRefused("is corrupt");
        Files.move(file(), dir.resolve("broken.db"));
        try (MigrationApplier fresh = Fixtures.open(dir)) {
            assertThat(fresh.appliedIndex()).isZero();
            assertThat(table(fresh).rows()).isEmpty();
        }
    }
}
