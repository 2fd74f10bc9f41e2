package io.metagroup.plugin.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GroupInfoTest {

    @Test
    void membersAndLearnersAreSortedByUnsignedId() {
        GroupInfo group = new GroupInfo(0, List.of(-1L, 3L, 1L), List.of(9L, 4L), OptionalLong.empty(), 1);

        assertThat(group.members()).containsExactly(1L, 3L, -1L);
        assertThat(group.learners()).containsExactly(4L, 9L);
        assertThat(group.isMember(-1L)).isTrue();
        assertThat(group.isLearner(3L)).isFalse();
    }

    @Test
    void inconsistentGroupsAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> new GroupInfo(2, List.of(1L, 1L), List.of(), OptionalLong.empty(), 1))
                .hasMessage("group 2: node 1 is listed twice in its members");
        assertThatThrownBy(() -> new GroupInfo(2, List.of(1L), List.of(1L), OptionalLong.empty(), 1))
                .hasMessage("group 2: node 1 is both a member and a learner");
        assertThatThrownBy(() -> new GroupInfo(2, List.of(1L), List.of(), OptionalLong.empty(), 0))
                .hasMessage("group 2: replication factor must be at least 1, got 0");
    }

    @Test
    void removingTheLeaderClearsTheHintAndRemovingAnotherMemberKeepsIt() {
        GroupInfo group = new GroupInfo(0, List.of(1L, 2L), List.of(3L), OptionalLong.of(1), 1);

        assertThat(group.withoutMember(1).leader()).isEmpty();
        assertThat(group.withoutMember(2).leader()).hasValue(1);
        assertThat(group.withoutLearner(3).learners()).isEmpty();
        assertThat(group.withLeader(2).leader()).hasValue(2);
    }
}
