package io.metagroup.example.catalog.host;

import io.metagroup.example.catalog.Catalog;
import io.metagroup.example.catalog.CatalogCommand;
import io.metagroup.example.catalog.CatalogCommand.CreateCollection;
import io.metagroup.example.catalog.CatalogCommand.CreateUser;
import io.metagroup.example.catalog.CatalogCommand.DropCollection;
import io.metagroup.example.catalog.CatalogCommand.Grant;
import io.metagroup.example.catalog.CatalogCommand.Revoke;
import io.metagroup.example.catalog.CatalogView;
import io.metagroup.example.catalog.Field;
import io.metagroup.example.catalog.Permission;
import io.metagroup.example.catalog.Privilege;
import io.metagroup.model.Bytes;
import io.metagroup.model.MetadataEntry;
import io.metagroup.raft.ProposalException;
import io.metagroup.raft.ProposalResult;
import io.metagroup.runtime.MetagroupNode;
import io.metagroup.runtime.NodeConfig;
import io.metagroup.runtime.StartupException;
import io.metagroup.spi.ApplierPlugin;
import io.metagroup.spi.Outcome;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A host with its own catalog: starts a one-node Metagroup node on a free 127.0.0.1 port with plugin discovery on
 * (ServiceLoader finds the {@code catalog} plugin beside the built-in ones), proposes a script of catalog DDL whose
 * every outcome is known in advance (some Rejected at apply, one refused before the log), reads the catalog back
 * with a linearizable read and prints it. Exits 0 when every outcome and the catalog are as expected, 1 otherwise.
 */
public final class CatalogHost {
    private static final long WAIT_SECONDS = 60;
    /** gRPC logs through java.util.logging; held so the level set on it is not lost to garbage collection. */
    private static final Logger GRPC_LOG = Logger.getLogger("org.apache.ratis.thirdparty.io.grpc");

    static {
        GRPC_LOG.setLevel(Level.WARNING);
    }

    private final Path root;
    private final PrintStream out;

    CatalogHost(Path root, PrintStream out) {
        this.root = root;
        this.out = out;
    }

    /** Argument: a directory for the node's data (a fresh temp directory when absent). */
    public static void main(String[] args) throws Exception {
        Path root = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("catalog-host");
        boolean ok = new CatalogHost(root, System.out).run(script(), expectedCatalog());
        System.exit(ok ? 0 : 1);
    }

    /** What a step of the script must come to. */
    enum Expect { APPLIED, REJECTED, REFUSED_BEFORE_THE_LOG }

    /** One proposal of the script. */
    record Step(MetadataEntry entry, String what, Expect expect) {
        static Step of(CatalogCommand command, Expect expect) {
            return new Step(command.entry(), command.toString(), expect);
        }
    }

    /** The script: every rule of the catalog shows once. */
    static List<Step> script() {
        var orders = CreateCollection.of("orders", new Field("id", "INT"), new Field("customer", "TEXT"),
                new Field("total", "DECIMAL"));
        var bobMayWriteOrders = new Grant("bob", "orders", Privilege.WRITE);
        var createBob = new CreateUser("bob");
        return List.of(
                Step.of(orders, Expect.APPLIED),
                Step.of(CreateCollection.of("customers", new Field("id", "INT"), new Field("name", "TEXT")), Expect.APPLIED),
                Step.of(CreateCollection.of("scratch", new Field("note", "TEXT")), Expect.APPLIED),
                Step.of(new CreateUser("alice"), Expect.APPLIED),
                Step.of(new Grant("alice", "orders", Privilege.READ), Expect.APPLIED),
                Step.of(new Grant("alice", "scratch", Privilege.ADMIN), Expect.APPLIED),
                Step.of(bobMayWriteOrders, Expect.REJECTED), // no user 'bob' yet
                new Step(new MetadataEntry.CatalogDdlAudited(createBob.payload(), "u-1", "admin", "CREATE USER bob"),
                        createBob + "  (audited, by admin)", Expect.APPLIED),
                new Step(MetadataEntry.Batch.of(bobMayWriteOrders.entry(),
                        new Grant("bob", "invoices", Privilege.READ).entry()),
                        "BATCH [" + bobMayWriteOrders + "; GRANT READ ON invoices TO bob]", Expect.REJECTED),
                Step.of(bobMayWriteOrders, Expect.APPLIED),
                Step.of(orders, Expect.REJECTED), // it exists
                Step.of(new Revoke("alice", "orders", Privilege.READ), Expect.APPLIED),
                Step.of(new Grant("alice", "customers", Privilege.READ), Expect.APPLIED),
                Step.of(new DropCollection("scratch"), Expect.APPLIED), // takes alice's ADMIN on it along
                new Step(new MetadataEntry.CatalogDdl(Bytes.of("DROP TABLE orders".getBytes(StandardCharsets.UTF_8))),
                        "a payload in no format of this host: \"DROP TABLE orders\"", Expect.REFUSED_BEFORE_THE_LOG));
    }

