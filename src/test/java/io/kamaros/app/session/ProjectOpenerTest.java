package io.kamaros.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.app.TestApp;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.frontend.ProjectLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectOpenerTest {
    @TempDir
    Path dir;
    private final ProjectOpener opener = new ProjectOpener(JcfConfig.builder().author("Tester").build());

    @Test
    void anEmptyProjectIsANewFolderWithItsHistoryInside() throws Exception {
        ProjectOpener.OpenProject p = opener.createEmpty(dir, "Novel");
        try (JcfManager jcf = p.manager()) {
            assertThat(p.location().workTree()).isEqualTo(dir.resolve("Novel").toAbsolutePath());
            assertThat(jcf.getHistory()).isEmpty();
            jcf.addFile("chapter1.md", "Once upon a time");
            jcf.saveCheckpoint("First");
        }
        assertThat(Files.readString(dir.resolve("Novel/chapter1.md"))).isEqualTo("Once upon a time");
        assertThat(Files.isRegularFile(dir.resolve("Novel/.kamaros/manifest.json"))).isTrue();
        assertThat(ProjectLocation.detect(dir.resolve("Novel"))).isEqualTo(p.location());
        assertThatThrownBy(() -> opener.createEmpty(dir, "Novel")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> opener.createEmpty(dir, "../x")).isInstanceOf(ValidationException.class);
    }

    @Test
    void trackingAFolderKeepsTheFilesInPlaceAndSavesThemAsTheFirstCheckpoint() throws Exception {
        Path art = Files.createDirectories(dir.resolve("Art"));
        Files.writeString(art.resolve("sketch.svg"), "<svg/>");
        Files.createDirectories(art.resolve("old"));
        Files.writeString(art.resolve("old/idea.txt"), "idea");
        ProjectOpener.OpenProject p = opener.trackFolder(art, "Start", CheckpointOptions.defaults());
        try (JcfManager jcf = p.manager()) {
            assertThat(jcf.getHistory()).hasSize(1);
            assertThat(jcf.listFiles("", jcf.getHistory().get(0).id())).extracting(f -> f.path())
                    .containsExactly("old/idea.txt", "sketch.svg");
            assertThat(jcf.getStatus().isClean()).isTrue();
        }
        assertThat(Files.readString(art.resolve("sketch.svg"))).isEqualTo("<svg/>");
        // tracking it again just opens it
        ProjectOpener.OpenProject again = opener.trackFolder(art, "Start", CheckpointOptions.defaults());
        try (JcfManager jcf = again.manager()) {
            assertThat(jcf.getHistory()).hasSize(1);
        }
    }

    @Test
    void detectsBothLayoutsAndRefusesOtherFolders() throws Exception {
        Path expanded = dir.resolve("expanded");
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new FileAdapter(expanded));
            jcf.addFile("a.txt", "a");
            jcf.saveCheckpoint("one");
        }
        assertThat(ProjectLocation.detect(expanded)).isEqualTo(new ProjectLocation(expanded, null));
        assertThat(ProjectLocation.detect(expanded).workingFolder()).isEqualTo(expanded.toAbsolutePath().resolve("content"));
        try (JcfManager jcf = opener.openFolder(expanded).manager()) {
            assertThat(jcf.getHistory()).hasSize(1);
        }
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThat(ProjectLocation.detect(plain)).isNull();
        assertThatThrownBy(() -> opener.openFolder(plain)).isInstanceOf(ValidationException.class);
    }

    @Test
    void aJcfFileIsImportedIntoANewFolderBesideIt() throws Exception {
        ProjectLocation demo = TestApp.demoCopy(dir);
        Path jcfFile = dir.resolve("Moonlit Garden.jcf");
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(demo.adapter());
            jcf.export(jcfFile);
        }
        Path parent = Files.createDirectories(dir.resolve("imports"));
        ProjectOpener.OpenProject first = opener.importJcf(jcfFile, parent);
        ProjectOpener.OpenProject second = opener.importJcf(jcfFile, parent);
        try (JcfManager a = first.manager(); JcfManager b = second.manager()) {
            assertThat(a.getHistory()).hasSize(25);
            assertThat(first.location().workTree()).isEqualTo(parent.resolve("Moonlit Garden").toAbsolutePath());
            assertThat(second.location().workTree()).isEqualTo(parent.resolve("Moonlit Garden (2)").toAbsolutePath());
            assertThat(Files.exists(first.location().workTree().resolve("chapters/04-dawn.md"))).isTrue();
            assertThat(b.getStatus().isClean()).isTrue();
        }
    }
}
