package io.kamaros.app.session;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.NewProjectImport;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.frontend.ProjectLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Opens, creates and imports projects. Plain engine calls (no JavaFX): view-models run these
 * through the TaskRunner.
 * <p><b>Existing folders are tracked in place</b> (history in {@code folder/.kamaros}), not copied:
 * the person's files stay where their programs and backups expect them, nothing is duplicated
 * (art folders are large), and the history travels with the folder. Tracking never changes a file
 * by itself; only a restore writes into the folder, and a restore first saves any unsaved work as an
 * automatic checkpoint, so it can always be undone.
 */
public final class ProjectOpener {
    private volatile JcfConfig config;

    public ProjectOpener(JcfConfig config) {
        this.config = config;
    }

    public JcfConfig config() {
        return config;
    }

    /** Projects opened from now on use this configuration (the settings' name, e-mail, compression). */
    public void useConfig(JcfConfig value) {
        config = value;
    }

    /** An open project: the engine and where it lives. */
    public record OpenProject(ProjectLocation location, JcfManager manager) {
    }

    public OpenProject open(ProjectLocation location) {
        return open(location, null);
    }

    /**
     * Opens the project; an encrypted one with {@code password} (wiped by the engine). Without a
     * password an encrypted project throws PasswordException PASSWORD_REQUIRED after reading only
     * its manifest; a wrong one WRONG_PASSWORD.
     */
    public OpenProject open(ProjectLocation given, char @Nullable [] password) {
        // found again from its history folder: a remembered location may predate the folder its settings name now
        ProjectLocation found = ProjectLocation.detect(given.historyRoot());
        ProjectLocation location = found != null ? found : given;
        JcfManager jcf = new JcfManager(openingConfig());
        try {
            if (password == null) {
                jcf.init(location.adapter());
            } else {
                jcf.init(location.adapter(), password);
            }
            return new OpenProject(location, jcf);
        } catch (RuntimeException e) {
            jcf.close();
            throw e;
        }
    }

    /**
     * Opens the open project {@code current} once more with this opener's configuration (changed
     * settings); an encrypted one with the key its session already unlocked, so the password is not
     * asked again. {@code current} stays open: the caller closes it once it has switched over.
     */
    public OpenProject reopen(OpenProject current) {
        return new OpenProject(current.location(),
                current.manager().reopen(current.location().adapter(), openingConfig()));
    }

    /** The settings' configuration; the window shows the status right away: files are listed while the project loads. */
    private JcfConfig openingConfig() {
        return (config == null ? JcfConfig.defaults() : config).toBuilder().statusAtOpen(true).build();
    }

    /** Opens the project in a folder the person picked; refuses folders that are not projects. */
    public OpenProject openFolder(Path folder) {
        return openFolder(folder, null);
    }

    /** Like {@link #openFolder(Path)}; an encrypted project with {@code password} (wiped by the engine). */
    public OpenProject openFolder(Path folder, char @Nullable [] password) {
        ProjectLocation location = ProjectLocation.detect(folder);
        if (location == null) {
            throw new ValidationException("'" + folder + "' is not a Kamaros project folder.",
                    Map.of("path", folder.toString()));
        }
        return open(location, password);
    }

    /** A new empty project: a new folder {@code parent/name}, tracked in place. */
    public OpenProject createEmpty(Path parent, String name) throws IOException {
        return createEmpty(parent, name, null);
    }

