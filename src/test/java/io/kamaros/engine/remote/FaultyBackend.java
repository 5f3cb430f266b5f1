package io.kamaros.engine.remote;

import io.kamaros.engine.model.RemoteUnavailableException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Fault injection in front of a real backend: the next calls of an operation time out before reaching it, write
 * and then lose the answer, answer 5xx, or "kill" the process (an unchecked error nobody retries). Counts every
 * call per operation (and {@code uploadPart:N} per part).
 */
final class FaultyBackend implements RemoteBackend {
    enum Fault {
        /** The request never reached the server (a time-out that leaves the caller unsure). */
        LOST_BEFORE_WRITE,
        /** The server did the write; the answer was lost (a time-out, a dropped connection). */
        LOST_AFTER_WRITE,
        /** HTTP 503: nothing written, but the caller cannot know that. */
        SERVER_ERROR,
        /** The answer is lost and the request lands only after the caller's next HEAD (a slow, retried write). */
        LANDS_LATE,
        /** The process dies here. */
        KILL
    }

    static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed(String where) {
            super("killed at " + where);
        }
    }

    private volatile @Nullable Supplier<?> landing;
    private final RemoteBackend real;
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    FaultyBackend(RemoteBackend real) {
        this.real = real;
    }

    /** The next calls of {@code operation} ("createIfAbsent", "uploadPart:2", …) meet these faults in turn. */
    FaultyBackend inject(String operation, Fault... next) {
        faults.computeIfAbsent(operation, k -> new ArrayDeque<>()).addAll(List.of(next));
        return this;
    }

    int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    private <T> T call(String operation, boolean writes, Supplier<T> request) {
        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        Deque<Fault> queue = faults.get(operation);
        Fault fault = queue == null ? null : queue.poll();
        if (fault == null) {
            return request.get();
        }
        RemoteUnavailableException exhausted = new RemoteUnavailableException("injected " + fault + " at " + operation,
                Map.of(), null);
        switch (fault) {
            case LOST_BEFORE_WRITE, SERVER_ERROR -> throw new TransientRemoteException(writes, exhausted);
            case LOST_AFTER_WRITE -> {
                T ignored = request.get();
                throw new TransientRemoteException(writes, exhausted);
            }
            case LANDS_LATE -> {
                landing = request;
                throw new TransientRemoteException(writes, exhausted);
            }
            default -> throw new Killed(operation);
        }
    }

    @Override
    public String describe() {
        return "faulty " + real.describe();
    }

    @Override
    public boolean createIfAbsent(String name, byte[] data) {
        return call("createIfAbsent", true, () -> real.createIfAbsent(name, data));
    }

    @Override
    public @Nullable String replaceIfMatch(String name, @Nullable String expectedEtag, byte[] data) {
        return call("replaceIfMatch", true, () -> real.replaceIfMatch(name, expectedEtag, data));
    }

    @Override
    public byte @Nullable [] get(String name) {
        return call("get", false, () -> real.get(name));
    }

    @Override
    public @Nullable Tagged getTagged(String name) {
        return call("getTagged", false, () -> real.getTagged(name));
    }

    @Override
    public byte @Nullable [] getRange(String name, long offset, int length) {
        return call("getRange", false, () -> real.getRange(name, offset, length));
    }

    @Override
    public @Nullable ObjectInfo head(String name) {
        ObjectInfo info = call("head", false, () -> real.head(name));
        Supplier<?> late = landing;
        if (late != null) {
            landing = null;
            land(late, name);
        }
        return info;
    }

    /**
     * The late write lands. Its own answer is nobody's (the caller already got a lost answer), so a failed answer is
     * checked against the store: S3Proxy can store a request and still reset its connection, and a repeat of it is
     * then answered with an early 412 that the JDK's HTTP client reports as a broken pipe.
     */
    private void land(Supplier<?> late, String name) {
        for (int attempt = 1; ; attempt++) {
            try {
                Object ignored = late.get();
                return;
            } catch (RuntimeException e) {
                if (real.head(name) != null) {
                    return;
                }
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        return call("list", false, () -> real.list(prefix));
    }

    @Override
    public void delete(String name) {
        call("delete", true, () -> {
            real.delete(name);
            return null;
        });
    }

    @Override
    public long minPartSize() {
        return real.minPartSize();
    }

    @Override
    public List<String> pendingUploads(String name) {
        return call("pendingUploads", false, () -> real.pendingUploads(name));
    }

    @Override
    public String startUpload(String name) {
        return call("startUpload", true, () -> real.startUpload(name));
    }

    @Override
    public List<PartInfo> uploadedParts(String name, String uploadId) {
        return call("uploadedParts", false, () -> real.uploadedParts(name, uploadId));
    }

    @Override
    public String uploadPart(String name, String uploadId, int number, byte[] data) {
        calls.computeIfAbsent("uploadPart", k -> new AtomicInteger()).incrementAndGet();
        return call("uploadPart:" + number, true, () -> real.uploadPart(name, uploadId, number, data));
    }

    @Override
    public boolean completeUploadIfAbsent(String name, String uploadId, List<PartInfo> parts) {
        return call("completeUploadIfAbsent", true, () -> real.completeUploadIfAbsent(name, uploadId, parts));
    }

    @Override
    public void abortUpload(String name, String uploadId) {
        call("abortUpload", true, () -> {
            real.abortUpload(name, uploadId);
            return null;
        });
    }

    @Override
    public void close() {
        real.close();
    }
}
