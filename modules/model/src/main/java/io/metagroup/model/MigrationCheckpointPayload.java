package io.metagroup.model;

/** What a migration records at a phase boundary: enough to resume it after a coordinator crash. */
public sealed interface MigrationCheckpointPayload {

    /** The phase this payload belongs to. */
    MigrationPhase phase();

    /** The vShard being migrated, unsigned 32-bit. */
    long vshardId();

    /** Exhaustive handling of the six payloads. */
    interface Visitor<R> {
        R addLearner(AddLearner p);

        R catchUp(CatchUp p);

        R promoteLearner(PromoteLearner p);

        R leadershipTransfer(LeadershipTransfer p);

        R cutover(Cutover p);

        R complete(Complete p);
    }

    /** Calls the visitor method for this payload. */
    <R> R accept(Visitor<R> visitor);

    /** Written just before the target is added as a learner. */
    record AddLearner(long vshardId, long sourceNode, long targetNode, long sourceGroup, long writePauseBudgetUs,
                      Hlc startedAtHlc) implements MigrationCheckpointPayload {
        public AddLearner {
            Check.u32(vshardId, "addLearner.vshardId");
            Check.notNull(startedAtHlc, "addLearner.startedAtHlc");
        }

        @Override
        public MigrationPhase phase() {
            return MigrationPhase.ADD_LEARNER;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.addLearner(this);
        }
    }

    /** Written once the learner was added; {@code learnerLogIndexAtAdd} is the index where that committed. */
    record CatchUp(long vshardId, long learnerLogIndexAtAdd) implements MigrationCheckpointPayload {
        public CatchUp {
            Check.u32(vshardId, "catchUp.vshardId");
        }

        @Override
        public MigrationPhase phase() {
            return MigrationPhase.CATCH_UP;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.catchUp(this);
        }
    }

    /** Written once the learner was promoted to voter. */
    record PromoteLearner(long vshardId, long targetNode, long sourceGroup) implements MigrationCheckpointPayload {
        public PromoteLearner {
            Check.u32(vshardId, "promoteLearner.vshardId");
        }

        @Override
        public MigrationPhase phase() {
            return MigrationPhase.PROMOTE_LEARNER;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.promoteLearner(this);
        }
    }

    /** Written just before leadership moves to the target. */
    record LeadershipTransfer(long vshardId, boolean targetIsVoter, long newLeaderNodeId, long sourceGroup)
            implements MigrationCheckpointPayload {
        public LeadershipTransfer {
            Check.u32(vshardId, "leadershipTransfer.vshardId");
        }

        @Override
        public MigrationPhase phase() {
            return MigrationPhase.LEADERSHIP_TRANSFER;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.leadershipTransfer(this);
        }
    }

    /** Written once the cut-over committed. */
    record Cutover(long vshardId, long newLeaderNodeId, long sourceGroup) implements MigrationCheckpointPayload {
        public Cutover {
            Check.u32(vshardId, "cutover.vshardId");
        }

        @Override
        public MigrationPhase phase() {
            return MigrationPhase.CUTOVER;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.cutover(this);
        }
    }

    /** Written once the ghost stub is installed. */
    record Complete(long vshardId, long actualPauseUs, boolean ghostStubInstalled)
            implements MigrationCheckpointPayload {
        public Complete {
            Check.u32(vshardId, "complete.vshardId");
        }

        @Override
        public MigrationPhase phase() {
            return MigrationPhase.COMPLETE;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.complete(this);
        }
    }
}