    /** Like {@link #createEmpty(Path, String)}; the history encrypted with {@code password} when given (wiped). */
    public OpenProject createEmpty(Path parent, String name, char @Nullable [] password) throws IOException {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.contains("/") || clean.contains("\\") || clean.equals(".") || clean.equals("..")) {
            throw new ValidationException("'" + name + "' cannot be a folder name.", Map.of("field", "name"));
        }
        Path folder = parent.resolve(clean);
        checkNotInsideHistory(folder);
        if (Files.exists(folder) && !isEmptyDir(folder)) {
            throw new ValidationException("The folder '" + folder + "' already exists and is not empty.",
                    Map.of("path", folder.toString()));
        }
        Files.createDirectories(folder);
        return open(ProjectLocation.trackedFolder(folder), password);
    }

    /**
     * Starts tracking an existing folder in place: its files become the first checkpoint. A folder
     * that is already a project is simply opened.
     */
    public OpenProject trackFolder(Path folder, String firstMessage, CheckpointOptions options) {
        return trackFolder(folder, firstMessage, options, manager -> { });
    }

    /**
     * Like {@link #trackFolder(Path, String, CheckpointOptions)}; {@code opened} gets the new project's
     * engine before the first checkpoint starts, so its progress can be shown.
     */
    public OpenProject trackFolder(Path folder, String firstMessage, CheckpointOptions options,
                                   Consumer<JcfManager> opened) {
        ProjectLocation existing = ProjectLocation.detect(folder);
        if (existing != null) {
            return open(existing);
        }
        checkNotInsideHistory(folder);
        OpenProject project = open(ProjectLocation.trackedFolder(folder));
        try {
            opened.accept(project.manager());
            // A quick listing, not a status: a status would read every file once more before the
            // checkpoint reads them to store them (on a big folder, twice the wait).
            if (!project.manager().listFiles().isEmpty()) {
                project.manager().saveCheckpoint(firstMessage, options);
            }
            return project;
        } catch (RuntimeException e) {
            project.manager().close();
            throw e;
        }
    }

    /**
     * Starts tracking a folder in place without saving anything yet (a folder that is already a
     * project is simply opened): the app opens the project at once and saves the first checkpoint
     * in the background, as any other save, so the person sees it fill in and can Stop it.
     */
    public OpenProject startTracking(Path folder) {
        return startTracking(folder, null);
    }

    /**
     * Like {@link #startTracking(Path)}; a new history encrypted with {@code password} when one is given
     * (wiped by the engine). A folder that is already a project opens with it (the engine refuses a
     * password for a plain project).
     */
    public OpenProject startTracking(Path folder, char @Nullable [] password) {
        ProjectLocation existing = ProjectLocation.detect(folder);
        if (existing != null) {
            return open(existing, password);
        }
        checkNotInsideHistory(folder);
        return open(ProjectLocation.trackedFolder(folder), password);
    }

    /**
     * Imports a {@code .jcf} file into a new tracked folder: {@code targetParent/<file name>}
     * (numbered when taken). Returns the opened project.
     */
    public OpenProject importJcf(Path jcfFile, Path targetParent) throws IOException {
        return importJcf(jcfFile, targetParent, null);
    }

    /**
     * Like {@link #importJcf(Path, Path)}; an encrypted archive with {@code password} (wiped here): the
     * new project keeps the archive's key, so it opens with the same password.
     */
    public OpenProject importJcf(Path jcfFile, Path targetParent, char @Nullable [] password) throws IOException {
        String base = jcfFile.getFileName().toString().replaceFirst("(?i)\\.jcf$", "");
        Path folder = freeFolder(targetParent, base.isBlank() ? "project" : base);
        checkNotInsideHistory(folder);
        // Built beside the target and renamed when complete: a killed import leaves no half project.
        // the engine wipes each array it is given: the import gets a copy, the open afterwards the original
        NewProjectImport.build(folder, staging -> {
            OpenProject project = open(ProjectLocation.trackedFolder(staging));
            try {
                return project.manager().importData(jcfFile, ImportOptions.builder()
                        .password(password == null ? null : password.clone()).build());
            } finally {
                project.manager().close();
            }
        });
        return open(ProjectLocation.trackedFolder(folder), password);
    }

    /**
     * Refuses a folder picked for a new project that lies inside a project's history storage (its
     * {@code .kamaros} folder, or the {@code .store} of a project in the expanded layout): tracking
     * it would version the history's own files, and a restore would write into them. The engine's
     * adapter decides what the history is ({@code FileSystemAdapter#historyOverlap}).
     */
    static void checkNotInsideHistory(Path folder) {
        Path f = folder.toAbsolutePath().normalize();
        for (Path a = f; a != null; a = a.getParent()) {
            ProjectLocation around = ProjectLocation.detect(a);
            if (around == null) {
                continue;
            }
            FileSystemAdapter.HistoryOverlap overlap;
            try {
                overlap = around.adapter().historyOverlap(f);
            } catch (IOException e) {
                throw new ValidationException("Cannot tell whether '" + f + "' lies inside the history of the project "
                        + around.projectFolder() + " (" + e.getMessage() + ").", Map.of("path", f.toString()), e);
            }
            if (overlap == FileSystemAdapter.HistoryOverlap.INSIDE) {
                throw new ValidationException("'" + f + "' is inside the history of the project " + around.projectFolder()
                        + ", which Kamaros keeps to itself. Choose a folder outside it.",
                        Map.of("path", f.toString(), "reason", "history-storage"));
            }
        }
    }

    static Path freeFolder(Path parent, String base) {
        Path candidate = parent.resolve(base);
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = parent.resolve(base + " (" + i + ")");
        }
        return candidate;
    }

    private static boolean isEmptyDir(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.findAny().isEmpty();
        }
    }
}
