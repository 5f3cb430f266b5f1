package io.kamaros.cli;

import static io.kamaros.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.app.session.ProjectOpener;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.FileNotFoundException;
import io.kamaros.engine.model.WorkingCopyStatus;
import io.kamaros.frontend.ProjectLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project whose history the CLI keeps apart from the folder it versions ({@code init --work-tree Photos
 * photo-history}) is found by both front ends with that folder: the desktop app once opened the history's empty
 * {@code content/} instead and listed every file as deleted, so a checkpoint there would have recorded them all
 * as gone.
 */
class WorkTreeElsewhereTest {
    @TempDir
    Path tmp;

    private Path photosWithHistoryElsewhere() throws IOException {
        Path photos = Files.createDirectories(tmp.resolve("Photos"));
        Files.write(photos.resolve("a.jpg"), new byte[] {1, 2, 3});
        Files.writeString(photos.resolve("notes.txt"), "beach\n");
        assertThat(run(tmp, "init", "--work-tree", "Photos", "photo-history").exit()).isZero();
        assertThat(run(tmp, "-C", "photo-history", "commit", "-m", "photos").exit()).isZero();
        return photos;
    }

    @Test
    void theHistoryFolderIsFoundWithTheFolderItVersions() throws IOException {
        Path photos = photosWithHistoryElsewhere();
        ProjectLocation found = ProjectLocation.detect(tmp.resolve("photo-history"));
        assertThat(found).isNotNull();
        assertThat(found.workingFolder()).isEqualTo(photos.toAbsolutePath().normalize());
        assertThat(found.projectFolder()).isEqualTo(photos.toAbsolutePath().normalize());
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(found.adapter());
            WorkingCopyStatus status = jcf.getStatus();
            assertThat(status.deleted()).isEmpty();
            assertThat(status.isClean()).isTrue();
        }
    }

    @Test
    void theDesktopAppOpensItWithItsFilesEvenFromALocationRememberedWithoutTheFolder() throws IOException {
        Path photos = photosWithHistoryElsewhere();
        // as a recent-projects entry written before the app read the setting remembers it
        ProjectLocation remembered = new ProjectLocation(tmp.resolve("photo-history"), null);
        ProjectOpener.OpenProject open = new ProjectOpener(JcfConfig.defaults()).open(remembered);
        try (JcfManager jcf = open.manager()) {
            assertThat(open.location().workingFolder()).isEqualTo(photos.toAbsolutePath().normalize());
            assertThat(jcf.getStatus().isClean()).isTrue();
            assertThat(jcf.getStatus().fileCount()).isEqualTo(2);
        }
    }

    @Test
    void aMissingVersionedFolderIsRefusedNotReadAsEmpty() throws IOException {
        Path photos = photosWithHistoryElsewhere();
        Files.move(photos, tmp.resolve("Photos moved"));
        ProjectLocation found = ProjectLocation.detect(tmp.resolve("photo-history"));
        assertThat(found).isNotNull();
        assertThatThrownBy(found::adapter).isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining(photos.toAbsolutePath().normalize().toString());
    }
}
