package io.metagroup.cli;

import io.metagroup.model.Bytes;
import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.RoutingChange;
import io.metagroup.model.TopologyChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The human-readable forms of metadata entries that {@code metagroup propose} takes, for example
 * {@code topology join --node 4 --addr 127.0.0.1:7004} or {@code lease grant --descriptor 1:collection:users
 * --version 3 --node 2 --expires-in 30s}. A {@code batch --file F} holds one form per line.
 */
@Command(name = "propose", mixinStandardHelpOptions = false,
        description = "Propose one metadata entry, written in one of the forms below.",
        subcommands = {EntryForms.Ddl.class, EntryForms.Topology.class, EntryForms.Routing.class,
                EntryForms.Version.class, EntryForms.Lease.class, EntryForms.Drain.class,
                EntryForms.Surrogate.class, EntryForms.BatchForm.class})
public final class EntryForms {

    /** What a form may need besides its arguments. */
    record Context(LongSupplier nowNanos, Path baseDir) {
        Path resolve(Path file) {
            return baseDir.resolve(file);
        }
    }

    /** A leaf form: builds its entry. */
    interface Form {
        MetadataEntry entry(Context context) throws IOException;
    }

    private EntryForms() {}

    /**
     * Parses one form (the words after {@code propose}) into an entry.
     *
     * @param nowNanos wall clock for relative expiries such as {@code --expires-in}; read here, by the proposer
     * @param baseDir  where relative file names are resolved
     * @throws CommandLine.ParameterException on a bad form or value (its message names what and how to fix it)
     * @throws IOException when a named file cannot be read
     */
    public static MetadataEntry parse(List<String> words, LongSupplier nowNanos, Path baseDir) throws IOException {
        return parse(words, new Context(nowNanos, baseDir));
    }

    static MetadataEntry parse(List<String> words, Context context) throws IOException {
        CommandLine cli = commandLine();
        ParseResult result = cli.parseArgs(words.toArray(String[]::new));
        ParseResult leaf = result;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        Object command = leaf.commandSpec().userObject();
        if (!(command instanceof Form)) {
            throw new CommandLine.ParameterException(leaf.commandSpec().commandLine(),
                    "'" + String.join(" ", words) + "' is not a complete form; try: "
                            + String.join(", ", leaf.commandSpec().subcommands().keySet()));
        }
        try {
            return ((Form) command).entry(context);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CommandLine.ParameterException(leaf.commandSpec().commandLine(), e.getMessage(), e, null, String.join(" ", words));
        }
    }

    /** The picocli command tree of the forms, for usage help. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EntryForms());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    /** Splits a line into words on white space, keeping "double-quoted text" (with \" and \\ escapes) whole. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '"') {
                    quoted = true;
                } else {
                    word.append(c);
                }
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote in: " + line);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    @Command(name = "ddl", description = "A catalog DDL entry whose payload is a file's bytes; audited when --user-id is given.")
    static final class Ddl implements Form {
        @Option(names = "--file", required = true, description = "the payload file (host-defined bytes)")
        Path file;

        @ArgGroup(exclusive = false)
        Audit audit;

        static final class Audit {
            @Option(names = "--user-id", required = true, description = "authenticated user id (makes the entry audited)")
            String userId;

            @Option(names = "--user-name", required = true, description = "authenticated user name")
            String userName;

            @Option(names = "--sql", required = true, description = "the statement as the user wrote it")
            String sql;
        }

        @Override
        public MetadataEntry entry(Context context) throws IOException {
            Bytes payload = Bytes.of(Files.readAllBytes(context.resolve(file)));
            return audit == null
                    ? new MetadataEntry.CatalogDdl(payload)
                    : new MetadataEntry.CatalogDdlAudited(payload, audit.userId, audit.userName, audit.sql);
        }
    }

    @Command(name = "topology", description = "A topology change.",
            subcommands = {Topology.Join.class, Topology.Leave.class, Topology.Promote.class,
                    Topology.StartDecommission.class, Topology.FinishDecommission.class})
    static final class Topology {
        /** A change that names one node. */
        abstract static class NodeForm implements Form {
            @Option(names = "--node", required = true, description = "node id")
            long node;

