package io.kamaros.engine.watch;

import io.kamaros.engine.JcfManager;
import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryChangeListener;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells when files in a working-copy folder change, from the operating system's own events
 * (directory-watcher: inotify through the JDK on Linux, FSEvents on macOS where the JDK only polls,
 * the JDK's native service on Windows). Events under the project's history folder (a tracked
 * folder keeps it inside) and for paths that are never versioned ({@link JcfManager#isIgnoredPath})
 * are dropped. When the system says it lost events (its queue overflowed) the listener is told
 * {@link Listener#eventsLost()}: the engine's scan then looks at every file, as the status always does.
 * Events arrive on the watcher's own thread; listeners must not block it for long.
 */
public final class FolderWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FolderWatcher.class);

    /** What the watcher reports. */
    public interface Listener {
        /** A file or folder at this project-relative path (forward slashes) was created, changed or deleted. */
        void changed(String path);

        /** Events were lost (overflow, or the watch failed): anything may have changed. */
        void eventsLost();
    }

    private final Path folder;
    private final @Nullable Path history;
    private final Listener listener;
    private final DirectoryWatcher watcher;
    private final ExecutorService thread;
    private final CompletableFuture<Void> watching;

    private FolderWatcher(Path folder, @Nullable Path history, Listener listener) throws IOException {
        this.folder = folder;
        this.history = history;
        this.listener = listener;
        this.watcher = DirectoryWatcher.builder()
                .path(folder)
                .fileHashing(false) // hashing every changed file to drop duplicate events would read big files twice
                .logger(LOG)
                .listener(new DirectoryChangeListener() {
                    @Override
                    public void onEvent(DirectoryChangeEvent event) {
                        handle(event);
                    }

                    @Override
                    public void onException(Exception e) {
                        LOG.debug("watching {} failed", folder, e);
                        listener.eventsLost();
                    }
                })
                .build(); // registers every folder under the root (a walk)
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kamaros-watch");
            t.setDaemon(true);
            return t;
        });
        this.watching = watcher.watchAsync(thread);
    }

    /**
     * Starts watching {@code folder} (the working copy) recursively; events under {@code history} (the
     * project's history folder when it lies inside the working copy, else null) are dropped.
     */
    public static FolderWatcher start(Path folder, @Nullable Path history, Listener listener) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        Path hist = history == null ? null : history.toAbsolutePath().normalize();
        return new FolderWatcher(root, hist != null && hist.startsWith(root) ? hist : null, listener);
    }

    private void handle(DirectoryChangeEvent event) {
        if (event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW) {
            listener.eventsLost();
            return;
        }
        Path path = event.path();
        if (path == null) {
            return;
        }
        Path abs = path.toAbsolutePath().normalize();
        if (history != null && abs.startsWith(history) || !abs.startsWith(folder) || abs.equals(folder)) {
            return;
        }
        String relative = folder.relativize(abs).toString().replace('\\', '/');
        if (!JcfManager.isIgnoredPath(relative)) {
            listener.changed(relative);
        }
    }

    /** True while the watcher runs (false after {@link #close()} or when the watch ended by itself). */
    public boolean isWatching() {
        return !watching.isDone() && !watcher.isClosed();
    }

    /** Stops watching; safe to call twice. */
    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("closing the watcher of {}", folder, e);
        }
        thread.shutdownNow();
    }
}
