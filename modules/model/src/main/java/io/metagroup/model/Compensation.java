package io.metagroup.model;

/**
 * One undo step of an aborted migration, applied in order by {@link MetadataEntry.MigrationAbort}.
 */
public sealed interface Compensation {

    /** Exhaustive handling of the four compensations. */
    interface Visitor<R> {
        R removeLearner(RemoveLearner c);

        R removeVoter(RemoveVoter c);

        R restoreLeaderHint(RestoreLeaderHint c);

        R removeGhostStub(RemoveGhostStub c);
    }

    /** Calls the visitor method for this compensation. */
    <R> R accept(Visitor<R> visitor);

    /** Remove a learner that the migration added to a group. */
    record RemoveLearner(long groupId, long peerId) implements Compensation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.removeLearner(this);
        }
    }

    /** Remove a voter that the migration promoted in a group. */
    record RemoveVoter(long groupId, long peerId) implements Compensation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.removeVoter(this);
        }
    }

    /** Point a group's leader hint back at the peer that led it before the migration. */
    record RestoreLeaderHint(long groupId, long peerId) implements Compensation {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.restoreLeaderHint(this);
        }
    }

    /**
     * Remove the ghost stub the migration installed for a vShard.
     *
     * @param vshardId unsigned 32-bit vShard id
     */
    record RemoveGhostStub(long vshardId) implements Compensation {
        public RemoveGhostStub {
            Check.u32(vshardId, "removeGhostStub.vshardId");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.removeGhostStub(this);
        }
    }
}
