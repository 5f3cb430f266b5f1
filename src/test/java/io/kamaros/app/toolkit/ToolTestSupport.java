package io.kamaros.app.toolkit;

import io.kamaros.app.Fx;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.ErrorPresenter;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.frontend.ProjectLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * What the tool view-model tests share: a synchronous TaskRunner whose tasks run on the FX thread (so a
 * command has finished when {@link Fx#onFx} returns), an error recorder, and real projects made with
 * the engine in a temporary folder. The FX thread itself is {@link Fx}'s.
 */
public final class ToolTestSupport {
    private ToolTestSupport() {
    }

    /** Records what would be shown in the error dialog. */
    public static final class Errors implements ErrorPresenter {
        public final List<String> actions = new CopyOnWriteArrayList<>();
        public final List<Throwable> errors = new CopyOnWriteArrayList<>();

        @Override
        public void present(String action, Throwable error) {
            actions.add(action);
            errors.add(error);
        }
    }

    /** A runner that runs each task at once, on the calling (FX) thread. */
    public static TaskRunner directRunner(ErrorPresenter errors) {
        return new TaskRunner(Runnable::run, errors);
    }

    /** A runner that queues tasks until the test runs them (to cancel one before it starts working). */
    public static final class QueuedExecutor implements Executor {
        public final List<Runnable> queued = new ArrayList<>();

        @Override
        public void execute(Runnable command) {
            queued.add(command);
        }

        public void runAll() {
            List<Runnable> now = new ArrayList<>(queued);
            queued.clear();
            now.forEach(Runnable::run);
        }
    }

    /** A small real project, tracked in place in {@code folder}, with the contents of each version. */
    public static final class SampleProject {
        public final Path folder;
        public final ProjectLocation location;
        /** version id → path → bytes, oldest first. */
        public final Map<String, Map<String, byte[]>> versions = new LinkedHashMap<>();

        private SampleProject(Path folder) {
            this.folder = folder;
            this.location = ProjectLocation.trackedFolder(folder);
        }

        /**
         * Five versions: text files edited (so older texts are kept as reverse patches), a binary image
         * replaced, a file deleted, a file renamed.
         */
        static final JcfConfig CONFIG = JcfConfig.builder().author("Test Author").looseObjects(true).build();

        public static SampleProject create(Path folder) {
            SampleProject p = new SampleProject(folder);
            // one file per object: the tool tests damage single object files (the pack cases are PackedProjectTest's)
            ProjectOpener opener = new ProjectOpener(CONFIG);
            ProjectOpener.OpenProject open;
            try {
                Files.createDirectories(folder);
                open = opener.open(p.location);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try (JcfManager jcf = open.manager()) {
                Map<String, byte[]> files = new LinkedHashMap<>();
                StringBuilder story = new StringBuilder();
                for (int i = 0; i < 40; i++) {
                    story.append("Line ").append(i).append(": the fox walks through the moonlit garden.\n");
                }
                put(jcf, files, "story.txt", story.toString().getBytes(StandardCharsets.UTF_8));
                put(jcf, files, "notes.txt", utf8("- find a name for the fox\n"));
                put(jcf, files, "cover.png", random(30_000, 1));
                put(jcf, files, "old-sketch.png", random(20_000, 2));
                p.save(jcf, files, "First draft");

                story.append("Line 40: the gate creaks.\n");
                put(jcf, files, "story.txt", story.toString().getBytes(StandardCharsets.UTF_8));
                put(jcf, files, "cover.png", random(30_000, 3));
                p.save(jcf, files, "Second draft, new cover");

                jcf.removeFile("old-sketch.png");
                files.remove("old-sketch.png");
                story.append("Line 41: an owl watches.\n");
                put(jcf, files, "story.txt", story.toString().getBytes(StandardCharsets.UTF_8));
                p.save(jcf, files, "Remove the old sketch");

                jcf.moveFile("notes.txt", "todo.txt");
                files.put("todo.txt", files.remove("notes.txt"));
                put(jcf, files, "chapter2.txt", utf8("Chapter 2\n\nMorning comes.\n"));
                p.save(jcf, files, "Chapter 2 and a renamed list");

                story.append("Line 42: the end.\n");
                put(jcf, files, "story.txt", story.toString().getBytes(StandardCharsets.UTF_8));
                p.save(jcf, files, "The end");
            }
            return p;
        }

        private void save(JcfManager jcf, Map<String, byte[]> files, String message) {
            String id = jcf.saveCheckpoint(message, CheckpointOptions.defaults());
            versions.put(id, new LinkedHashMap<>(files));
        }

        private static void put(JcfManager jcf, Map<String, byte[]> files, String path, byte[] content) {
            jcf.addFile(path, content);
            files.put(path, content);
        }

        public List<String> ids() {
            return new ArrayList<>(versions.keySet());
        }

        public Path historyRoot() {
            return location.historyRoot();
        }

        /** Opens the project in a new session (history loaded) with the given runner. */
        public ProjectSession openSession(TaskRunner runner) {
            ProjectSession session = new ProjectSession(runner);
            ProjectOpener.OpenProject open = new ProjectOpener(CONFIG).open(location);
            Fx.runFx(() -> session.open(open));
            return session;
        }
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Closes the session's project (synchronously in these tests). */
    public static void close(ProjectSession session) {
        Fx.runFx(() -> {
            if (session.isOpen()) {
                session.close();
            }
        });
    }
}
