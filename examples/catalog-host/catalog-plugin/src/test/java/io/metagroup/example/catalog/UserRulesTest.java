package io.metagroup.example.catalog;

import static io.metagroup.example.catalog.CatalogFixture.collection;
import static io.metagroup.example.catalog.CatalogFixture.grant;
import static io.metagroup.example.catalog.CatalogFixture.reason;
import static io.metagroup.example.catalog.CatalogFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.spi.Outcome;
import org.junit.jupiter.api.Test;

class UserRulesTest {
    private final CatalogFixture t = CatalogFixture.create();

    @Test
    void createdUsersAreKeptSorted() {
        t.given(user("carol"), user("alice"), user("bob"));

        assertThat(t.catalog().users()).containsExactly("alice", "bob", "carol");
    }

    @Test
    void aSecondCreateOfOneUserIsRejected() {
        t.given(user("alice"));

        assertThat(reason(t.apply(user("alice")))).isEqualTo("CREATE USER alice refused: user 'alice' already exists");
        assertThat(t.catalog().users()).containsExactly("alice");
    }

    @Test
    void dropRemovesTheUserAndEveryPrivilegeItHeld() {
        t.given(collection("orders", "id"), user("alice"), user("bob"), grant("alice", "orders", Privilege.READ),
                grant("bob", "orders", Privilege.WRITE));

        assertThat(t.apply(new CatalogCommand.DropUser("alice"))).isEqualTo(Outcome.applied());

        assertThat(t.catalog().users()).containsExactly("bob");
        assertThat(t.catalog().permissions()).containsExactly(new Permission("bob", "orders", Privilege.WRITE));
    }

    @Test
    void droppingAnUnknownUserIsRejected() {
        assertThat(reason(t.apply(new CatalogCommand.DropUser("ghost"))))
                .isEqualTo("DROP USER ghost refused: no user 'ghost'");
    }
}
