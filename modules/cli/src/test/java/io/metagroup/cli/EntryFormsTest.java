package io.metagroup.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metagroup.model.Bytes;
import io.metagroup.model.DescriptorId;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.DescriptorLease;
import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.RoutingChange;
import io.metagroup.model.TopologyChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EntryFormsTest {
    private static final long NOW = 1_000_000_000_000L;

    @TempDir
    Path dir;

    private MetadataEntry parse(String line) throws IOException {
        return EntryForms.parse(EntryForms.words(line), () -> NOW, dir);
    }

    @Test
    void topologyForms() throws IOException {
        assertThat(parse("topology join --node 4 --addr 127.0.0.1:7004"))
                .isEqualTo(new TopologyChange.Join(4, "127.0.0.1:7004"));
        assertThat(parse("topology promote --node 4")).isEqualTo(new TopologyChange.PromoteToVoter(4));
        assertThat(parse("topology leave --node 4")).isEqualTo(new TopologyChange.Leave(4));
        assertThat(parse("topology start-decommission --node 2")).isEqualTo(new TopologyChange.StartDecommission(2));
        assertThat(parse("topology finish-decommission --node 2")).isEqualTo(new TopologyChange.FinishDecommission(2));
    }

    @Test
    void routingAndVersionAndSurrogateForms() throws IOException {
        assertThat(parse("routing reassign --vshard 7 --group 2 --leaseholder 3"))
                .isEqualTo(new RoutingChange.ReassignVShard(7, 2, 3));
        assertThat(parse("routing transfer-leader --group 2 --node 1"))
                .isEqualTo(new RoutingChange.LeadershipTransfer(2, 1));
        assertThat(parse("routing remove-member --group 2 --node 1")).isEqualTo(new RoutingChange.RemoveMember(2, 1));
        assertThat(parse("version bump --from 1 --to 2")).isEqualTo(new MetadataEntry.ClusterVersionBump(1, 2));
        assertThat(parse("surrogate alloc --hwm 4096")).isEqualTo(new MetadataEntry.SurrogateAlloc(4096));
    }

    @Test
    void leaseAndDrainFormsWithAbsoluteAndRelativeExpiry() throws IOException {
        DescriptorId users = new DescriptorId(1, DescriptorKind.COLLECTION, "users");
        assertThat(parse("lease grant --descriptor 1:collection:users --version 3 --node 2 --expires-at 5000.1"))
                .isEqualTo(new MetadataEntry.DescriptorLeaseGrant(new DescriptorLease(users, 3, 2, new Hlc(5000, 1))));
        assertThat(parse("drain start --descriptor 1:materialized-view:v --up-to 9 --expires-in 30s"))
                .isEqualTo(new MetadataEntry.DescriptorDrainStart(
                        new DescriptorId(1, DescriptorKind.MATERIALIZED_VIEW, "v"), 9, new Hlc(NOW + 30_000_000_000L, 0)));
        assertThat(parse("lease release --node 2 --descriptor 1:collection:users --descriptor 1:index:by_name"))
                .isEqualTo(new MetadataEntry.DescriptorLeaseRelease(2,
                        List.of(users, new DescriptorId(1, DescriptorKind.INDEX, "by_name"))));
        assertThat(parse("drain end --descriptor 1:collection:users")).isEqualTo(new MetadataEntry.DescriptorDrainEnd(users));
    }

    @Test
    void ddlFromFilePlainAndAudited() throws IOException {
        Files.write(dir.resolve("create.bin"), new byte[] {1, 2, 3});
        assertThat(parse("ddl --file create.bin")).isEqualTo(new MetadataEntry.CatalogDdl(Bytes.of(new byte[] {1, 2, 3})));
        assertThat(parse("ddl --file create.bin --user-id u1 --user-name alice --sql \"CREATE TABLE t (a int)\""))
                .isEqualTo(new MetadataEntry.CatalogDdlAudited(Bytes.of(new byte[] {1, 2, 3}), "u1", "alice",
                        "CREATE TABLE t (a int)"));
    }

    @Test
    void batchFileHoldsOneFormPerLine() throws IOException {
        Files.writeString(dir.resolve("b.txt"), "# join then promote\ntopology join --node 4 --addr 127.0.0.1:7004\n\n"
                + "topology promote --node 4\n");
        assertThat(parse("batch --file b.txt")).isEqualTo(MetadataEntry.Batch.of(
                new TopologyChange.Join(4, "127.0.0.1:7004"), new TopologyChange.PromoteToVoter(4)));
    }

    @Test
    void badFormsNameWhatIsWrong() throws IOException {
        assertThatThrownBy(() -> parse("topology join --node 4"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--addr");
        assertThatThrownBy(() -> parse("lease grant --descriptor 1:table:users --version 3 --node 2 --expires-in 3s"))
                .hasMessageContaining("unknown descriptor kind 'table'");
        assertThatThrownBy(() -> parse("lease grant --descriptor users --version 3 --node 2 --expires-in 3s"))
                .hasMessageContaining("TENANT:KIND:NAME");
        assertThatThrownBy(() -> parse("drain start --descriptor 1:index:i --up-to 1 --expires-in soon"))
                .hasMessageContaining("a duration is a number");
        assertThatThrownBy(() -> parse("lease grant --descriptor 1:index:i --version 1 --node 2 --expires-in 3s --expires-at 1.0"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> parse("version bump --from 2 --to 1")).hasMessageContaining("must be greater than from");
        assertThatThrownBy(() -> parse("topology")).hasMessageContaining("not a complete form");
        Files.writeString(dir.resolve("bad.txt"), "topology promote --node 4\ntopology join --node x\n");
        assertThatThrownBy(() -> parse("batch --file bad.txt")).hasMessageContaining("line 2");
    }

    @Test
    void wordsKeepQuotedTextWhole() {
        assertThat(EntryForms.words("a \"b c\" \"d\\\"e\"  f")).containsExactly("a", "b c", "d\"e", "f");
        assertThatThrownBy(() -> EntryForms.words("a \"b")).hasMessageContaining("unterminated quote");
    }
}
