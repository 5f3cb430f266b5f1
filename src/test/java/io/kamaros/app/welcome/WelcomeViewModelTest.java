package io.kamaros.app.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.TestApp;
import io.kamaros.app.shell.MainWindowViewModel;
import io.kamaros.engine.JcfManager;
import io.kamaros.frontend.ProjectLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WelcomeViewModelTest {
    @TempDir
    Path dir;
    private TestApp app;

    private WelcomeViewModel vm() {
        app = new TestApp(dir.resolve("home"));
        return new WelcomeViewModel(app.context.session(), app.context.opener(), app.context.recent(), app.context.paths(),
                Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        if (app != null) {
            app.run(() -> app.context.session().close());
        }
    }

    @Test
    void demoArgumentOpensTheDemoAndRemembersIt() throws Exception {
        WelcomeViewModel vm = vm();
        // the demo lives in the app's home; put a generated copy there so the test does not regenerate it
        TestApp.demoCopy(Files.createDirectories(app.context.paths().demoFolder()));
        Files.writeString(app.context.paths().demoFolder().resolve(".generated-by-kamaros"), "1");
        MainWindowViewModel window = Fx.call(() -> new MainWindowViewModel(app.context.session()));
        assertThat(window.titleBinding().get()).isEqualTo("Kamaros");
        app.run(() -> vm.handleArguments(List.of("--demo")));
        assertThat(app.errors).isEmpty();
        assertThat(app.context.session().isOpen()).isTrue();
        assertThat(app.context.session().getVersions()).hasSize(25);
        assertThat(window.titleBinding().get()).isEqualTo("Moonlit Garden — Kamaros");
        assertThat(window.workingCopySummaryBinding().get()).isEqualTo("All changes saved");
        assertThat(vm.getRecent()).extracting(e -> e.name).containsExactly("Moonlit Garden");
        app.run(() -> app.context.session().close());
        assertThat(window.titleBinding().get()).isEqualTo("Kamaros");
    }

    @Test
    void aJcfArgumentIsImportedBesideTheFileAndAFolderArgumentIsOpened() throws Exception {
        WelcomeViewModel vm = vm();
        ProjectLocation demo = TestApp.demoCopy(dir);
        Path jcfFile = dir.resolve("book.jcf");
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(demo.adapter());
            jcf.export(jcfFile);
        }
        app.run(() -> vm.handleArguments(List.of(jcfFile.toString())));
        assertThat(app.errors).isEmpty();
        assertThat(app.context.session().location().orElseThrow().workTree()).isEqualTo(dir.resolve("book").toAbsolutePath());
        assertThat(app.context.session().getVersions()).hasSize(25);

        app.run(() -> vm.handleArguments(List.of(demo.workTree().toString())));
        assertThat(app.context.session().location().orElseThrow()).isEqualTo(demo);
        assertThat(vm.getRecent()).extracting(e -> e.name).containsExactly("Moonlit Garden", "book");
    }

    @Test
    void aMissingPathIsReportedClearly() {
        WelcomeViewModel vm = vm();
        app.run(() -> vm.handleArguments(List.of(dir.resolve("nope.jcf").toString())));
        assertThat(app.errors).hasSize(1);
        assertThat(app.context.session().isOpen()).isFalse();
    }

    @Test
    void argumentsOpenBeforeTheWindowExistsAndAMissingPathIsReportedOnlyWhenAsked() throws Exception {
        WelcomeViewModel vm = vm();
        String missing = dir.resolve("nope.jcf").toString();
        assertThat(app.call(() -> vm.openArguments(List.of("--theme=dark", missing)))).contains(missing);
        assertThat(app.errors).isEmpty(); // the app reports it once its window is shown
        app.run(() -> vm.reportCannotOpen(missing));
        assertThat(app.errors).hasSize(1);

        ProjectLocation demo = TestApp.demoCopy(dir);
        assertThat(app.call(() -> vm.openArguments(List.of(demo.workTree().toString())))).isEmpty();
        assertThat(app.context.session().location().orElseThrow()).isEqualTo(demo);
        assertThat(app.call(() -> vm.openArguments(List.of("--theme=dark")))).isEmpty();
    }

    /** The setting "Open the last project when Kamaros starts": on, the newest recent project that still exists opens. */
    @Test
    void theLastProjectOpensAtStartOnlyWhenThePersonChoseSo() throws Exception {
        WelcomeViewModel vm = vm();
        ProjectLocation demo = TestApp.demoCopy(Files.createDirectories(dir.resolve("books")));
        app.context.recent().remember(demo, Instant.parse("2026-11-24T10:00:00Z"));
        app.context.recent().remember(ProjectLocation.trackedFolder(dir.resolve("moved-away")),
                Instant.parse("2026-11-25T09:00:00Z")); // newer, but its folder is gone

        assertThat(app.call(() -> vm.openAtStart(List.of("--theme=dark"), false))).isEmpty();
        assertThat(app.context.session().isOpen()).as("switch off: the welcome screen").isFalse();

        assertThat(app.call(() -> vm.openAtStart(List.of("--theme=dark"), true))).isEmpty();
        assertThat(app.errors).isEmpty();
        assertThat(app.context.session().location().orElseThrow()).isEqualTo(demo);
        app.run(() -> app.context.session().close());

        // a project named on the command line wins over the setting
        Path poems = Files.createDirectories(dir.resolve("Poems"));
        Files.writeString(poems.resolve("haiku.txt"), "old pond\n");
        app.run(() -> vm.openAtStart(List.of(poems.toString()), true));
        assertThat(app.context.session().location().orElseThrow().workTree()).isEqualTo(poems.toAbsolutePath());
    }

    @Test
    void newEmptyProjectAndTrackingAFolder() throws Exception {
        WelcomeViewModel vm = vm();
        app.run(() -> vm.createEmpty(dir, "Poems"));
        assertThat(app.context.session().location().orElseThrow().workTree()).isEqualTo(dir.resolve("Poems").toAbsolutePath());
        assertThat(app.context.session().getVersions()).isEmpty();
        Path photos = Files.createDirectories(dir.resolve("Photos"));
        Files.write(photos.resolve("a.jpg"), new byte[] {1, 2, 3});
        app.run(() -> vm.openPath(photos));
        assertThat(app.context.session().getVersions()).hasSize(1);
        assertThat(app.context.session().getVersions().get(0).message()).isEqualTo("Start tracking this folder");
    }

    @Test
    void recentProjectsAreKeptNewestFirstAndCanBeForgotten() {
        RecentProjects recent = new RecentProjects(dir.resolve("recent.json"));
        ProjectLocation a = ProjectLocation.trackedFolder(dir.resolve("a"));
        ProjectLocation b = ProjectLocation.trackedFolder(dir.resolve("b"));
        recent.remember(a, Instant.ofEpochSecond(1));
        recent.remember(b, Instant.ofEpochSecond(2));
        recent.remember(a, Instant.ofEpochSecond(3));
        assertThat(new RecentProjects(dir.resolve("recent.json")).load()).extracting(e -> e.name).containsExactly("a", "b");
        assertThat(recent.forget(a)).extracting(e -> e.name).containsExactly("b");
        for (int i = 0; i < 20; i++) {
            recent.remember(ProjectLocation.trackedFolder(dir.resolve("p" + i)), Instant.ofEpochSecond(10 + i));
        }
        assertThat(recent.load()).hasSize(RecentProjects.MAX);
    }
}