            private final java.util.function.LongFunction<TopologyChange> change;

            NodeForm(java.util.function.LongFunction<TopologyChange> change) {
                this.change = change;
            }

            @Override
            public MetadataEntry entry(Context context) {
                return change.apply(node);
            }
        }

        @Command(name = "join", description = "A node joins as a learner.")
        static final class Join implements Form {
            @Option(names = "--node", required = true, description = "node id")
            long node;

            @Option(names = "--addr", required = true, description = "its address, host:port")
            String addr;

            @Override
            public MetadataEntry entry(Context context) {
                return new TopologyChange.Join(node, addr);
            }
        }

        @Command(name = "leave", description = "A node leaves.")
        static final class Leave extends NodeForm {
            Leave() {
                super(TopologyChange.Leave::new);
            }
        }

        @Command(name = "promote", description = "A learner becomes a voter.")
        static final class Promote extends NodeForm {
            Promote() {
                super(TopologyChange.PromoteToVoter::new);
            }
        }

        @Command(name = "start-decommission", description = "A node starts draining.")
        static final class StartDecommission extends NodeForm {
            StartDecommission() {
                super(TopologyChange.StartDecommission::new);
            }
        }

        @Command(name = "finish-decommission", description = "A draining node is decommissioned.")
        static final class FinishDecommission extends NodeForm {
            FinishDecommission() {
                super(TopologyChange.FinishDecommission::new);
            }
        }
    }

    @Command(name = "routing", description = "A routing change.",
            subcommands = {Routing.Reassign.class, Routing.TransferLeader.class, Routing.RemoveMember.class})
    static final class Routing {
        @Command(name = "reassign", description = "Move a vShard to another group.")
        static final class Reassign implements Form {
            @Option(names = "--vshard", required = true)
            long vshard;

            @Option(names = "--group", required = true)
            long group;

            @Option(names = "--leaseholder", required = true, description = "node that leads the new group")
            long leaseholder;

            @Override
            public MetadataEntry entry(Context context) {
                return new RoutingChange.ReassignVShard(vshard, group, leaseholder);
            }
        }

        /** A change that names a group and one of its nodes. */
        abstract static class GroupNodeForm implements Form {
            @Option(names = "--group", required = true)
            long group;

            @Option(names = "--node", required = true)
            long node;

            private final java.util.function.BiFunction<Long, Long, RoutingChange> change;

            GroupNodeForm(java.util.function.BiFunction<Long, Long, RoutingChange> change) {
                this.change = change;
            }

            @Override
            public MetadataEntry entry(Context context) {
                return change.apply(group, node);
            }
        }

        @Command(name = "transfer-leader", description = "Record a group's new leader.")
        static final class TransferLeader extends GroupNodeForm {
            TransferLeader() {
                super(RoutingChange.LeadershipTransfer::new);
            }
        }

        @Command(name = "remove-member", description = "Remove a node from a group.")
        static final class RemoveMember extends GroupNodeForm {
            RemoveMember() {
                super(RoutingChange.RemoveMember::new);
            }
        }
    }

    @Command(name = "version", description = "Cluster version.", subcommands = Version.Bump.class)
    static final class Version {
        @Command(name = "bump", description = "Move the cluster version from --from to --to.")
        static final class Bump implements Form {
            @Option(names = "--from", required = true)
            int from;

            @Option(names = "--to", required = true)
            int to;

            @Override
            public MetadataEntry entry(Context context) {
                return new MetadataEntry.ClusterVersionBump(from, to);
            }
        }
    }

    /** {@code --expires-at HLC} or {@code --expires-in DURATION} (from the proposer's clock). */
    static final class Expiry {
        @Option(names = "--expires-at", required = true, description = "HLC WALLNANOS.LOGICAL")
        String at;

        @Option(names = "--expires-in", required = true, description = "e.g. 30s, 15m")
        String in;

        Hlc resolve(Context context) {
            if (at != null) {
                return Values.hlc(at);
            }
            return new Hlc(context.nowNanos().getAsLong() + Values.duration(in).toNanos(), 0);
        }
    }

    @Command(name = "lease", description = "Descriptor leases.", subcommands = {Lease.Grant.class, Lease.Release.class})
    static final class Lease {
        @Command(name = "grant", description = "Grant a node a lease on a descriptor version.")
        static final class Grant implements Form {
            @Option(names = "--descriptor", required = true, description = "TENANT:KIND:NAME")
            String descriptor;

            @Option(names = "--version", required = true)
            long version;

            @Option(names = "--node", required = true)
            long node;

            @ArgGroup(multiplicity = "1")
            Expiry expiry;

            @Override
            public MetadataEntry entry(Context context) {
                return new MetadataEntry.DescriptorLeaseGrant(
                        new DescriptorLease(Values.descriptor(descriptor), version, node, expiry.resolve(context)));
            }
        }

        @Command(name = "release", description = "Release a node's leases on descriptors.")
        static final class Release implements Form {
            @Option(names = "--node", required = true)
            long node;

            @Option(names = "--descriptor", required = true, description = "TENANT:KIND:NAME (repeatable)")
            List<String> descriptors;

            @Override
            public MetadataEntry entry(Context context) {
                List<DescriptorId> ids = new ArrayList<>();
                for (String d : descriptors) {
                    ids.add(Values.descriptor(d));
                }
                return new MetadataEntry.DescriptorLeaseRelease(node, ids);
            }
        }
    }

    @Command(name = "drain", description = "Descriptor drains.", subcommands = {Drain.Start.class, Drain.End.class})
    static final class Drain {
        @Command(name = "start", description = "Refuse leases at or below a version until the drain expires.")
        static final class Start implements Form {
            @Option(names = "--descriptor", required = true, description = "TENANT:KIND:NAME")
            String descriptor;

            @Option(names = "--up-to", required = true, description = "highest version refused")
            long upTo;

            @ArgGroup(multiplicity = "1")
            Expiry expiry;

            @Override
            public MetadataEntry entry(Context context) {
                return new MetadataEntry.DescriptorDrainStart(Values.descriptor(descriptor), upTo, expiry.resolve(context));
            }
        }

        @Command(name = "end", description = "End a descriptor's drain.")
        static final class End implements Form {
            @Option(names = "--descriptor", required = true, description = "TENANT:KIND:NAME")
            String descriptor;

            @Override
            public MetadataEntry entry(Context context) {
                return new MetadataEntry.DescriptorDrainEnd(Values.descriptor(descriptor));
            }
        }
    }

    @Command(name = "surrogate", description = "Surrogate high-watermark.", subcommands = Surrogate.Alloc.class)
    static final class Surrogate {
        @Command(name = "alloc", description = "Raise the surrogate high-watermark.")
        static final class Alloc implements Form {
            @Option(names = "--hwm", required = true)
            long hwm;

            @Override
            public MetadataEntry entry(Context context) {
                return new MetadataEntry.SurrogateAlloc(hwm);
            }
        }
    }

    @Command(name = "batch", description = "An atomic Batch: one form per line of --file ('#' starts a comment line).")
    static final class BatchForm implements Form {
        @Option(names = "--file", required = true)
        Path file;

        @Override
        public MetadataEntry entry(Context context) throws IOException {
            Path path = context.resolve(file);
            List<MetadataEntry> entries = new ArrayList<>();
            int lineNo = 0;
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                try {
                    entries.add(parse(words(trimmed), new Context(context.nowNanos(), path.toAbsolutePath().getParent())));
                } catch (CommandLine.ParameterException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + " line " + lineNo + ": " + e.getMessage(), e);
                }
            }
            if (entries.isEmpty()) {
                throw new IllegalArgumentException(path + " holds no entry: a batch needs at least one form");
            }
            return new MetadataEntry.Batch(entries);
        }
    }
}
