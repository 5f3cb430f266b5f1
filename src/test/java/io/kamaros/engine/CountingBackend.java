package io.kamaros.engine;

import io.kamaros.engine.remote.ObjectInfo;
import io.kamaros.engine.remote.PartInfo;
import io.kamaros.engine.remote.RemoteBackend;
import io.kamaros.engine.remote.Tagged;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** A real backend with every request counted (by kind) and the bytes it carried: what a push or fetch costs. */
final class CountingBackend implements RemoteBackend {
    private final RemoteBackend real;
    final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    /** Nanoseconds spent in the requests, by kind (requests on several threads add up). */
    final Map<String, AtomicLong> nanos = new ConcurrentHashMap<>();
    final AtomicLong bytesUp = new AtomicLong();
    final AtomicLong bytesDown = new AtomicLong();
    /** Runs before each create with the object's name (a test's other writer acting at that moment). */
    volatile Consumer<String> beforeCreate = name -> { };
    /** Runs before each ranged read with the object's name (another machine acting between a listing and a read). */
    volatile Consumer<String> beforeGetRange = name -> { };
    /** Runs before each delete with the object's name (a process killed at that moment throws here). */
    volatile Consumer<String> beforeDelete = name -> { };
    /** Names whose ranged reads find nothing, though the listing shows them (an object listed but unreadable). */
    volatile Predicate<String> unreadable = name -> false;

    CountingBackend(RemoteBackend real) {
        this.real = real;
    }

    long total() {
        return requests.values().stream().mapToLong(AtomicLong::get).sum();
    }

    void reset() {
        requests.clear();
        nanos.clear();
        bytesUp.set(0);
        bytesDown.set(0);
    }

    private <T> T count(String kind, Supplier<T> request) {
        requests.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        long t0 = System.nanoTime();
        try {
            return request.get();
        } finally {
            nanos.computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(System.nanoTime() - t0);
        }
    }

    private byte @Nullable [] down(byte @Nullable [] data) {
        if (data != null) {
            bytesDown.addAndGet(data.length);
        }
        return data;
    }

    @Override
    public String describe() {
        return real.describe();
    }

    @Override
    public boolean createIfAbsent(String name, byte[] data) {
        beforeCreate.accept(name);
        bytesUp.addAndGet(data.length);
        return count("create", () -> real.createIfAbsent(name, data));
    }

    @Override
    public @Nullable String replaceIfMatch(String name, @Nullable String expectedEtag, byte[] data) {
        bytesUp.addAndGet(data.length);
        return count("replaceIfMatch", () -> real.replaceIfMatch(name, expectedEtag, data));
    }

    @Override
    public byte @Nullable [] get(String name) {
        return down(count("get", () -> real.get(name)));
    }

    @Override
    public @Nullable Tagged getTagged(String name) {
        Tagged t = count("get", () -> real.getTagged(name));
        if (t != null) {
            bytesDown.addAndGet(t.data().length);
        }
        return t;
    }

    @Override
    public byte @Nullable [] getRange(String name, long offset, int length) {
        beforeGetRange.accept(name);
        return down(count("get", () -> unreadable.test(name) ? null : real.getRange(name, offset, length)));
    }

    @Override
    public @Nullable ObjectInfo head(String name) {
        return count("head", () -> real.head(name));
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        return count("list", () -> real.list(prefix));
    }

    @Override
    public void delete(String name) {
        beforeDelete.accept(name);
        count("delete", () -> {
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
        return count("multipart", () -> real.pendingUploads(name));
    }

    @Override
    public String startUpload(String name) {
        return count("multipart", () -> real.startUpload(name));
    }

    @Override
    public List<PartInfo> uploadedParts(String name, String uploadId) {
        return count("multipart", () -> real.uploadedParts(name, uploadId));
    }

    @Override
    public String uploadPart(String name, String uploadId, int number, byte[] data) {
        bytesUp.addAndGet(data.length);
        return count("multipart", () -> real.uploadPart(name, uploadId, number, data));
    }

    @Override
    public boolean completeUploadIfAbsent(String name, String uploadId, List<PartInfo> parts) {
        return count("multipart", () -> real.completeUploadIfAbsent(name, uploadId, parts));
    }

    @Override
    public void abortUpload(String name, String uploadId) {
        count("multipart", () -> {
            real.abortUpload(name, uploadId);
            return Boolean.TRUE;
        });
    }

    @Override
    public void close() {
        real.close();
    }
}
