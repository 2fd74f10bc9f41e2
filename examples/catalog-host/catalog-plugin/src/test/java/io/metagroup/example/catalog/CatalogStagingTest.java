package io.metagroup.example.catalog;

import static io.metagroup.example.catalog.CatalogFixture.collection;
import static io.metagroup.example.catalog.CatalogFixture.grant;
import static io.metagroup.example.catalog.CatalogFixture.reason;
import static io.metagroup.example.catalog.CatalogFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Hlc;
import io.metagroup.model.MetadataEntry.Batch;
import io.metagroup.spi.ApplyContext;
import io.metagroup.spi.Outcome;
import io.metagroup.spi.Transaction;
import org.junit.jupiter.api.Test;

/** A transaction stages its commands: later ones see earlier ones, nothing shows before commit, abort drops all. */
class CatalogStagingTest {
    private final CatalogFixture t = CatalogFixture.create();

    private Transaction begin() {
        return t.applier.begin(new ApplyContext(t.applier.appliedIndex() + 1, Hlc.ZERO));
    }

    @Test
    void aLaterApplySeesTheEarlierOnesAndNothingShowsBeforeCommit() {
        Transaction tx = begin();

        assertThat(tx.apply(collection("orders", "id").entry())).isEqualTo(Outcome.applied());
        assertThat(tx.apply(user("alice").entry())).isEqualTo(Outcome.applied());
        assertThat(tx.apply(grant("alice", "orders", Privilege.READ).entry())).isEqualTo(Outcome.applied());
        assertThat(t.catalog()).as("not visible before commit").isEqualTo(Catalog.empty());

        tx.commit();

        assertThat(t.catalog().allows("alice", "orders", Privilege.READ)).isTrue();
    }

    @Test
    void abortLeavesTheCatalogUntouched() {
        t.given(user("alice"));
        Catalog before = t.catalog();
        var digest = t.applier.digest();
        Transaction tx = begin();

        tx.apply(collection("orders", "id").entry());
        tx.apply(new CatalogCommand.DropUser("alice").entry());
        tx.abort();

        assertThat(t.catalog()).isSameAs(before);
        assertThat(t.applier.digest()).isEqualTo(digest);
    }

    @Test
    void aBatchWithARejectedCommandLeavesNothingBehind() {
        t.given(user("alice"));

        Outcome outcome = t.driver.apply(Batch.of(collection("orders", "id").entry(),
                grant("alice", "orders", Privilege.READ).entry(), grant("bob", "orders", Privilege.READ).entry()));

        assertThat(reason(outcome)).isEqualTo("GRANT READ ON orders TO bob refused: no user 'bob'");
        assertThat(t.catalog().collections()).isEmpty();
        assertThat(t.catalog().permissions()).isEmpty();
    }

    @Test
    void proposalsOfOneRecordAreIndependentButSeeTheOnesBefore() {
        var outcomes = t.record(user("alice"), user("alice"), collection("orders", "id"),
                grant("alice", "orders", Privilege.WRITE));

        assertThat(outcomes).extracting(Outcome::isApplied).containsExactly(true, false, true, true);
        assertThat(t.catalog().allows("alice", "orders", Privilege.WRITE)).isTrue();
        assertThat(t.applier.appliedIndex()).isEqualTo(1);
    }
}
