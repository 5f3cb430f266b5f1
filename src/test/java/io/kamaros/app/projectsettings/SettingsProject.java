package io.kamaros.app.projectsettings;

import io.kamaros.app.Fx;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.frontend.ProjectLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A folder tracked in place with a history to thin: a manual checkpoint four days ago, six automatic saves one
 * hour apart three days ago (09:00 to 14:00, one day in the system's zone) and a manual checkpoint now.
 */
final class SettingsProject {
    static final int AUTOSAVES = 6;
    static final int VERSIONS = AUTOSAVES + 2;
    static final JcfConfig CONFIG = JcfConfig.builder().author("Test Author").build();

    final Path folder;
    final ProjectLocation location;

    private SettingsProject(Path folder) {
        this.folder = folder;
        this.location = ProjectLocation.trackedFolder(folder);
    }

    static SettingsProject create(Path folder) throws IOException {
        SettingsProject p = new SettingsProject(folder);
        Files.createDirectories(folder);
        ZoneId zone = ZoneId.systemDefault();
        Instant day = LocalDate.now(zone).minusDays(3).atTime(9, 0).atZone(zone).toInstant();
        try (JcfManager jcf = new ProjectOpener(CONFIG).open(p.location).manager()) {
            Files.writeString(folder.resolve("story.txt"), "Once upon a time\n");
            jcf.saveCheckpoint("Start", CheckpointOptions.builder().timestamp(day.minusSeconds(86_400)).build());
            for (int i = 0; i < AUTOSAVES; i++) {
                Files.writeString(folder.resolve("story.txt"), "Once upon a time, draft " + i + "\n" + "x".repeat(2_000 * i));
                jcf.saveCheckpoint("Automatic save", CheckpointOptions.builder().automatic(true)
                        .timestamp(day.plusSeconds(3_600L * i)).build());
            }
            Files.writeString(folder.resolve("story.txt"), "Once upon a time, the end\n");
            jcf.saveCheckpoint("The end", CheckpointOptions.defaults());
        }
        return p;
    }

    ProjectSession open(TaskRunner runner) {
        ProjectSession session = new ProjectSession(runner);
        ProjectOpener.OpenProject open = new ProjectOpener(CONFIG).open(location);
        Fx.runFx(() -> session.open(open));
        return session;
    }
}
