package io.kamaros.app.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Opens a folder in the system's file manager (the file's folder for a file), without blocking the UI. */
final class FileManager {
    private FileManager() {
    }

    static void reveal(@Nullable Path path) {
        if (path == null) {
            return;
        }
        Path folder = Files.isDirectory(path) ? path
                : Objects.requireNonNull(path.getParent(), "only a root has no parent, and a root is a folder");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> cmd;
        if (os.contains("win")) {
            cmd = Files.isDirectory(path) ? List.of("explorer", folder.toString()) : List.of("explorer", "/select,", path.toString());
        } else if (os.contains("mac")) {
            cmd = Files.isDirectory(path) ? List.of("open", folder.toString()) : List.of("open", "-R", path.toString());
        } else {
            cmd = List.of("xdg-open", folder.toString());
        }
        Thread t = new Thread(() -> {
            try {
                new ProcessBuilder(cmd).inheritIO().start();
            } catch (IOException ignored) {
                // no file manager available: nothing to show
            }
        }, "kamaros-reveal");
        t.setDaemon(true);
        t.start();
    }
}
