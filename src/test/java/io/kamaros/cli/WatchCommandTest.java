package io.kamaros.cli;

import static io.kamaros.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kamaros watch}'s times: units, ISO-8601, the project's settings as defaults, and a bad time refused before watching. */
class WatchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void timesReadWithUnitsOrAsIso() {
        assertThat(WatchCommand.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(WatchCommand.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(WatchCommand.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(WatchCommand.parseDuration(" 1H ")).isEqualTo(Duration.ofHours(1));
        assertThat(WatchCommand.parseDuration("PT45S")).isEqualTo(Duration.ofSeconds(45));
        assertThat(WatchCommand.parseDuration("soon")).isNull();
        assertThat(WatchCommand.parseDuration("-PT5S")).isNull();
        assertThat(WatchCommand.duration(null, "2m", Duration.ofSeconds(30), "--settle")).isEqualTo(Duration.ofMinutes(2));
        assertThat(WatchCommand.duration("5s", "2m", Duration.ofSeconds(30), "--settle")).isEqualTo(Duration.ofSeconds(5));
        assertThat(WatchCommand.duration(null, null, Duration.ofSeconds(30), "--settle")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aBadTimeIsRefusedBeforeWatchingAndTheSettingsAreKnownToConfig() throws Exception {
        Path project = tmp.resolve("p");
        assertThat(run(tmp, "init", project.toString()).exit()).isZero();
        Files.writeString(project.resolve("content/a.txt"), "a\n");
        CliRunner.Result bad = run(project, "watch", "--settle", "soon");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(bad.err()).contains("--settle").contains("30s");
        assertThat(run(project, "config", "autosaveInterval", "15m").exit()).isZero();
        assertThat(run(project, "config", "autosaveInterval").out().strip()).isEqualTo("15m");
    }
}
