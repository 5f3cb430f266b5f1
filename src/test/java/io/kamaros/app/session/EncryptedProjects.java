package io.kamaros.app.session;

import io.kamaros.engine.JcfManager;
import io.kamaros.frontend.ProjectLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Encrypted projects and archives made by the real engine, for the app's tests. */
public final class EncryptedProjects {
    public static final String PASSWORD = "correct horse";

    private EncryptedProjects() {
    }

    /** A folder tracked in place whose history is encrypted with {@link #PASSWORD}: two versions. */
    public static ProjectLocation project(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("notes.txt"), "first");
        ProjectLocation location = ProjectLocation.trackedFolder(folder);
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(location.adapter(), PASSWORD.toCharArray());
            jcf.saveCheckpoint("First");
            Files.writeString(folder.resolve("notes.txt"), "second");
            jcf.saveCheckpoint("Second");
        }
        return location;
    }

    /** An encrypted {@code .jcf} archive of {@link #project}: importing it needs {@link #PASSWORD}. */
    public static Path archive(Path folder, Path file) throws IOException {
        ProjectLocation location = project(folder);
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(location.adapter(), PASSWORD.toCharArray());
            jcf.export(file);
        }
        return file;
    }
}
