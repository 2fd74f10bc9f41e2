package io.metagroup.example.catalog;

import static io.metagroup.example.catalog.CatalogFixture.collection;
import static io.metagroup.example.catalog.CatalogFixture.grant;
import static io.metagroup.example.catalog.CatalogFixture.reason;
import static io.metagroup.example.catalog.CatalogFixture.revoke;
import static io.metagroup.example.catalog.CatalogFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.spi.Outcome;
import org.junit.jupiter.api.Test;

class GrantRulesTest {
    private final CatalogFixture t = CatalogFixture.create().given(collection("orders", "id"), user("alice"));

    @Test
    void aGrantAllowsExactlyWhatItNames() {
        assertThat(t.apply(grant("alice", "orders", Privilege.READ))).isEqualTo(Outcome.applied());

        assertThat(t.catalog().allows("alice", "orders", Privilege.READ)).isTrue();
        assertThat(t.catalog().allows("alice", "orders", Privilege.WRITE)).isFalse();
    }

    @Test
    void aGrantToAnUnknownUserIsRejected() {
        assertThat(reason(t.apply(grant("bob", "orders", Privilege.READ))))
                .isEqualTo("GRANT READ ON orders TO bob refused: no user 'bob'");
        assertThat(t.catalog().permissions()).isEmpty();
    }

    @Test
    void aGrantOnAnUnknownCollectionIsRejected() {
        assertThat(reason(t.apply(grant("alice", "invoices", Privilege.READ))))
                .isEqualTo("GRANT READ ON invoices TO alice refused: no collection 'invoices'");
    }

    @Test
    void grantingAHeldPrivilegeAgainChangesNothing() {
        t.given(grant("alice", "orders", Privilege.READ));
        var digest = t.applier.digest();

        assertThat(t.apply(grant("alice", "orders", Privilege.READ))).isEqualTo(Outcome.applied());

        assertThat(t.applier.digest()).isEqualTo(digest);
    }

    @Test
    void aRevokeTakesOnePrivilegeAway() {
        t.given(grant("alice", "orders", Privilege.READ), grant("alice", "orders", Privilege.WRITE));

        assertThat(t.apply(revoke("alice", "orders", Privilege.READ))).isEqualTo(Outcome.applied());

        assertThat(t.catalog().permissions()).containsExactly(new Permission("alice", "orders", Privilege.WRITE));
    }

    @Test
    void revokingAPrivilegeNotHeldChangesNothing() {
        var digest = t.applier.digest();

        assertThat(t.apply(revoke("alice", "orders", Privilege.ADMIN))).isEqualTo(Outcome.applied());

        assertThat(t.applier.digest()).isEqualTo(digest);
    }

    @Test
    void aRevokeNamingAnUnknownUserOrCollectionIsRejected() {
        assertThat(reason(t.apply(revoke("bob", "orders", Privilege.READ))))
                .isEqualTo("REVOKE READ ON orders FROM bob refused: no user 'bob'");
        assertThat(reason(t.apply(revoke("alice", "invoices", Privilege.READ))))
                .isEqualTo("REVOKE READ ON invoices FROM alice refused: no collection 'invoices'");
    }
}
