package io.metagroup.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --propose-timeout}: how long a proposing command waits until its entry is applied. */
final class ProposeTimeout {
    @Option(names = "--propose-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "how long to wait until the entry is applied (default: ${DEFAULT-VALUE})")
    String text;

    /** The timeout given. */
    Duration value() throws UsageException {
        try {
            return Values.duration(text, "--propose-timeout");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