    /** The catalog the script leaves. */
    static Catalog expectedCatalog() {
        var collections = new TreeMap<String, List<Field>>();
        collections.put("customers", List.of(new Field("id", "INT"), new Field("name", "TEXT")));
        collections.put("orders", List.of(new Field("id", "INT"), new Field("customer", "TEXT"),
                new Field("total", "DECIMAL")));
        return new Catalog(collections, new TreeSet<>(List.of("alice", "bob")), new TreeSet<>(List.of(
                new Permission("alice", "customers", Privilege.READ),
                new Permission("bob", "orders", Privilege.WRITE))));
    }

    /**
     * Runs {@code script} on a fresh node under {@link #root}; true when every step came to what it expects and the
     * catalog read back equals {@code expected}.
     */
    boolean run(List<Step> script, Catalog expected) throws Exception {
        try (MetagroupNode node = startOnFreePort(Files.createTempDirectory(root, "node"))) {
            node.group().ready().get(WAIT_SECONDS, TimeUnit.SECONDS);
            out.println("node " + node.config().nodeId() + " on " + node.config().listen() + ", plugins found by "
                    + "ServiceLoader: " + node.plugins().stream().map(p -> p.id() + "@" + p.version() + " ("
                    + moduleOf(p) + ")").collect(Collectors.joining(", ")));
            boolean ok = node.plugins().stream().anyMatch(p -> p.id().equals(CatalogView.PLUGIN_ID));
            if (!ok) {
                out.println("MISSING: the catalog plugin was not discovered");
            }
            out.println();
            for (Step step : script) {
                ok &= propose(node, step);
            }
            Catalog catalog = node.group().readLinearizable(
                    core -> core.applier(CatalogView.PLUGIN_ID, CatalogView.class).catalog())
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            out.println();
            out.println("catalog at index " + node.group().appliedIndex() + " (a linearizable read), as the DDL that"
                    + " rebuilds it:");
            catalog.commands().forEach(c -> out.println("  " + c));
            out.println("state digest " + node.group().digest().toHex());
            if (!catalog.equals(expected)) {
                out.println("UNEXPECTED CATALOG; expected:");
                expected.commands().forEach(c -> out.println("  " + c));
                ok = false;
            }
            out.println(ok ? "every outcome as expected" : "SOME OUTCOMES WERE NOT AS EXPECTED");
            return ok;
        }
    }

    private boolean propose(MetagroupNode node, Step step) throws Exception {
        Expect got;
        String head;
        String reason = null;
        try {
            ProposalResult r = node.group().propose(step.entry()).get(WAIT_SECONDS, TimeUnit.SECONDS);
            got = r.applied() ? Expect.APPLIED : Expect.REJECTED;
            head = String.format("index %-3d %-9s %s", r.index(), r.applied() ? "applied" : "REJECTED", step.what());
            if (r.outcome() instanceof Outcome.Rejected rejected) {
                reason = rejected.reason();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof ProposalException refused)) {
                throw e;
            }
            got = Expect.REFUSED_BEFORE_THE_LOG;
            head = String.format("%-9s %-9s %s", "", "REFUSED", step.what());
            reason = refused.getMessage();
        }
        boolean asExpected = got == step.expect();
        out.println(head + (asExpected ? "" : "   <-- UNEXPECTED, expected " + step.expect()));
        if (reason != null) {
            out.println(" ".repeat(20) + reason);
        }
        return asExpected;
    }

    private static String moduleOf(ApplierPlugin plugin) {
        String name = plugin.getClass().getModule().getName();
        return name == null ? "class path" : "module " + name;
    }

    private static MetagroupNode startOnFreePort(Path dataDir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String listen = "127.0.0.1:" + freePort();
            NodeConfig config = NodeConfig.of(1, listen, Map.of(1L, listen), dataDir); // discovery on
            try {
                return MetagroupNode.create(config).start();
            } catch (StartupException e) {
                if (attempt == 4 || !e.getMessage().contains("in use")) {
                    throw e;
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
