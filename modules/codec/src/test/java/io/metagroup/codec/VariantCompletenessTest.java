package io.metagroup.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.Compensation;
import io.metagroup.model.DescriptorKind;
import io.metagroup.model.JoinTokenTransitionKind;
import io.metagroup.model.MetadataEntry;
import io.metagroup.model.MigrationCheckpointPayload;
import io.metagroup.model.MigrationPhase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Walks the model's sealed hierarchies: every variant must have a wire tag, unique in its family, and a golden
 * vector named after it that holds it; every descriptor kind and migration phase must have a code and appear in a
 * vector. A new variant without all of these fails the build, naming what is missing.
 */
class VariantCompletenessTest {
    private static final List<Class<?>> ROOTS = List.of(MetadataEntry.class, JoinTokenTransitionKind.class,
            Compensation.class, MigrationCheckpointPayload.class);

    @Test
    void everyVariantHasATag() {
        List<String> missing = new ArrayList<>();
        for (Class<?> leaf : leaves()) {
            if (WireTags.tagOf(leaf) < 0) {
                missing.add(leaf.getName());
            }
        }
        assertThat(missing).as("variants without a wire tag in WireTags").isEmpty();
    }

    @Test
    void tagsAreUniqueWithinEachFamily() {
        for (Class<?> family : families()) {
            Set<Integer> seen = new HashSet<>();
            for (Class<?> member : family.getPermittedSubclasses()) {
                int tag = WireTags.tagOf(member);
                assertThat(tag).as("tag of %s", member.getName()).isPositive();
                assertThat(seen.add(tag)).as("tag %d of %s is used twice in %s", tag, member.getName(),
                        family.getSimpleName()).isTrue();
            }
        }
    }

    @Test
    void everyVariantHasAGoldenVectorThatHoldsIt() {
        List<String> missing = new ArrayList<>();
        for (Class<?> leaf : leaves()) {
            String name = vectorName(leaf);
            if (!GoldenVectors.exists(name) || !GoldenValues.all().containsKey(name)) {
                missing.add(name + ".hex");
            } else if (reachable(GoldenValues.of(name)).stream().noneMatch(leaf::isInstance)) {
                missing.add(name + ".hex (its value holds no " + leaf.getSimpleName() + ")");
            }
        }
        assertThat(missing).as("variants without a golden vector in src/test/resources/golden").isEmpty();
    }

    @Test
    void everyDescriptorKindHasACodeThatReadsBackAndAppearsInAVector() {
        Set<Integer> codes = new TreeSet<>();
        for (DescriptorKind kind : DescriptorKind.values()) {
            int code = WireTags.descriptorKindCode(kind);
            assertThat(WireTags.descriptorKind(code)).as("code %d", code).isEqualTo(kind);
            assertThat(codes.add(code)).as("code %d used twice", code).isTrue();
            assertThat(appearsInAVector(kind)).as("%s in a golden vector", kind).isTrue();
        }
    }

    @Test
    void everyMigrationPhaseHasACodeThatReadsBackAndAppearsInAVector() {
        Set<Integer> codes = new TreeSet<>();
        for (MigrationPhase phase : MigrationPhase.values()) {
            int code = WireTags.phaseCode(phase);
            assertThat(WireTags.phase(code)).as("code %d", code).isEqualTo(phase);
            assertThat(codes.add(code)).as("code %d used twice", code).isTrue();
            assertThat(appearsInAVector(phase)).as("%s in a golden vector", phase).isTrue();
        }
    }

    /** The golden vector of a leaf: {@code <enclosing type>.<leaf>}, e.g. {@code TopologyChange.Join}. */
    private static String vectorName(Class<?> leaf) {
        return leaf.getEnclosingClass().getSimpleName() + "." + leaf.getSimpleName();
    }

    private static boolean appearsInAVector(Object constant) {
        return GoldenValues.all().values().stream().anyMatch(v -> reachable(v).contains(constant));
    }

    /** Every leaf record under the roots, through nested sealed interfaces. */
    private static List<Class<?>> leaves() {
        List<Class<?>> leaves = new ArrayList<>();
        for (Class<?> root : ROOTS) {
            collectLeaves(root, leaves);
        }
        assertThat(leaves).as("the walk found the model's variants").hasSizeGreaterThanOrEqualTo(37);
        return leaves;
    }

    private static void collectLeaves(Class<?> type, List<Class<?>> into) {
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collectLeaves(sub, into);
            }
        } else {
            into.add(type);
        }
    }

    /** Every sealed type under the roots: each is one tag space. */
    private static List<Class<?>> families() {
        List<Class<?>> families = new ArrayList<>();
        for (Class<?> root : ROOTS) {
            collectFamilies(root, families);
        }
        return families;
    }

    private static void collectFamilies(Class<?> type, List<Class<?>> into) {
        if (type.isSealed()) {
            into.add(type);
            Arrays.stream(type.getPermittedSubclasses()).forEach(sub -> collectFamilies(sub, into));
        }
    }

    /** Everything reachable from a value through record components, lists and optionals. */
    private static List<Object> reachable(Object root) {
        List<Object> out = new ArrayList<>();
        List<Object> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            Object value = pending.remove(pending.size() - 1);
            out.add(value);
            if (value instanceof Collection<?> items) {
                pending.addAll(items);
            } else if (value instanceof Optional<?> optional) {
                optional.ifPresent(pending::add);
            } else if (value.getClass().isRecord()) {
                for (RecordComponent component : value.getClass().getRecordComponents()) {
                    try {
                        pending.add(component.getAccessor().invoke(value));
                    } catch (IllegalAccessException | InvocationTargetException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return out;
    }
}
