package io.kamaros.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.LauncherAccess;
import io.kamaros.engine.model.JcfEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherAndProgressTest {
    @TempDir
    Path tmp;

    @Test
    void desktopAppForNoArgumentsDemoOrOneExistingJcfFileOrFolder() throws IOException {
        Path jcf = Files.writeString(tmp.resolve("novel.jcf"), "x");
        Path txt = Files.writeString(tmp.resolve("notes.txt"), "x");
        assertThat(LauncherAccess.opensDesktopApp()).isTrue();
        assertThat(LauncherAccess.opensDesktopApp("--demo")).isTrue();
        assertThat(LauncherAccess.opensDesktopApp(jcf.toString())).isTrue();
        assertThat(LauncherAccess.opensDesktopApp(tmp.toString())).isTrue();

        assertThat(LauncherAccess.opensDesktopApp(txt.toString())).isFalse();
        assertThat(LauncherAccess.opensDesktopApp(tmp.resolve("missing.jcf").toString())).isFalse();
        assertThat(LauncherAccess.opensDesktopApp("status")).isFalse();
        assertThat(LauncherAccess.opensDesktopApp("--version")).isFalse();
        assertThat(LauncherAccess.opensDesktopApp("--demo", "x")).isFalse();
        assertThat(LauncherAccess.opensDesktopApp("log", "-n", "3")).isFalse();
    }

    /** The app's own options ({@code --theme=dark|light}, as KamarosApp documents) go with any way of opening it. */
    @Test
    void theThemeOptionOpensTheAppTheSameWay() throws IOException {
        Path jcf = Files.writeString(tmp.resolve("novel.jcf"), "x");
        assertThat(LauncherAccess.opensDesktopApp("--theme=dark")).isTrue();
        assertThat(LauncherAccess.opensDesktopApp("--demo", "--theme=dark")).isTrue();
        assertThat(LauncherAccess.opensDesktopApp("--theme=light", jcf.toString())).isTrue();
        assertThat(LauncherAccess.opensDesktopApp("--theme=dark", "status")).isFalse();
        assertThat(LauncherAccess.opensDesktopApp("--theme=blue")).isFalse();
    }

    @Test
    void aCommandNamedLikeAnExistingFolderStillRunsTheCommand() throws IOException {
        Path cwd = Files.createDirectories(tmp.resolve("status"));
        assertThat(LauncherAccess.opensDesktopApp(cwd.toString())).isTrue();
        assertThat(LauncherAccess.opensDesktopApp("status")).isFalse();
    }

    @Test
    void onlyTheNamedCommandIsRegisteredExceptForHelpAndCompletion() {
        assertThat(KamarosCli.commandNamed(new String[] {"-C", "status", "--json", "log", "-n", "2"})).isEqualTo(LogCommand.class);
        assertThat(KamarosCli.commandNamed(new String[] {"checkout", "v1"})).isEqualTo(RestoreCommand.class);
        assertThat(KamarosCli.commandNamed(new String[] {"help", "log"})).isNull();
        assertThat(KamarosCli.commandNamed(new String[] {"completion"})).isNull();
        assertThat(KamarosCli.commandNamed(new String[] {"--version"})).isNull();
        assertThat(KamarosCli.commandNamed(new String[] {"frobnicate"})).isNull();
    }

    @Test
    void aBareVersionRegistersNoCommandAndStillAnswers() {
        assertThat(KamarosCli.commandsToRegister(new String[] {"--version"})).isEmpty();
        assertThat(KamarosCli.commandsToRegister(new String[] {"--json", "-V"})).isEmpty();
        assertThat(KamarosCli.commandsToRegister(new String[] {"--version", "--help"})).hasSizeGreaterThan(20);
        assertThat(KamarosCli.commandsToRegister(new String[] {})).hasSizeGreaterThan(20);
        assertThat(KamarosCli.commandsToRegister(new String[] {"-C", "p", "status"})).containsExactly(StatusCommand.class);
        CliRunner.Result plain = CliRunner.run(tmp, "--version");
        assertThat(plain.exit()).isZero();
        assertThat(plain.out()).startsWith("kamaros ");
        CliRunner.Result json = CliRunner.run(tmp, "--json", "--version");
        assertThat(json.exit()).isZero();
        assertThat(json.json().path("name").asText()).isEqualTo("kamaros");
        CliRunner.Result help = CliRunner.run(tmp, "--help");
        assertThat(help.out() + help.err()).contains("commit").contains("restore");
    }

    @Test
    void aliasesRunTheirCommand() throws IOException {
        assertThat(CliRunner.run(tmp, "init", "p").exit()).isZero();
        Files.writeString(tmp.resolve("p/content/a.txt"), "a");
        assertThat(CliRunner.run(tmp.resolve("p"), "checkpoint", "-m", "via alias").out()).contains("] via alias");
        Files.writeString(tmp.resolve("p/content/a.txt"), "b");
        assertThat(CliRunner.run(tmp.resolve("p"), "checkout", "HEAD", "--force").exit()).isZero();
        assertThat(Files.readString(tmp.resolve("p/content/a.txt"))).isEqualTo("a");
    }

    @Test
    void progressLineShowsPercentFilesBytesAndEta() {
        JcfEvent.Progress p = new JcfEvent.Progress("checkpoint", "op", Instant.now(), "saving-blobs", 25.0,
                10, 40, 5L << 20, 20L << 20, "a.txt");
        String line = ProgressBar.render(p, 3_000_000_000L);
        assertThat(line).isEqualTo("checkpoint [######------------------]  25%  10/40 files  5.0 MiB/20.0 MiB  ETA 9s  saving-blobs");
        JcfEvent.Progress done = new JcfEvent.Progress("restore", "op", Instant.now(), null, 100.0, 0, 0, 0, 0, null);
        assertThat(ProgressBar.render(done, 1)).isEqualTo("restore [########################] 100%");
    }
}
