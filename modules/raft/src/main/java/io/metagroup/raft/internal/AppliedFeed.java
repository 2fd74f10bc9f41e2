package io.metagroup.raft.internal;

import io.metagroup.model.Hlc;
import io.metagroup.model.Proposal;
import io.metagroup.raft.AppliedEntry;
import io.metagroup.raft.Subscription;
import io.metagroup.raft.SubscriptionEnd;
import io.metagroup.raft.SubscriptionListener;
import io.metagroup.spi.Outcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applied entries for subscribers: a bounded in-memory history (so a subscriber may start a little behind) and,
 * per subscriber, a bounded buffer drained by a thread of its own. Publishing never blocks: a subscriber whose
 * buffer cannot take the next record is ended with {@link SubscriptionEnd.Overflow}; one that asks for entries
 * older than the history gets {@link SubscriptionEnd.Compacted}.
 */
public final class AppliedFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppliedFeed.class);

    private final int historyCapacity;
    private final int bufferCapacity;
    private final ArrayDeque<AppliedEntry> history = new ArrayDeque<>();
    private final List<Sub> subs = new ArrayList<>();
    /** Every applied entry at or above this index is in {@link #history}. */
    private long lowestHeld = 1;
    private boolean closed;

    /** A feed that keeps {@code historyCapacity} entries and buffers {@code bufferCapacity} per subscriber. */
    public AppliedFeed(int historyCapacity, int bufferCapacity) {
        this.historyCapacity = historyCapacity;
        this.bufferCapacity = bufferCapacity;
    }

    /** Publishes the proposals of the record applied at {@code index}. Never blocks. */
    public synchronized void publish(long index, Hlc hlc, List<Proposal> proposals, List<Outcome> outcomes) {
        List<AppliedEntry> batch = new ArrayList<>(proposals.size());
        for (int i = 0; i < proposals.size(); i++) {
            Proposal p = proposals.get(i);
            batch.add(new AppliedEntry(index, hlc, p.key(), p.entry(), outcomes.get(i)));
        }
        history.addAll(batch);
        while (history.size() > historyCapacity) {
            long dropped = history.peekFirst().index();
            while (!history.isEmpty() && history.peekFirst().index() == dropped) {
                history.removeFirst();
            }
            lowestHeld = dropped + 1;
        }
        for (Iterator<Sub> it = subs.iterator(); it.hasNext(); ) {
            Sub s = it.next();
            if (!s.offer(index, batch)) {
                it.remove();
            }
        }
    }

    /**
     * The state jumped to {@code snapshotIndex} (a snapshot was installed): entries in between were never applied
     * here one by one, so every live subscriber ends with {@link SubscriptionEnd.Compacted}.
     */
    public synchronized void reset(long snapshotIndex) {
        history.clear();
        lowestHeld = snapshotIndex + 1;
        for (Sub s : subs) {
            s.end(new SubscriptionEnd.Compacted(s.nextIndex, lowestHeld));
        }
        subs.clear();
    }

    /** Subscribes from {@code fromIndex} (at least 1). */
    public synchronized Subscription subscribe(long fromIndex, SubscriptionListener listener) {
        Sub s = new Sub(listener, fromIndex);
        if (closed) {
            s.end(new SubscriptionEnd.Closed());
        } else if (fromIndex < lowestHeld) {
            s.end(new SubscriptionEnd.Compacted(fromIndex, lowestHeld));
        } else {
            List<AppliedEntry> backlog = new ArrayList<>();
            for (AppliedEntry e : history) {
                if (e.index() >= fromIndex) {
                    backlog.add(e);
                }
            }
            if (s.offerBacklog(backlog)) {
                subs.add(s);
            }
        }
        s.start();
        return s;
    }

    /**
     * The entries of whole records from {@code fromIndex} on, stopping at the first record past {@code max} entries,
     * for remote watchers that poll; empty when {@code fromIndex} is below {@link #lowestHeld()}.
     */
    public synchronized java.util.Optional<List<AppliedEntry>> history(long fromIndex, int max) {
        if (fromIndex < lowestHeld) {
            return java.util.Optional.empty();
        }
        List<AppliedEntry> out = new ArrayList<>();
        for (AppliedEntry e : history) {
            if (e.index() < fromIndex) {
                continue;
            }
            if (out.size() >= max && e.index() != out.get(out.size() - 1).index()) {
                break;
            }
            out.add(e);
        }
        return java.util.Optional.of(out);
    }

    /** Every entry applied at or above this index is held for subscribers and {@link #history}. */
    public synchronized long lowestHeld() {
        return lowestHeld;
    }

    private synchronized void remove(Sub s) {
        subs.remove(s);
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Sub s : subs) {
            s.end(new SubscriptionEnd.Closed());
        }
        subs.clear();
    }

    private final class Sub implements Subscription {
        private final SubscriptionListener listener;
        private final ArrayBlockingQueue<AppliedEntry> queue = new ArrayBlockingQueue<>(bufferCapacity);
        private final Thread thread;
        private volatile SubscriptionEnd end;
        private long nextIndex;
        private long lastQueuedIndex;

        Sub(SubscriptionListener listener, long fromIndex) {
            this.listener = listener;
            this.nextIndex = fromIndex;
            this.lastQueuedIndex = fromIndex - 1;
            this.thread = new Thread(this::deliver, "metagroup-subscriber");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        boolean offerBacklog(List<AppliedEntry> backlog) {
            if (backlog.size() > queue.remainingCapacity()) {
                end(new SubscriptionEnd.Overflow(bufferCapacity, lastQueuedIndex));
                return false;
            }
            for (AppliedEntry e : backlog) {
                queue.add(e);
                lastQueuedIndex = e.index();
            }
            nextIndex = lastQueuedIndex + 1;
            return true;
        }

        /** Queues one record's entries, all or none; false when the subscriber is ended. */
        boolean offer(long index, List<AppliedEntry> batch) {
            if (end != null) {
                return false;
            }
            if (index < nextIndex) {
                return true;
            }
            if (batch.size() > queue.remainingCapacity()) {
                end(new SubscriptionEnd.Overflow(bufferCapacity, lastQueuedIndex));
                return false;
            }
            queue.addAll(batch);
            lastQueuedIndex = index;
            nextIndex = index + 1;
            return true;
        }

        void end(SubscriptionEnd why) {
            if (end == null) {
                end = why;
            }
        }

        private void deliver() {
            try {
                while (true) {
                    AppliedEntry e = queue.poll(50, TimeUnit.MILLISECONDS);
                    if (e != null) {
                        if (end instanceof SubscriptionEnd.Closed) {
                            break;
                        }
                        listener.onEntry(e);
                    } else if (end != null) {
                        break;
                    }
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                end(new SubscriptionEnd.Closed());
            } catch (RuntimeException re) {
                LOG.warn("subscriber threw; ending its subscription", re);
                end(new SubscriptionEnd.Closed());
                remove(this);
            }
            listener.onEnd(end);
        }

        @Override
        public java.util.Optional<SubscriptionEnd> end() {
            return java.util.Optional.ofNullable(end);
        }

        @Override
        public void close() {
            end(new SubscriptionEnd.Closed());
            remove(this);
        }
    }
}
