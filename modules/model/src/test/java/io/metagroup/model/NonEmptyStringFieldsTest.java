package io.metagroup.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Names and addresses must not be empty. */
class NonEmptyStringFieldsTest {
    static Stream<Arguments> constructions() {
        return Stream.of(
                Arguments.of("descriptorId.name", (Executable) () -> new DescriptorId(1, DescriptorKind.INDEX, "")),
                Arguments.of("join.addr", (Executable) () -> new TopologyChange.Join(1, "")),
                Arguments.of("beginInFlight.nodeAddr", (Executable) () -> new JoinTokenTransitionKind.BeginInFlight("")),
                Arguments.of("markConsumed.nodeAddr", (Executable) () -> new JoinTokenTransitionKind.MarkConsumed("")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constructions")
    void emptyIsRefusedNamingTheField(String field, Executable construction) {
        assertThatThrownBy(construction::execute).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field + " must not be empty");
    }
}
