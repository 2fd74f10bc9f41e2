package io.metagroup.plugin.audit.internal;

import com.google.auto.service.AutoService;
import io.metagroup.plugin.audit.DescriptorVersionReader;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.DeclaredPlugin;
import io.metagroup.spi.MetadataApplier;
import io.metagroup.spi.PluginContext;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The {@code audit} plugin: one fsync'd, chained audit record per {@code CatalogDdlAudited} entry. Its applier
 * implements {@link io.metagroup.plugin.audit.AuditTrail}.
 *
 * <p>Setting ({@code plugin.audit.<key>}), local to a node: {@code segmentBytes} (default
 * {@value #DEFAULT_SEGMENT_BYTES}), the size past which the next frame starts a new segment file.
 *
 * <p>Descriptor versions: the plugin looks up one {@link DescriptorVersionReader} with {@link ServiceLoader}; with
 * none, records hold no versions; with more than one, it refuses to start.
 */
@AutoService(ApplierPlugin.class)
public final class AuditPlugin extends DeclaredPlugin {
    /** The plugin id, also its snapshot section name. */
    public static final String ID = "audit";
    /** Version of the audit record, segment and snapshot formats; raised whenever one changes. */
    public static final int VERSION = 1;
    /** Default of the {@code segmentBytes} setting: 64 MiB. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

    /** For ServiceLoader. */
    public AuditPlugin() {
        super(ID, VERSION, Set.of());
    }

    /**
     * Opens the audit log in the plugin's data dir.
     *
     * @throws io.metagroup.spi.LocalFaultException when the log is locked, damaged or unreadable (the message names
     *                                              the file and what to do)
     * @throws IllegalArgumentException             when a setting is invalid
     * @throws IllegalStateException                when more than one {@link DescriptorVersionReader} is installed
     */
    @Override
    public MetadataApplier create(PluginContext context) throws Exception {
        long segmentBytes = context.setting("segmentBytes").map(AuditPlugin::segmentBytes).orElse(DEFAULT_SEGMENT_BYTES);
        return AuditApplier.open(context.dataDir(), segmentBytes, versionReader());
    }

    private static long segmentBytes(String text) {
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 4096) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("setting plugin." + ID + ".segmentBytes must be a whole number of at least "
                + "4096, got '" + text + "'");
    }

    private static Optional<DescriptorVersionReader> versionReader() {
        List<DescriptorVersionReader> readers = ServiceLoader.load(DescriptorVersionReader.class).stream()
                .map(ServiceLoader.Provider::get).collect(Collectors.toList());
        if (readers.size() > 1) {
            throw new IllegalStateException("more than one " + DescriptorVersionReader.class.getSimpleName()
                    + " is installed (" + readers.stream().map(r -> r.getClass().getName()).sorted()
                    .collect(Collectors.joining(", ")) + "); install at most one");
        }
        return readers.stream().findFirst();
    }
}
