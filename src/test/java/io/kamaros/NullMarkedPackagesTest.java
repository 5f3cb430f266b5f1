package io.kamaros;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages NullAway checks (a package-info.java marked {@code @NullMarked}, see the compiler setup in
 * pom.xml). The set only grows: adopting a package adds it here, and no package may silently drop out.
 */
class NullMarkedPackagesTest {
    private static final Path SOURCES = Path.of("src/main/java");

    /** Add a package when its package-info.java gets @NullMarked; never remove one. */
    private static final Set<String> NULL_MARKED = Set.of(
            "io.kamaros",
            "io.kamaros.app",
            "io.kamaros.app.checkpoint",
            "io.kamaros.app.demo",
            "io.kamaros.app.details",
            "io.kamaros.app.diff",
            "io.kamaros.app.forget",
            "io.kamaros.app.gc",
            "io.kamaros.app.history",
            "io.kamaros.app.home",
            "io.kamaros.app.i18n",
            "io.kamaros.app.password",
            "io.kamaros.app.projectsettings",
            "io.kamaros.app.restore",
            "io.kamaros.app.session",
            "io.kamaros.app.settings",
            "io.kamaros.app.shell",
            "io.kamaros.app.storage",
            "io.kamaros.app.sync",
            "io.kamaros.app.task",
            "io.kamaros.app.timeline",
            "io.kamaros.app.toolkit",
            "io.kamaros.app.tools",
            "io.kamaros.app.transfer",
            "io.kamaros.app.tree",
            "io.kamaros.app.unsaved",
            "io.kamaros.app.verify",
            "io.kamaros.app.watch",
            "io.kamaros.app.welcome",
            "io.kamaros.cli",
            "io.kamaros.engine",
            "io.kamaros.engine.container",
            "io.kamaros.engine.format",
            "io.kamaros.engine.history",
            "io.kamaros.engine.history.sync",
            "io.kamaros.engine.model",
            "io.kamaros.engine.objects",
            "io.kamaros.engine.objects.pack",
            "io.kamaros.engine.project",
            "io.kamaros.engine.remote",
            "io.kamaros.engine.store",
            "io.kamaros.engine.watch",
            "io.kamaros.frontend");

    @Test
    void theNullMarkedPackagesOnlyGrow() throws IOException {
        assertThat(nullMarkedPackages()).containsAll(NULL_MARKED);
    }

    @Test
    void everyNullMarkedPackageIsListed() throws IOException {
        assertThat(NULL_MARKED).containsAll(nullMarkedPackages());
    }

    private static Set<String> nullMarkedPackages() throws IOException {
        Set<String> marked = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path info : files.filter(p -> p.getFileName().toString().equals("package-info.java")).toList()) {
                if (Files.readString(info).contains("@NullMarked")) {
                    marked.add(SOURCES.relativize(info.getParent()).toString().replace(info.getFileSystem()
                            .getSeparator(), "."));
                }
            }
        }
        return marked;
    }
}
