package io.kamaros.cli;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.PasswordException;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.frontend.ProjectLocation;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/** An open project: where it lives, its CLI settings and the engine working on it. */
public final class Project implements AutoCloseable {
    /** Name of the history folder inside a folder versioned in place ({@code init --work-tree}). */
    public static final String NESTED_HISTORY = ProjectLocation.HISTORY_FOLDER;

    private final Path root;
    private final CliSettings settings;
    private final JcfManager jcf;
    private final FileAdapter adapter;

    private Project(Path root, CliSettings settings, JcfManager jcf, FileAdapter adapter) {
        this.root = root;
        this.settings = settings;
        this.jcf = jcf;
        this.adapter = adapter;
    }

    /** A folder holding a project's history (manifest and store). */
    public static boolean isProject(Path dir) {
        return ProjectLocation.isHistory(dir);
    }

    /** The history folder of the project at {@code start} or its nearest parent (also a work tree's {@code .kamaros}). */
    public static Path find(Path start) {
        return locate(start).historyRoot();
    }

    private static ProjectLocation locate(Path start) {
        ProjectLocation found = ProjectLocation.find(start);
        if (found == null) {
            throw new CliException(ExitCodes.FILE_NOT_FOUND, "NOT_A_PROJECT", "No Kamaros project at " + start
                    + " or any parent folder. Create one with 'kamaros init' or name one with -C DIR.");
        }
        return found;
    }

    /** Opens an existing project found from {@code start} (not an encrypted one: see the next). */
    public static Project open(Path start, Map<String, String> env) {
        return openAt(locate(start), env, false, new Passwords(null, Map.of(), null));
    }

    /** Opens an existing project found from {@code start}; an encrypted one with a password from {@code passwords}. */
    static Project open(Path start, Map<String, String> env, Passwords passwords) {
        return openAt(locate(start), env, false, passwords);
    }

    /** Like {@link #open}, for a command that asks for the status right away (see JcfConfig#statusAtOpen). */
    static Project openForStatus(Path start, Map<String, String> env, Passwords passwords) {
        return openAt(locate(start), env, true, passwords);
    }

    private static Project openAt(ProjectLocation location, Map<String, String> env, boolean forStatus,
                                  Passwords passwords) {
        Path root = location.historyRoot();
        CliSettings settings = CliSettings.load(root);
        FileAdapter.Options options = new FileAdapter.Options().createIfMissing(false);
        String workTree = settings.get("workTree");
        if (workTree != null) {
            Path wt = Path.of(workTree);
            if (!Files.isDirectory(wt)) {
                throw new CliException(ExitCodes.FILE_NOT_FOUND, "FILE_NOT_FOUND", "The folder this project versions ("
                        + wt + ") does not exist. Restore it, or point the project elsewhere with "
                        + "'kamaros config workTree FOLDER'.");
            }
            options.workTree(wt);
        } else if (location.workTree() != null) {
            // A folder tracked in place by the desktop app: its history is <folder>/.kamaros, with no
            // CLI settings; the files are the folder around it (read as content/, nothing would be there).
            options.workTree(location.workTree());
        }
        return create(root, settings, options, env, forStatus, passwords, false);
    }

    /**
     * Creates (or opens) the project at {@code root}: a new one encrypted when {@code encrypt} (its
     * password from {@code passwords}); an existing encrypted one asks {@code passwords} for its password.
     */
    static Project create(Path root, CliSettings settings, FileAdapter.Options options, Map<String, String> env,
                          Passwords passwords, boolean encrypt) {
        return create(root, settings, options, env, false, passwords, encrypt);
    }

    private static Project create(Path root, CliSettings settings, FileAdapter.Options options, Map<String, String> env,
                                  boolean forStatus, Passwords passwords, boolean encrypt) {
        JcfManager jcf = new JcfManager(settings.toConfig(env).toBuilder().statusAtOpen(forStatus).build());
        FileAdapter adapter = new FileAdapter(root, options);
        try {
            if (encrypt) {
                jcf.init(adapter, passwords.forNewProject(root.toString())); // the engine wipes the array
            } else {
                try {
                    jcf.init(adapter);
                } catch (PasswordException e) {
                    if (!ErrorCodes.PASSWORD_REQUIRED.equals(e.code())) {
                        throw e;
                    }
                    // Encrypted: only the manifest was read. Ask for the password, then open for real.
                    jcf.init(adapter, passwords.forOpening(root.toString(), e.getMessage()));
                }
            }
        } catch (RuntimeException e) {
            jcf.close();
            throw e;
        }
        return new Project(root, settings, jcf, adapter);
    }

    public Path root() {
        return root;
    }

    public CliSettings settings() {
        return settings;
    }

    public JcfManager jcf() {
        return jcf;
    }

    /** The folder people edit: the work tree, or {@code <root>/content}. */
    public Path workingCopy() {
        return adapter.workingCopyPath();
    }

    /**
     * A path as the engine names it. A path that lies in the working copy (relative to the current
     * folder, or absolute) is made relative to it, as git does; anything else is taken as a project path.
     */
    public String projectPath(Path cwd, String arg) {
        String cleaned = arg.replace(File.separatorChar, '/');
        Path wc = workingCopy().toAbsolutePath().normalize();
        try {
            Path p = cwd.resolve(arg).toAbsolutePath().normalize();
            if (p.startsWith(wc) && !p.equals(wc)) {
                return wc.relativize(p).toString().replace(File.separatorChar, '/');
            }
        } catch (InvalidPathException e) {
            // not a usable OS path: let the engine judge it as a project path
        }
        while (cleaned.startsWith("./")) {
            cleaned = cleaned.substring(2);
        }
        return cleaned.endsWith("/") ? cleaned.substring(0, cleaned.length() - 1) : cleaned;
    }

    @Override
    public void close() {
        jcf.close();
    }
}
