package io.kamaros.app.home;

import java.nio.file.Path;

/**
 * Where the app keeps its own files: {@code ~/.kamaros} (recent projects, window layout, the demo
 * project). {@code -Dkamaros.home=...} moves it (tests use a temporary folder).
 */
public final class AppPaths {
    private final Path home;

    public AppPaths(Path home) {
        this.home = home;
    }

    public static AppPaths fromSystem() {
        String override = System.getProperty("kamaros.home");
        return new AppPaths(override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".kamaros"));
    }

    public Path home() {
        return home;
    }

    public Path recentProjectsFile() {
        return home.resolve("recent-projects.json");
    }

    public Path layoutFile() {
        return home.resolve("layout.json");
    }

    public Path demoFolder() {
        return home.resolve("demo");
    }
}
