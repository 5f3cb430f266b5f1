package io.kamaros.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Project discovery shared by the app (a picked folder) and the CLI (the current folder and its parents). */
class ProjectLocationTest {
    @TempDir
    Path dir;

    private static Path history(Path folder) throws IOException {
        Files.createDirectories(folder.resolve(".store"));
        Files.writeString(folder.resolve("manifest.json"), "{}");
        return folder;
    }

    @Test
    void aHistoryNeedsBothManifestAndStore() throws IOException {
        Path half = Files.createDirectories(dir.resolve("half"));
        Files.writeString(half.resolve("manifest.json"), "{}");
        assertThat(ProjectLocation.isHistory(half)).isFalse();
        assertThat(ProjectLocation.detect(half)).isNull();
        assertThat(ProjectLocation.isHistory(history(dir.resolve("full")))).isTrue();
    }

    @Test
    void findWalksUpToATrackedFolder() throws IOException {
        Path folder = dir.resolve("Novel");
        history(folder.resolve(".kamaros"));
        Path deep = Files.createDirectories(folder.resolve("chapters/drafts"));
        ProjectLocation found = ProjectLocation.find(deep);
        assertThat(found).isEqualTo(ProjectLocation.trackedFolder(folder));
        assertThat(found.workingFolder()).isEqualTo(folder.toAbsolutePath().normalize());
        // from inside the history folder itself: the same project
        assertThat(ProjectLocation.find(folder.resolve(".kamaros/.store"))).isEqualTo(found);
    }

    @Test
    void findWalksUpToAnExpandedProject() throws IOException {
        Path project = history(dir.resolve("expanded"));
        Path inContent = Files.createDirectories(project.resolve("content/art"));
        ProjectLocation found = ProjectLocation.find(inContent);
        assertThat(found).isEqualTo(new ProjectLocation(project, null));
        assertThat(found.workingFolder()).isEqualTo(project.toAbsolutePath().normalize().resolve("content"));
    }

    @Test
    void findReturnsNullOutsideAnyProject() throws IOException {
        assertThat(ProjectLocation.find(Files.createDirectories(dir.resolve("plain/sub")))).isNull();
    }
}
