package io.kamaros.app.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.i18n.I18n;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CancelledException;
import io.kamaros.engine.model.ConcurrentModificationException;
import io.kamaros.engine.model.ForgetResult;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.app.task.ProgressText;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.watch.Autosave;
import io.kamaros.engine.watch.AutoThinning;
import io.kamaros.engine.watch.AutosavePolicy;
import io.kamaros.engine.watch.FolderWatcher;
import io.kamaros.frontend.DurationText;
import io.kamaros.frontend.ProjectLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the open project's view live and its work kept: watches the working copy (the engine's
 * {@link FolderWatcher}) and refreshes the session (badges, "Unsaved changes (N)") a moment after
 * files change — no F5 — and runs {@link Autosave} for it. Everything here runs on one background
 * thread: starting the watch (a walk of the folder), coalescing a burst of events into one refresh
 * ({@link #SETTLE_EVENTS}), stopping; the FX thread only gets the refresh itself, which reads in the
 * background as every refresh does. Autosave is on by default for folders tracked in place and off
 * for other projects; the project's {@code autosave}, {@code autosaveSettle} and
 * {@code autosaveInterval} settings ({@code .jcf/config.json} in its history, shared with
 * {@code kamaros config}) change that.
 */
public final class ProjectWatch {
    /** Got when first needed: the app builds its ProjectWatch before the first frame, and the first logger sets logback up. */
    private static Logger log() {
        return LoggerFactory.getLogger(ProjectWatch.class);
    }
    /** Events closer together than this are one refresh: a save of many files refreshes once. */
    static final Duration SETTLE_EVENTS = Duration.ofMillis(300);

    private final ProjectSession session;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kamaros-project-watch");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    /** Touched only on {@link #thread}. */
    private @Nullable FolderWatcher watcher;
    private volatile @Nullable Autosave autosave;

    /** Whose automatic saves they are: the name the person gave (read at each save: it may be given meanwhile). */
    private final Supplier<JcfConfig> person;

    private ProjectWatch(ProjectSession session, Supplier<JcfConfig> person) {
        this.session = session;
        this.person = person;
    }

    /** Watches every project the session opens, from now on; its automatic saves name nobody (see below). */
    public static ProjectWatch attach(ProjectSession session) {
        return attach(session, () -> JcfConfig.builder().build());
    }

    /**
     * Watches every project the session opens, from now on. Automatic saves are by the name in {@code person}
     * (the settings' name, also when it was given after the project was opened); while there is none, the engine
     * names the person whose work they keep.
     */
    public static ProjectWatch attach(ProjectSession session, Supplier<JcfConfig> person) {
        ProjectWatch watch = new ProjectWatch(session, person);
        session.projectProperty().addListener((o, old, now) -> watch.follow(now));
        return watch;
    }

    /** The autosave of the open project, or null (none open, or its folder cannot be watched). */
    public @Nullable Autosave autosave() {
        return autosave;
    }

    /**
     * Applies new autosave settings to the open project's running autosave at once (the project settings page
     * saves them to the project's settings file first, where the next open reads them); nothing when none runs.
     */
    public void applyPolicy(AutosavePolicy policy) {
        Autosave saver = autosave;
        if (saver != null) {
            saver.setPolicy(policy);
        }
    }

    private void follow(ProjectOpener.@Nullable OpenProject project) {
        thread.execute(() -> {
            stop();
            if (project != null) {
                start(project);
            }
        });
    }

    private void start(ProjectOpener.OpenProject project) {
        JcfManager jcf = project.manager();
        if (!(jcf.getAdapter() instanceof FileAdapter files)) {
            return; // not a folder on this computer: nothing to watch
        }
        ProjectLocation location = project.location();
        Autosave saver = new Autosave(jcf, token -> saveAsTask(jcf, token), policy(location), Clock.systemUTC(),
                new Autosave.Listener() {
            @Override
            public void saved(String versionId) {
                refreshSoon();
            }
        });
        // history that keeps itself also thins itself: the project's policy after saves, at most once per interval
        saver.thinAfterSaves(new AutoThinning(jcf, token -> thinAsTask(jcf, token), Clock.systemDefaultZone()));
        try {
            watcher = FolderWatcher.start(files.workingCopyPath(), files.rootPath(), new FolderWatcher.Listener() {
                @Override
                public void changed(String path) {
                    saver.changed();
                    refreshSoon();
                }

                @Override
                public void eventsLost() {
                    saver.changed();
                    refreshSoon(); // the refresh's status scans every file
                }
            });
        } catch (IOException | RuntimeException e) {
            log().warn("Cannot watch {}: changes show on focus or F5 only, and autosave is off ({})",
                    files.workingCopyPath(), e.toString());
            return;
        }
        saver.start();
        autosave = saver;
        // No refresh here: the open has just loaded everything, and a second load right after it rebuilt the
        // timeline under the person's first click. A change made while the watch was starting shows on focus.
    }

    /**
     * One automatic save as a task the person sees (status bar and task panel, with progress and Cancel;
     * listed under recent work as "Automatic save"), waited for on the autosave's thread. It is not a
     * "writing" task: the person's own checkpoint or restore stays enabled, and starting one cancels it (the
     * engine's rule for automatic saves). A save that could not start because another write ran ends as
     * stopped, not failed: autosave tries again later. Failures never open a dialog; autosave's listener is told.
     */
    private @Nullable String saveAsTask(JcfManager jcf, CancellationToken token) {
        if (jcf.getStatus().isClean()) {
            return null; // undone meanwhile, or nothing changed since the open: no task to list
        }
        return onFxAndWait(jcf, token, done -> startSaveTask(jcf, token, done));
    }

    /**
     * Automatic thinning as a task the person sees (progress and Cancel, "Thinning the history" under recent
     * work), like an automatic save: not a "writing" task, cancelled by the person's checkpoint or restore, never
     * started while one runs.
     */
    private ForgetResult thinAsTask(JcfManager jcf, CancellationToken token) {
        return onFxAndWait(jcf, token, done -> session.runner().task(I18n.t("autothin.task"),
                        ctx -> jcf.thinAutomatically(ctx.cancellation(), Clock.systemDefaultZone()))
                .cancelledBy(token).progressFrom(jcf).visible()
                .onSuccess(r -> {
                    if (!r.forgotten().isEmpty()) {
                        session.runner().announceFinished(I18n.t("autothin.done", r.forgotten().size(),
                                ProgressText.bytes(r.bytesFreed())));
                        session.refresh();
                    }
                    done.complete(r);
                })
                .onFailure(done::completeExceptionally)
                .onCancelled(() -> done.completeExceptionally(new CancelledException("The automatic thinning was "
                        + "stopped; it is tried again later.", Map.of("operation", "autothin"))))
                .start());
    }

    /**
     * Starts a task on the FX thread (unless the project closed or a person's write runs: then stopped or busy,
     * tried again later) and waits on the calling (autosave's) thread for what it completes {@code done} with.
     */
    private <T> T onFxAndWait(JcfManager jcf, CancellationToken token, Consumer<CompletableFuture<T>> start) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            if (token.isCancelled() || !session.isOpen() || session.manager() != jcf) { // closed meanwhile
                done.completeExceptionally(new CancelledException("The automatic work was stopped.",
                        Map.of("operation", "autosave")));
                return;
            }
            if (session.runner().writingProperty().get()) { // the person's save or restore: no task, ask again later
                done.completeExceptionally(new ConcurrentModificationException("The automatic work waits for "
                        + "another change to the project.", Map.of("operation", "autosave")));
                return;
            }
            start.accept(done);
        });
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            token.cancel(); // the project is closing: the task stops and keeps nothing
            throw new CancelledException("The automatic work was stopped.", Map.of("operation", "autosave"), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void startSaveTask(JcfManager jcf, CancellationToken token, CompletableFuture<@Nullable String> done) {
        session.runner().<@Nullable String>task(I18n.t("autosave.task"), ctx -> {
            try {
                JcfConfig named = person.get();
                return Autosave.direct(jcf, named.author(), named.email()).save(ctx.cancellation());
            } catch (ConcurrentModificationException e) {
                throw new CancelledException("The automatic save waited for another change to the project; it is "
                        + "tried again later.", Map.of("operation", "autosave"), e);
            }
        }).cancelledBy(token).progressFrom(jcf).visible()
                .onSuccess(id -> {
                    session.runner().announce(I18n.t(id == null ? "autosave.nothing" : "autosave.saved"));
                    done.complete(id);
                })
                .onFailure(done::completeExceptionally)
                .onCancelled(() -> done.completeExceptionally(new CancelledException("The automatic save was stopped; "
                        + "it is tried again later.", Map.of("operation", "autosave"))))
                .start();
    }

    private void stop() {
        Autosave saver = autosave;
        autosave = null;
        if (saver != null) {
            saver.close();
        }
        FolderWatcher w = watcher;
        watcher = null;
        if (w != null) {
            w.close();
        }
    }

    /** One refresh for a burst of events, {@link #SETTLE_EVENTS} after its first. */
    private void refreshSoon() {
        if (refreshPending.compareAndSet(false, true)) {
            thread.schedule(() -> {
                refreshPending.set(false);
                Platform.runLater(() -> {
                    if (session.isOpen()) {
                        session.refresh();
                    }
                });
            }, SETTLE_EVENTS.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The project's autosave settings: on by default for a folder tracked in place. */
    public static AutosavePolicy policy(ProjectLocation location) {
        boolean enabled = location.workTree() != null;
        Duration settle = AutosavePolicy.DEFAULT_SETTLE;
        Duration interval = AutosavePolicy.DEFAULT_INTERVAL;
        Path file = location.historyRoot().resolve(ProjectLocation.SETTINGS_FILE);
        if (Files.isRegularFile(file)) {
            try {
                JsonNode settings = new ObjectMapper().readTree(file.toFile());
                if (settings.path("autosave").isBoolean() || settings.path("autosave").isTextual()) {
                    enabled = Boolean.parseBoolean(settings.path("autosave").asText());
                }
                settle = durationOr(settings.path("autosaveSettle").asText(""), settle);
                interval = durationOr(settings.path("autosaveInterval").asText(""), interval);
            } catch (IOException e) {
                log().warn("Cannot read {} ({}); autosave uses its defaults", file, e.toString());
            }
        }
        return new AutosavePolicy(enabled, settle, interval);
    }

    private static Duration durationOr(String text, Duration fallback) {
        Duration d = text.isBlank() ? null : DurationText.parse(text);
        return d == null ? fallback : d;
    }
}
