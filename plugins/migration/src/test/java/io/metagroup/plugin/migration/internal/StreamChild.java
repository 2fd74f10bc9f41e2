package io.metagroup.plugin.migration.internal;

import io.metagroup.plugin.testkit.ApplierDriver;
import io.metagroup.spi.Outcome;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The node stand-in that the crash tests run in a child JVM: opens the migration applier on a data dir and applies
 * {@link CheckpointStream} from its applied index on. It prints {@code OPEN <applied index>} once open, then
 * {@code DURABLE <index>} each time the durable index moves (an acknowledgement: only committed state is reported).
 *
 * <p>Arguments: data dir, commitEvery, mode, last index. Modes: {@code run} applies up to the last index and closes;
 * {@code halt} applies up to the last index and halts the JVM without closing anything (a crash at a known point);
 * {@code hold} only opens the store and keeps it open. Whatever happens, the JVM halts after 60 s, so no test can
 * leave it behind.
 */
public final class StreamChild {
    private StreamChild() {}

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // halt anyway
            }
            Runtime.getRuntime().halt(3);
        });
        watchdog.setDaemon(true);
        watchdog.start();

        Path dir = Path.of(args[0]);
        int commitEvery = Integer.parseInt(args[1]);
        String mode = args[2];
        long last = Long.parseLong(args[3]);
        PrintStream out = System.out;
        MigrationApplier applier = Fixtures.open(dir, commitEvery);
        out.println("OPEN " + applier.appliedIndex());
        out.flush();
        if (mode.equals("hold")) {
            Thread.sleep(60_000);
            return;
        }
        ApplierDriver driver = new ApplierDriver(applier);
        long durable = applier.durableIndex();
        while (applier.appliedIndex() < last) {
            List<Outcome> outcomes = driver.record(CheckpointStream.entry(applier.appliedIndex() + 1));
            if (outcomes.stream().anyMatch(o -> o instanceof Outcome.LocalFault)) {
                out.println("FAULT " + outcomes);
                out.flush();
                Runtime.getRuntime().halt(2);
            }
            if (applier.durableIndex() != durable) {
                durable = applier.durableIndex();
                out.println("DURABLE " + durable);
                out.flush();
            }
        }
        if (mode.equals("halt")) {
            Runtime.getRuntime().halt(0);
        }
        applier.close();
        out.println("CLOSED " + applier.durableIndex());
        out.flush();
    }
}
