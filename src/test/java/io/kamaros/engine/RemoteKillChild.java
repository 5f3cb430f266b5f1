package io.kamaros.engine;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.remote.ObjectInfo;
import io.kamaros.engine.remote.PartInfo;
import io.kamaros.engine.remote.RemoteBackend;
import io.kamaros.engine.remote.RemoteStore;
import io.kamaros.engine.remote.Tagged;
import io.kamaros.engine.store.FileAdapter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One remote operation of a project in a child JVM, which a kill test pauses at a named point and then kills
 * (kill -9): {@code OP PROJECT PAUSE N [URL ENDPOINT]}.
 * <ul>
 *   <li>OP: {@code prune} (delay 0: a mark made by an earlier run is due), {@code push}, {@code fetch}, {@code pull},
 *   or {@code clone} (PROJECT is then the target folder, URL the remote, ENDPOINT its S3 endpoint or {@code -}).</li>
 *   <li>Named points: every request to the remote, before and after it ({@code before delete packs/<name>.pack}),
 *   and every progress event ({@code event fetch recording}). The child prints each ({@code AT n POINT}); at the
 *   N-th point matching the regular expression PAUSE ({@code none}: never) it prints {@code PAUSED POINT} and
 *   freezes: every thread stops at its next point, so the remote sees nothing more until the kill.</li>
 *   <li>When the operation ends: {@code DONE points=n}.</li>
 * </ul>
 * The engine's own code runs unchanged; only the remote's backend is wrapped ({@link Remotes}' test constructor), and
 * the credentials come from the environment as in the CLI.
 */
public final class RemoteKillChild {
    private RemoteKillChild() {
    }

    public static void main(String[] args) throws Exception {
        String op = args[0];
        Path project = Path.of(args[1]);
        Hook hook = new Hook(args[2].equals("none") ? null : Pattern.compile(args[2]), Integer.parseInt(args[3]));
        Map<String, String> env = System.getenv();
        Function<RemoteConfig, RemoteBackend> backends = r -> new PausingBackend(Remotes.defaultBackend(r, env), hook);
        Object result;
        if (op.equals("clone")) {
            RemoteConfig remote = args[4].startsWith("s3://")
                    ? new RemoteConfig("origin", args[4], args[5], null, true, null)
                    : RemoteConfig.folder("origin", Path.of(args[4]));
            result = Remotes.clone(remote, project, Remotes.Layout.PROJECT, null, env, CancellationToken.NONE,
                    hook::event, RemoteStore.Settings.defaults(), backends);
        } else {
            try (JcfManager jcf = new JcfManager()) {
                jcf.init(new FileAdapter(project));
                jcf.on(JcfEvent.class, hook::event);
                Remotes remotes = new Remotes(jcf.getAdapter(), env, RemoteStore.Settings.defaults(), jcf, backends);
                result = switch (op) {
                    case "prune" -> remotes.prune("origin", Duration.ZERO, false, CancellationToken.NONE);
                    case "push" -> remotes.push("origin");
                    case "fetch" -> remotes.fetch("origin");
                    case "pull" -> remotes.pull("origin");
                    default -> throw new IllegalArgumentException("no operation " + op);
                };
            }
        }
        System.out.println("DONE points=" + hook.points.get() + " " + result);
        System.out.flush();
    }

    /** Counts the named points and freezes the process at the chosen one. */
    static final class Hook {
        private final @Nullable Pattern pause;
        private final int nth;
        final AtomicInteger points = new AtomicInteger();
        private final AtomicInteger matching = new AtomicInteger();
        private volatile boolean paused;

        Hook(@Nullable Pattern pause, int nth) {
            this.pause = pause;
            this.nth = nth;
        }

        void at(String point) {
            if (paused) {
                freeze();
            }
            System.out.println("AT " + points.incrementAndGet() + " " + point);
            if (pause != null && pause.matcher(point).matches() && matching.incrementAndGet() == nth) {
                paused = true;
                System.out.println("PAUSED " + point);
                System.out.flush();
                freeze();
            }
        }

        void event(JcfEvent e) {
            if (e instanceof JcfEvent.Progress p) {
                at("event " + p.operation() + " " + p.phase());
            }
        }

        /** Blocks this thread until the process is killed. */
        private static void freeze() {
            CountDownLatch never = new CountDownLatch(1);
            while (true) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    // still frozen: only the kill ends it
                }
            }
        }
    }

    /** The real backend with a named point before and after each request. */
    private static final class PausingBackend implements RemoteBackend {
        private final RemoteBackend real;
        private final Hook hook;

        PausingBackend(RemoteBackend real, Hook hook) {
            this.real = real;
            this.hook = hook;
        }

        private <T> T request(String what, Supplier<T> request) {
            hook.at("before " + what);
            T result = request.get();
            hook.at("after " + what);
            return result;
        }

        @Override
        public String describe() {
            return real.describe();
        }

        @Override
        public boolean createIfAbsent(String name, byte[] data) {
            return request("create " + name, () -> real.createIfAbsent(name, data));
        }

        @Override
        public @Nullable String replaceIfMatch(String name, @Nullable String expectedEtag, byte[] data) {
            return request("replaceIfMatch " + name, () -> real.replaceIfMatch(name, expectedEtag, data));
        }

        @Override
        public byte @Nullable [] get(String name) {
            return request("get " + name, () -> real.get(name));
        }

        @Override
        public @Nullable Tagged getTagged(String name) {
            return request("get " + name, () -> real.getTagged(name));
        }

        @Override
        public byte @Nullable [] getRange(String name, long offset, int length) {
            return request("getRange " + name, () -> real.getRange(name, offset, length));
        }

        @Override
        public @Nullable ObjectInfo head(String name) {
            return request("head " + name, () -> real.head(name));
        }

        @Override
        public List<ObjectInfo> list(String prefix) {
            return request("list " + prefix, () -> real.list(prefix));
        }

        @Override
        public void delete(String name) {
            request("delete " + name, () -> {
                real.delete(name);
                return Boolean.TRUE;
            });
        }

        @Override
        public long minPartSize() {
            return real.minPartSize();
        }

        @Override
        public List<String> pendingUploads(String name) {
            return request("pendingUploads " + name, () -> real.pendingUploads(name));
        }

        @Override
        public String startUpload(String name) {
            return request("startUpload " + name, () -> real.startUpload(name));
        }

        @Override
        public List<PartInfo> uploadedParts(String name, String uploadId) {
            return request("uploadedParts " + name, () -> real.uploadedParts(name, uploadId));
        }

        @Override
        public String uploadPart(String name, String uploadId, int number, byte[] data) {
            return request("uploadPart " + name + "#" + number, () -> real.uploadPart(name, uploadId, number, data));
        }

        @Override
        public boolean completeUploadIfAbsent(String name, String uploadId, List<PartInfo> parts) {
            return request("complete " + name, () -> real.completeUploadIfAbsent(name, uploadId, parts));
        }

        @Override
        public void abortUpload(String name, String uploadId) {
            request("abort " + name, () -> {
                real.abortUpload(name, uploadId);
                return Boolean.TRUE;
            });
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
