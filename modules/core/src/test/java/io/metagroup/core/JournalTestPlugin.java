package io.metagroup.core;

import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Sha256;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.LocalFaultException;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.PluginContext;
import io.metagroup.spi.Transaction;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A durable applier for tests, with a store of its own: one row per audited DDL (user, statement, index), at most
 * {@value #QUOTA} per user (the next one is Rejected). Its store is a directory: {@code journal.dat} holds the rows
 * and the index of the last finished record; a prepared proposal writes {@code pending/*.rows}, which abort deletes
 * and finishing the record folds into {@code journal.dat} (temp file, then rename). Faults can be injected.
 * Depends on "topology" (for ordering only).
 */
final class JournalTestPlugin implements ApplierPlugin {
    static final String ID = "journal";
    static final int QUOTA = 3;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public java.util.Set<String> dependencies() {
        return java.util.Set.of(TopologyTestPlugin.ID);
    }

    @Override
    public MetadataApplier create(PluginContext context) throws IOException {
        return new Journal(context.dataDir());
    }

    static final class Journal implements MetadataApplier {
        private final Path store;
        private final Path pending;
        private volatile List<String> rows = List.of();
        private volatile long appliedIndex;
        private int pendingWrites;
        private int prepares;
        private String failPrepare;
        private String failFinish;

        Journal(Path dir) throws IOException {
            this.store = dir.resolve("journal.dat");
            this.pending = dir.resolve("pending");
            Files.createDirectories(pending);
            clearPending(); // an unfinished record's writes never became durable
            if (Files.exists(store)) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(store))) {
                    StateInput state = new StateInput(in, ID);
                    appliedIndex = state.i64("index");
                    rows = readRows(state);
                }
            }
        }

        /** The rows in the store under {@code dir}, read without opening a journal there. */
        static List<String> storedRows(Path dir) throws IOException {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve("journal.dat")))) {
                StateInput state = new StateInput(in, ID);
                state.i64("index");
                return readRows(state);
            }
        }

        /** The next prepare throws a LocalFaultException. */
        void failNextPrepare(String reason) {
            failPrepare = reason;
        }

        /** The next finishRecord throws a LocalFaultException. */
        void failNextFinish(String reason) {
            failFinish = reason;
        }

        List<String> rows() {
            return rows;
        }

        int prepares() {
            return prepares;
        }

        long pendingFiles() throws IOException {
            try (Stream<Path> files = Files.list(pending)) {
                return files.count();
            }
        }

        @Override
        public String id() {
            return ID;
        }

        @Override
        public long appliedIndex() {
            return appliedIndex;
        }

        @Override
        public long durableIndex() {
            return appliedIndex;
        }

        @Override
        public Transaction begin(ApplyContext context) {
            return new Staged(context);
        }

        @Override
        public void finishRecord(long index) throws LocalFaultException {
            if (failFinish != null) {
                String reason = failFinish;
                failFinish = null;
                throw new LocalFaultException("journal store failed finishing index " + index + ": " + reason);
            }
            try {
                writeStore(index, rows);
                if (pendingWrites > 0) {
                    clearPending();
                    pendingWrites = 0;
                }
            } catch (IOException e) {
                throw new LocalFaultException("journal store failed: " + e.getMessage(), e);
            }
            appliedIndex = index;
        }

        @Override
        public void writeSnapshot(OutputStream out) throws IOException {
            List<String> current = rows;
            StateOutput.write(out, state -> writeRows(state, current));
        }

        @Override
        public void restoreSnapshot(InputStream in, long index) throws IOException {
            StateInput state = new StateInput(in, ID);
            List<String> restored = readRows(state);
            state.expectEnd();
            writeStore(index, restored);
            clearPending();
            rows = restored;
            appliedIndex = index;
        }

        @Override
        public Sha256 digest() {
            List<String> current = rows;
            return StateOutput.digest(out -> writeRows(out, current));
        }

        @Override
        public void close() {
        }

        private void writeStore(long index, List<String> content) throws IOException {
            Path temporary = store.resolveSibling("journal.tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
                StateOutput.write(out, state -> {
                    state.i64(index);
                    writeRows(state, content);
                });
            }
            Files.move(temporary, store, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        private void clearPending() throws IOException {
            try (Stream<Path> files = Files.list(pending)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.delete(file);
                }
            }
        }

        private static void writeRows(StateOutput out, List<String> rows) throws IOException {
            out.i32(rows.size());
            for (String row : rows) {
                out.string(row);
            }
        }

        private static List<String> readRows(StateInput in) throws IOException {
            int count = in.count("row count");
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                rows.add(in.string("row"));
            }
            return List.copyOf(rows);
        }

        private final class Staged implements Transaction {
            private final ApplyContext context;
            private final List<String> added = new ArrayList<>();
            private final Map<String, Integer> used = new TreeMap<>();
            private Path prepared;

            Staged(ApplyContext context) {
                this.context = context;
            }

            @Override
            public Outcome apply(MetadataEntry entry) {
                if (!(entry instanceof MetadataEntry.CatalogDdlAudited audited)) {
                    return Outcome.applied();
                }
                String user = audited.authUserName();
                int count = used.computeIfAbsent(user, u -> (int) rows.stream().filter(r -> r.startsWith(u + ":")).count());
                if (count >= QUOTA) {
                    return Outcome.rejected("user " + user + " used its quota of " + QUOTA + " audited DDL");
                }
                used.put(user, count + 1);
                added.add(user + ":" + audited.sqlText() + "@" + context.index());
                return Outcome.applied();
            }

            @Override
            public void prepare() throws LocalFaultException {
                prepares++;
                if (failPrepare != null) {
                    String reason = failPrepare;
                    failPrepare = null;
                    throw new LocalFaultException("journal store failed preparing index " + context.index() + ": " + reason);
                }
                if (added.isEmpty()) {
                    return;
                }
                prepared = pending.resolve(context.index() + "-" + (pendingWrites++) + ".rows");
                try {
                    Files.write(prepared, added);
                } catch (IOException e) {
                    throw new LocalFaultException("journal store failed: " + e.getMessage(), e);
                }
            }

            @Override
            public void commit() {
                if (!added.isEmpty()) {
                    List<String> next = new ArrayList<>(rows);
                    next.addAll(added);
                    rows = List.copyOf(next);
                }
            }

            @Override
            public void abort() {
                if (prepared != null) {
                    try {
                        Files.deleteIfExists(prepared);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
    }
}
