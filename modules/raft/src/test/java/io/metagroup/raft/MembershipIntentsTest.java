package io.metagroup.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.IdempotencyKey;
import io.metagroup.model.TopologyChange;
import io.metagroup.raft.internal.MembershipIntents;
import io.metagroup.raft.internal.MembershipIntents.Target;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The replicated membership intents follow applied topology changes, ignore a duplicate the dedup table let
 * through with its first outcome, and survive a snapshot round trip.
 */
class MembershipIntentsTest {
    private static final IdempotencyKey JOIN = new IdempotencyKey(5, 1);
    private static final IdempotencyKey LEAVE = new IdempotencyKey(5, 2);
    private static final IdempotencyKey REJOIN = new IdempotencyKey(5, 3);

    @Test
    void followsJoinPromoteLeaveAndIgnoresDuplicates() throws IOException {
        MembershipIntents intents = new MembershipIntents();
        intents.apply(10, JOIN, new TopologyChange.Join(4, "127.0.0.1:9004"));
        assertThat(intents.view().get(4L).target()).isEqualTo(Target.JOINING);
        assertThat(intents.view().get(4L).joinIndex()).isEqualTo(10);
        intents.apply(12, new IdempotencyKey(99, 1), new TopologyChange.PromoteToVoter(4));
        assertThat(intents.view().get(4L).target()).isEqualTo(Target.VOTER);
        intents.apply(15, LEAVE, new TopologyChange.Leave(4));
        assertThat(intents.view().get(4L).target()).isEqualTo(Target.LEFT);

        // the Join retried by its proposer reaches the log again after the Leave: the core answers Applied from
        // its dedup table, and the node must stay out
        intents.apply(16, JOIN, new TopologyChange.Join(4, "127.0.0.1:9004"));
        assertThat(intents.view().get(4L).target()).isEqualTo(Target.LEFT);

        MembershipIntents restored = new MembershipIntents();
        restored.restore(intents.encode());
        assertThat(restored.view()).isEqualTo(intents.view());
        assertThat(restored.encode()).isEqualTo(intents.encode());

        // a new Join does bring it back, with the new join index
        restored.apply(20, REJOIN, new TopologyChange.Join(4, "127.0.0.1:9004"));
        assertThat(restored.view().get(4L).target()).isEqualTo(Target.JOINING);
        assertThat(restored.view().get(4L).joinIndex()).isEqualTo(20);
    }
}
