package io.metagroup.example.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.spi.Outcome;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Same commands, same catalog: two appliers given one random sequence agree on every outcome and digest, and one
 * that restores a snapshot taken part-way and applies the rest ends where the first did.
 */
class ReplayDeterminismTest {
    private static final List<String> NAMES = List.of("alice", "bob", "orders", "users");

    @Provide
    Arbitrary<List<CatalogCommand>> scripts() {
        Arbitrary<String> name = Arbitraries.of(NAMES);
        Arbitrary<Privilege> privilege = Arbitraries.of(Privilege.class);
        Arbitrary<CatalogCommand> create = Combinators.combine(name, Arbitraries.of("id", "name", "total").set().ofMinSize(1))
                .as((n, fields) -> new CatalogCommand.CreateCollection(n,
                        fields.stream().sorted().map(f -> new Field(f, "TEXT")).toList()));
        Arbitrary<CatalogCommand> grant = Combinators.combine(name, name, privilege).as(CatalogCommand.Grant::new);
        Arbitrary<CatalogCommand> revoke = Combinators.combine(name, name, privilege).as(CatalogCommand.Revoke::new);
        Arbitrary<CatalogCommand> command = Arbitraries.oneOf(create, grant, revoke,
                name.map(CatalogCommand.DropCollection::new), name.map(CatalogCommand.CreateUser::new),
                name.map(CatalogCommand.DropUser::new));
        return command.list().ofMaxSize(40);
    }

    @Property(tries = 200)
    void replayAndSnapshotCatchUpAgree(@ForAll("scripts") List<CatalogCommand> script, @ForAll("cut") int cutPercent)
            throws Exception {
        CatalogFixture first = CatalogFixture.create();
        CatalogFixture second = CatalogFixture.create();
        CatalogFixture caughtUp = CatalogFixture.create();
        int cut = script.size() * cutPercent / 100;

        for (int i = 0; i < script.size(); i++) {
            Outcome a = first.apply(script.get(i));
            Outcome b = second.apply(script.get(i));
            assertThat(b).as("outcome of %s", script.get(i)).isEqualTo(a);
            if (i + 1 == cut) {
                ApplierDriver.restore(caughtUp.applier, ApplierDriver.snapshot(first.applier), first.applier.appliedIndex());
            }
            if (i + 1 > cut) {
                caughtUp.apply(script.get(i));
            }
        }

        assertThat(second.applier.digest()).isEqualTo(first.applier.digest());
        assertThat(caughtUp.catalog()).isEqualTo(first.catalog());
        assertThat(caughtUp.applier.digest()).isEqualTo(first.applier.digest());
        assertThat(caughtUp.applier.appliedIndex()).isEqualTo(first.applier.appliedIndex());
    }

    @Provide
    Arbitrary<Integer> cut() {
        return Arbitraries.integers().between(0, 100);
    }
}
