package io.metagroup.example.catalog.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.example.catalog.Catalog;
import io.metagroup.example.catalog.CatalogCommand;
import io.metagroup.example.catalog.Privilege;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host on the class path (the build also runs it on the module path): the catalog plugin is found through its
 * META-INF/services entry, the script comes out as expected, and a wrong expectation makes the run fail.
 */
class CatalogHostTest {
    @TempDir
    Path root;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private boolean run(List<CatalogHost.Step> script, Catalog expected) throws Exception {
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            return new CatalogHost(root, out).run(script, expected);
        }
    }

    private List<String> lines() {
        return printed.toString(StandardCharsets.UTF_8).lines().map(String::strip).toList();
    }

    @Test
    void theScriptComesOutAsExpected() throws Exception {
        assertThat(run(CatalogHost.script(), CatalogHost.expectedCatalog())).as(printed.toString()).isTrue();

        assertThat(lines().get(0)).contains("catalog@1 (class path)", "migration@1", "routing@1", "topology@1");
        assertThat(lines()).filteredOn(l -> l.contains("REJECTED")).hasSize(3);
        assertThat(lines()).filteredOn(l -> l.contains("REFUSED")).hasSize(1);
        assertThat(lines()).contains("catalog: GRANT WRITE ON orders TO bob refused: no user 'bob'",
                "catalog: batch entry [1]: GRANT READ ON invoices TO bob refused: no collection 'invoices'",
                "GRANT WRITE ON orders TO bob", "every outcome as expected");
    }

    @Test
    void anOutcomeOrCatalogOtherThanExpectedFailsTheRun() throws Exception {
        var alice = new CatalogCommand.CreateUser("alice");
        var script = List.of(CatalogHost.Step.of(alice, CatalogHost.Expect.APPLIED),
                CatalogHost.Step.of(alice, CatalogHost.Expect.APPLIED),
                CatalogHost.Step.of(new CatalogCommand.Grant("alice", "orders", Privilege.READ), CatalogHost.Expect.REJECTED));

        assertThat(run(script, Catalog.empty())).isFalse();

        assertThat(lines()).anyMatch(l -> l.endsWith("REJECTED  CREATE USER alice   <-- UNEXPECTED, expected APPLIED"));
        assertThat(lines()).contains("UNEXPECTED CATALOG; expected:", "SOME OUTCOMES WERE NOT AS EXPECTED");
        assertThat(lines()).filteredOn(l -> l.contains("UNEXPECTED")).hasSize(2);
    }
}
