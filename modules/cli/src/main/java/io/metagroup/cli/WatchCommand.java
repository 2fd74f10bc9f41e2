package io.metagroup.cli;

import io.metagroup.raft.AppliedEntry;
import io.metagroup.raft.MetadataClient;
import io.metagroup.raft.Subscription;
import io.metagroup.raft.SubscriptionEnd;
import io.metagroup.raft.SubscriptionListener;
import io.metagroup.spi.Outcome;
import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code metagroup watch --from INDEX [--count N]}: applied entries in log order, one per line. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Print applied entries in log order from an index, one per line: INDEX HLC KEY OUTCOME ENTRY."
                + " Stops after --count entries, or on Ctrl-C.",
        footer = {"", "Exit: 0 after --count entries (or Ctrl-C), 1 when the members no longer hold --from (the"
                + " message names the first index they hold) or none answers."})
final class WatchCommand extends GroupCommand {
    @Option(names = "--from", required = true, paramLabel = "INDEX", description = "the first log index to print (1: all held)")
    long from;

    @Option(names = "--count", paramLabel = "N", description = "stop after N entries (default: run until stopped)")
    Long count;

    @Override
    void check() throws UsageException {
        if (from < 1) {
            throw new UsageException("--from must be at least 1, got " + from, null);
        }
        if (count != null && count < 1) {
            throw new UsageException("--count must be at least 1, got " + count, null);
        }
    }

    @Override
    int run(MetadataClient client, PrintWriter out) throws Exception {
        CompletableFuture<SubscriptionEnd> ended = new CompletableFuture<>();
        AtomicLong printed = new AtomicLong();
        Subscription watch = client.watch(from, new SubscriptionListener() {
            @Override
            public void onEntry(AppliedEntry e) {
                if (count != null && printed.get() >= count) {
                    return;
                }
                out.println(line(e));
                out.flush();
                if (count != null && printed.incrementAndGet() >= count) {
                    ended.complete(new SubscriptionEnd.Closed());
                }
            }

            @Override
            public void onEnd(SubscriptionEnd end) {
                ended.complete(end);
            }
        });
        SubscriptionEnd end = ended.get();
        watch.close();
        if (end instanceof SubscriptionEnd.Compacted c) {
            throw new IllegalStateException("the members no longer hold entries from index " + c.requestedFrom()
                    + " (the first held is " + c.firstAvailable() + "): read the state with 'metagroup read', then"
                    + " watch --from " + c.firstAvailable());
        }
        return 0;
    }

    static String line(AppliedEntry e) {
        String outcome = e.outcome() instanceof Outcome.Rejected r ? "rejected(" + r.reason() + ")"
                : e.outcome().isApplied() ? "applied" : String.valueOf(e.outcome());
        return e.index() + " " + e.hlc() + " " + e.key() + " " + outcome + " " + e.entry();
    }
}
