package io.metagroup.raft.support;

import io.metagroup.model.MetadataEntry;
import io.metagroup.model.Sha256;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.LocalFaultException;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.PluginContext;
import io.metagroup.spi.Transaction;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A test applier that records the text of every applied CatalogDdl payload in apply order (and every topology change
 * as {@code topology:<Variant>:<nodeId>}). Payload text
 * {@code invalid:...} is refused by its stateless check, {@code reject:...} is Rejected at apply. Setting
 * {@code plugin.recorder.fault-at-index=N} makes its store "fail" once when the record at index N is prepared.
 */
public final class Recorder implements MetadataApplier {
    /** The plugin id. */
    public static final String ID = "recorder";

    private final long faultAtIndex;
    private boolean faulted;
    private volatile List<String> applied = List.of();
    private volatile long appliedIndex;

    private Recorder(long faultAtIndex) {
        this.faultAtIndex = faultAtIndex;
    }

    /** The plugin. */
    public static ApplierPlugin plugin() {
        return new ApplierPlugin() {
            @Override
            public String id() {
                return ID;
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public MetadataApplier create(PluginContext context) {
                return new Recorder(context.setting("fault-at-index").map(Long::parseLong).orElse(-1L));
            }
        };
    }

    /** A CatalogDdl whose payload is {@code text}. */
    public static MetadataEntry.CatalogDdl ddl(String text) {
        return new MetadataEntry.CatalogDdl(io.metagroup.model.Bytes.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The payloads applied so far, in order. */
    public List<String> applied() {
        return applied;
    }

    /** How many times each payload was applied. */
    public TreeMap<String, Integer> counts() {
        TreeMap<String, Integer> counts = new TreeMap<>();
        for (String s : applied) {
            counts.merge(s, 1, Integer::sum);
        }
        return counts;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<String> validate(MetadataEntry entry) {
        if (entry instanceof MetadataEntry.CatalogDdl ddl && text(ddl).startsWith("invalid:")) {
            return Optional.of("payloads starting with 'invalid:' are refused");
        }
        return Optional.empty();
    }

    @Override
    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public Transaction begin(ApplyContext context) {
        List<String> staged = new ArrayList<>();
        return new Transaction() {
            @Override
            public Outcome apply(MetadataEntry entry) {
                if (entry instanceof MetadataEntry.CatalogDdl ddl) {
                    String text = text(ddl);
                    if (text.startsWith("reject:")) {
                        return Outcome.rejected("payloads starting with 'reject:' are rejected at apply");
                    }
                    staged.add(text);
                } else if (entry instanceof io.metagroup.model.TopologyChange change) {
                    staged.add("topology:" + change.getClass().getSimpleName() + ":" + change.nodeId());
                }
                return Outcome.applied();
            }

            @Override
            public void prepare() throws LocalFaultException {
                if (context.index() == faultAtIndex && !faulted) {
                    faulted = true;
                    throw new LocalFaultException("injected store failure at index " + context.index());
                }
            }

            @Override
            public void commit() {
                if (!staged.isEmpty()) {
                    List<String> next = new ArrayList<>(applied);
                    next.addAll(staged);
                    applied = List.copyOf(next);
                }
            }

            @Override
            public void abort() {
                staged.clear();
            }
        };
    }

    @Override
    public void finishRecord(long index) {
        appliedIndex = index;
    }

    @Override
    public void writeSnapshot(OutputStream out) throws IOException {
        var data = new DataOutputStream(out);
        List<String> now = applied;
        data.writeInt(now.size());
        for (String s : now) {
            data.writeUTF(s);
        }
        data.flush();
    }

    @Override
    public void restoreSnapshot(InputStream in, long index) throws IOException {
        var data = new DataInputStream(in);
        int n = data.readInt();
        List<String> restored = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            restored.add(data.readUTF());
        }
        applied = List.copyOf(restored);
        appliedIndex = index;
    }

    @Override
    public Sha256 digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String s : applied) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                md.update((byte) (b.length >>> 24));
                md.update((byte) (b.length >>> 16));
                md.update((byte) (b.length >>> 8));
                md.update((byte) b.length);
                md.update(b);
            }
            return Sha256.of(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MetadataEntry.CatalogDdl ddl) {
        return new String(ddl.payload().toByteArray(), StandardCharsets.UTF_8);
    }
}
