package io.metagroup.bootstrap.internal;

import io.metagroup.model.MetadataEntry.JoinTokenTransition;
import io.metagroup.model.Sha256;
import io.metagroup.plugin.jointoken.JoinTokenStates;
import io.metagroup.plugin.jointoken.JoinTokens;
import io.metagroup.plugin.jointoken.TokenState;
import io.metagroup.raft.GroupStatus;
import io.metagroup.raft.MetadataGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's token timers: every interval, while this node leads, it scans the replicated token table and proposes
 * MarkExpired for Issued tokens past their expiry and RevertInFlight for joins in flight longer than the dead-man
 * timeout. Its clock only decides when to propose; apply judges each entry by the record's HLC, so an early proposal
 * is refused the same way on every node. A new leader needs no hand-over: its first scan finds what is due.
 */
public final class TokenSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TokenSweeper.class);

    private final MetadataGroup group;
    private final JoinTokenStates tokens;
    private final Duration deadMan;
    private final ScheduledExecutorService timer;
    private final Set<Sha256> pending = ConcurrentHashMap.newKeySet();

    private TokenSweeper(MetadataGroup group, JoinTokenStates tokens, Duration deadMan) {
        this.group = group;
        this.tokens = tokens;
        this.deadMan = deadMan;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metagroup-token-sweep-" + Long.toUnsignedString(group.nodeId()));
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sweeping every {@code interval}. */
    public static TokenSweeper start(MetadataGroup group, JoinTokenStates tokens, Duration deadMan, Duration interval) {
        TokenSweeper sweeper = new TokenSweeper(group, tokens, deadMan);
        long every = interval.toMillis();
        sweeper.timer.scheduleWithFixedDelay(sweeper::sweep, every, every, TimeUnit.MILLISECONDS);
        return sweeper;
    }

    private void sweep() {
        try {
            if (group.status().role() != GroupStatus.Role.LEADER) {
                return;
            }
            SortedMap<Sha256, TokenState> table = tokens.tokens();
            long now = System.currentTimeMillis();
            List<JoinTokenTransition> due = new ArrayList<>(JoinTokens.expirations(table, now));
            due.addAll(JoinTokens.deadManReverts(table, now, deadMan));
            for (JoinTokenTransition t : due) {
                if (!pending.add(t.tokenHash())) {
                    continue;
                }
                group.propose(t).whenComplete((result, error) -> {
                    pending.remove(t.tokenHash());
                    if (error != null) {
                        LOG.debug("token sweep of {} not done: {}", t.tokenHash(), error.toString());
                    } else if (result.applied()) {
                        LOG.info("token {}: {} at index {}", t.tokenHash(), t.transition(), result.index());
                    } else {
                        LOG.debug("token sweep of {} refused: {}", t.tokenHash(), result.outcome());
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.warn("token sweep failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
