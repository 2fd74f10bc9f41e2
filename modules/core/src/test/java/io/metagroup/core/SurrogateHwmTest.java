package io.metagroup.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.metagroup.model.MetadataEntry.SurrogateAlloc;
import io.metagroup.spi.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The surrogate high-watermark only moves up: replays and stale entries are harmless. */
class SurrogateHwmTest {
    @TempDir
    Path dir;

    @Test
    void highWatermarkOnlyRises() {
        Driver driver = new Driver(Driver.create(dir));
        MetadataCache cache = driver.core.cache();

        assertThat(driver.apply(new SurrogateAlloc(2048))).isEqualTo(Outcome.applied());
        assertThat(driver.apply(new SurrogateAlloc(1024))).isEqualTo(Outcome.applied());
        assertThat(cache.surrogateHwm()).isEqualTo(2048);

        driver.apply(new SurrogateAlloc(2048));
        driver.apply(new SurrogateAlloc(0xFFFF_FFFFL));
        assertThat(cache.surrogateHwm()).isEqualTo(0xFFFF_FFFFL);
    }
}
