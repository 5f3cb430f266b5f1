package io.kamaros.engine.remote;

import io.kamaros.engine.model.CancelledException;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.RemoteException;
import io.kamaros.engine.model.StorageException;
import io.kamaros.engine.model.ValidationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The primitives of the lock-free remote protocol (docs/storage-format.md, "Remotes"), one code path for every
 * backend: objects created once ({@link #putIfAbsent}), branch heads moved by {@link #compareAndSet}, large
 * contents uploaded in parts that a later call resumes, and retries with backoff.
 *
 * <p><b>Ambiguous writes.</b> When a write's answer is lost (time-out, dropped connection, a 5xx after the request
 * was sent) the write may or may not have happened; and a retried create that gets "already exists" (412) may be
 * answered about its own first attempt. Either way the store reads the object back before deciding: absent →
 * write again; present with our bytes → done; present with other bytes → someone else's.
 */
public final class RemoteStore implements AutoCloseable {
    /** Names: '/'-separated segments of letters, digits, '.', '_', '-'; no segment is empty, '.' or '..'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
    /** Read-back hashes large objects through ranged reads of this size, never holding them whole. */
    private static final int READ_BACK_SLICE = 8 << 20;

    /**
     * How hard to try. {@code attempts} per request (first try included), the delay before the second try doubling
     * up to {@code maxDelay}; contents above {@code multipartThreshold} go up in parts of {@code partSize}.
     */
    public record Settings(int attempts, Duration firstDelay, Duration maxDelay, long multipartThreshold,
                           long partSize) {
        public static Settings defaults() {
            return new Settings(6, Duration.ofMillis(200), Duration.ofSeconds(5), 64L << 20, 16L << 20);
        }

        public Settings withMultipart(long threshold, long size) {
            return new Settings(attempts, firstDelay, maxDelay, threshold, size);
        }

        public Settings withRetries(int tries, Duration first) {
            return new Settings(tries, first, maxDelay, multipartThreshold, partSize);
        }
    }

    /** Parts of large contents sent at once (see {@link #sendParts}). */
    private static final int PART_UPLOADS = 4;

    private final RemoteBackend backend;
    private final Settings settings;
    /** A part's bytes are in memory only while it holds one of these: at most {@value #PART_UPLOADS} at once. */
    private final Semaphore partSlots = new Semaphore(PART_UPLOADS);

    public RemoteStore(RemoteBackend backend) {
        this(backend, Settings.defaults());
    }

    public RemoteStore(RemoteBackend backend, Settings settings) {
        this.backend = backend;
        this.settings = settings;
    }

    public String describe() {
        return backend.describe();
    }

    // ------------------------------------------------------------------ create once

    /**
     * Creates {@code name} holding {@code data} unless an object of that name exists. Safe to repeat and to race:
     * exactly one of several writers creates it.
     */
    public PutOutcome putIfAbsent(String name, byte[] data) {
        checkName(name);
        boolean ambiguous = false;
        TransientRemoteException last = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                if (backend.createIfAbsent(name, data)) {
                    return PutOutcome.CREATED;
                }
                // "already exists": only a fact about others when no earlier try of ours may have landed
                return ambiguous ? readBack(name, sha256(data), data.length) : PutOutcome.ALREADY_THERE;
            } catch (TransientRemoteException e) {
                last = e;
                ambiguous |= e.mayHaveWritten();
                if (ambiguous) {
                    ObjectInfo there = retrying(() -> backend.head(name));
                    if (there != null) {
                        return readBack(name, sha256(data), data.length); // hashed only when needed
                    }
                }
                pause(attempt);
            }
        }
        throw exhausted(last);
    }

    /**
     * Like {@link #putIfAbsent(String, byte[])} for a file; above the multipart threshold it goes up in parts, and
     * an upload of the same name left unfinished (the process killed, the network gone) is continued: parts that
     * arrived intact (same size and MD5) are not sent again.
     */
    public PutOutcome putIfAbsent(String name, Path file) {
        checkName(name);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size <= settings.multipartThreshold()) {
                return putIfAbsent(name, readSlice(in, 0, (int) size));
            }
            return multipartIfAbsent(name, in, size);
        } catch (IOException e) {
            throw new StorageException("Cannot read " + file + " to upload it: " + e.getMessage(),
                    Map.of("path", file.toString()), e);
        }
    }

    private PutOutcome multipartIfAbsent(String name, FileChannel in, long size) throws IOException {
        if (retrying(() -> backend.head(name)) != null) {
            return PutOutcome.ALREADY_THERE; // names of large contents are their hashes: nothing to send
        }
        long partSize = Math.max(settings.partSize(), backend.minPartSize());
        int count = Math.toIntExact((size + partSize - 1) / partSize);
        List<String> pending = retrying(() -> backend.pendingUploads(name));
        String uploadId = pending.isEmpty() ? retrying(() -> backend.startUpload(name)) : pending.get(pending.size() - 1);
        Map<Integer, PartInfo> arrived = new TreeMap<>();
        if (!pending.isEmpty()) { // a new upload has no parts yet: no need to ask
            for (PartInfo p : retrying(() -> backend.uploadedParts(name, uploadId))) {
                arrived.put(p.number(), p);
            }
        }
        List<PartInfo> parts = sendParts(name, uploadId, in, size, partSize, count, arrived);
        boolean ambiguous = false;
        TransientRemoteException last = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                if (backend.completeUploadIfAbsent(name, uploadId, parts)) {
                    return PutOutcome.CREATED;
                }
                return ambiguous ? readBack(name, sha256(in, size), size) : PutOutcome.ALREADY_THERE;
            } catch (TransientRemoteException e) {
                last = e;
                ambiguous |= e.mayHaveWritten();
                if (ambiguous && retrying(() -> backend.head(name)) != null) {
                    return readBack(name, sha256(in, size), size);
                }
                pause(attempt);
            }
        }
        throw exhausted(last);
    }

    /**
     * Sends the parts of one multipart upload that have not arrived intact, {@value #PART_UPLOADS} at a time: one
     * after another, a large content waits out a round trip per part on one connection (rclone sends 4 parts of a
     * file at once, {@code --s3-upload-concurrency}). Every part of every upload of this store takes one of
     * {@link #partSlots} while its bytes are in memory, so several large contents sent at once hold at most
     * {@value #PART_UPLOADS} parts. After a failure the parts already on their way finish (they arrived: a resume
     * does not send them again) and parts not started are dropped; then the failure is thrown.
     */
    private List<PartInfo> sendParts(String name, String uploadId, FileChannel in, long size, long partSize, int count,
                                     Map<Integer, PartInfo> arrived) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PART_UPLOADS, count), r -> {
            Thread t = new Thread(r, "kamaros-part");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PartInfo>> sending = new ArrayList<>(count);
            for (int number = 1; number <= count; number++) {
                int n = number;
                sending.add(pool.submit(() -> {
                    partSlots.acquire();
                    try {
                        long offset = (n - 1) * partSize;
                        byte[] bytes = readSlice(in, offset, (int) Math.min(partSize, size - offset));
                        PartInfo there = arrived.get(n);
                        if (there != null && there.size() == bytes.length
                                && unquoted(there.etag()).equalsIgnoreCase(md5Hex(bytes))) {
                            return there;
                        }
                        String etag = retrying(() -> backend.uploadPart(name, uploadId, n, bytes));
                        return new PartInfo(n, bytes.length, etag);
                    } finally {
                        partSlots.release();
                    }
                }));
            }
            List<PartInfo> parts = new ArrayList<>(count);
            for (Future<PartInfo> f : sending) {
                try {
                    parts.add(f.get());
                } catch (ExecutionException e) {
                    sending.forEach(other -> other.cancel(false)); // those not started; those started finish
                    for (Future<PartInfo> other : sending) {
                        try {
                            other.get();
                        } catch (ExecutionException | CancellationException ignored) {
                            // the first failure is the one reported
                        }
                    }
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    } else if (cause instanceof RuntimeException r) {
                        throw r;
                    } else if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IOException(cause);
                }
            }
            return parts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("Stopped while uploading " + name + " to " + describe() + ".",
                    Map.of("remote", describe()));
        } finally {
            pool.shutdown(); // parts on their way finish in the background; nothing new starts
        }
    }

    /** After an ambiguous write: CREATED when the object holds our bytes, ALREADY_THERE when it holds others. */
    private PutOutcome readBack(String name, byte[] hash, long size) {
        ObjectInfo there = retrying(() -> backend.head(name));
        if (there == null || there.size() != size) {
            return PutOutcome.ALREADY_THERE;
        }
        MessageDigest digest = sha256();
        for (long offset = 0; offset < size; offset += READ_BACK_SLICE) {
            long at = offset;
            int length = (int) Math.min(READ_BACK_SLICE, size - offset);
            byte[] slice = retrying(() -> backend.getRange(name, at, length));
            if (slice == null) {
                return PutOutcome.ALREADY_THERE;
            }
            digest.update(slice);
        }
        return Arrays.equals(digest.digest(), hash) ? PutOutcome.CREATED : PutOutcome.ALREADY_THERE;
    }

    // ------------------------------------------------------------------ compare and set

    /**
     * Replaces {@code name} with {@code data} only if it is still the object whose etag is {@code expectedEtag}
     * ({@code null}: only if there is none). On a conflict nothing is written and the result holds the object as
     * it is now, for the caller to merge with and try again.
     *
     * <p>{@code data} must be unique to this writer's attempt (a head names the push record that moved it): after
     * an ambiguous write the store knows its own write by its bytes, and two writers setting identical bytes could
     * not be told apart.
     */
    public CasResult compareAndSet(String name, @Nullable String expectedEtag, byte[] data) {
        checkName(name);
        boolean ambiguous = false;
        TransientRemoteException last = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                String etag = backend.replaceIfMatch(name, expectedEtag, data);
                if (etag != null) {
                    return new CasResult(true, new ObjectInfo(name, data.length, etag));
                }
                if (!ambiguous) {
                    return new CasResult(false, retrying(() -> backend.head(name)));
                }
                CasResult decided = afterAmbiguousSet(name, expectedEtag, data);
                return decided != null ? decided : new CasResult(false, retrying(() -> backend.head(name)));
            } catch (TransientRemoteException e) {
                last = e;
                ambiguous |= e.mayHaveWritten();
                if (ambiguous) {
                    CasResult decided = afterAmbiguousSet(name, expectedEtag, data);
                    if (decided != null) {
                        return decided;
                    }
                }
                pause(attempt);
            }
        }
        throw exhausted(last);
    }

    /**
     * Reads back after a compare-and-set whose answer was lost: null when the object is still the expected one (the
     * write did not land; try again), a swap when it holds our bytes, else a conflict. A swap that landed and was
     * replaced again at once by another writer reads as a conflict: the caller merges and tries again, which is
     * right either way, since that writer replaced our value knowing its etag.
     */
    private @Nullable CasResult afterAmbiguousSet(String name, @Nullable String expectedEtag, byte[] data) {
        ObjectInfo now = retrying(() -> backend.head(name));
        if (now == null) {
            return expectedEtag == null ? null : new CasResult(false, null);
        }
        if (expectedEtag != null && expectedEtag.equals(now.etag())) {
            return null;
        }
        byte[] there = retrying(() -> backend.get(name));
        if (there != null && Arrays.equals(there, data)) {
            return new CasResult(true, now);
        }
        return new CasResult(false, now);
    }

    // ------------------------------------------------------------------ reads, listing, delete

    public Optional<byte[]> get(String name) {
        checkName(name);
        return Optional.ofNullable(retrying(() -> backend.get(name)));
    }

    /** The object's bytes with their etag, for a compare-and-set that builds on them; empty when absent. */
    public Optional<Tagged> getTagged(String name) {
        checkName(name);
        return Optional.ofNullable(retrying(() -> backend.getTagged(name)));
    }

    /** {@code length} bytes from {@code offset} (one object out of a pack); empty when the object is absent. */
    public Optional<byte[]> getRange(String name, long offset, int length) {
        checkName(name);
        if (offset < 0 || length < 0) {
            throw new ValidationException("A range starts at 0 or later and is not negative (got " + offset + "+"
                    + length + ").", Map.of("field", "range"));
        }
        return Optional.ofNullable(retrying(() -> backend.getRange(name, offset, length)));
    }

    public Optional<ObjectInfo> head(String name) {
        checkName(name);
        return Optional.ofNullable(retrying(() -> backend.head(name)));
    }

    /** Objects whose name starts with {@code prefix} ("" = all), sorted by name. */
    public List<ObjectInfo> list(String prefix) {
        if (!prefix.isEmpty() && !NAME.matcher(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1)
                : prefix).matches()) {
            throw invalidName(prefix);
        }
        return retrying(() -> backend.list(prefix));
    }

    /** Deletes {@code name}; a missing one is not an error. */
    public void delete(String name) {
        checkName(name);
        retrying(() -> {
            backend.delete(name);
            return Boolean.TRUE;
        });
    }

    @Override
    public void close() {
        backend.close();
    }

    // ------------------------------------------------------------------ retries

    /** Runs a request that is safe to repeat (a read, a delete, a part upload) with retries and backoff. */
    private <T> T retrying(Supplier<T> request) {
        TransientRemoteException last = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                return request.get();
            } catch (TransientRemoteException e) {
                last = e;
                pause(attempt);
            }
        }
        throw exhausted(last);
    }

    private void pause(int attempt) {
        if (attempt >= settings.attempts()) {
            return;
        }
        long delay = Math.min(settings.maxDelay().toMillis(), settings.firstDelay().toMillis() << Math.min(20, attempt - 1));
        // jitter: writers that failed together do not all come back at the same moment
        long jittered = delay / 2 + (long) (Math.random() * (delay / 2 + 1));
        try {
            Thread.sleep(jittered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("Stopped while waiting to retry a request to " + describe() + ".",
                    Map.of("remote", describe()));
        }
    }

    private RemoteException exhausted(@Nullable TransientRemoteException last) {
        if (last == null) {
            throw new IllegalStateException("no attempt was made (attempts = " + settings.attempts() + ")");
        }
        return last.whenExhausted();
    }

    // ------------------------------------------------------------------ helpers

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.length() > 900) {
            throw invalidName(String.valueOf(name));
        }
    }

    private static JcfException invalidName(String name) {
        return new ValidationException("'" + name + "' is not a remote object name ('/'-separated letters, digits, "
                + "'.', '_', '-').", Map.of("field", "name"));
    }

    private static byte[] readSlice(FileChannel in, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (in.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("the file got shorter while it was uploaded");
            }
        }
        return buffer.array();
    }

    private static byte[] sha256(FileChannel in, long size) throws IOException {
        MessageDigest digest = sha256();
        for (long offset = 0; offset < size; offset += READ_BACK_SLICE) {
            digest.update(readSlice(in, offset, (int) Math.min(READ_BACK_SLICE, size - offset)));
        }
        return digest.digest();
    }

    private static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    private static MessageDigest sha256() {
        return digest("SHA-256");
    }

    static String md5Hex(byte[] data) {
        return HexFormat.of().formatHex(digest("MD5").digest(data));
    }

    /** A new digest of an algorithm every Java runtime has (SHA-256, MD5): no checked exception to handle. */
    public static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }

    static String unquoted(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1)
                : etag;
    }
}
