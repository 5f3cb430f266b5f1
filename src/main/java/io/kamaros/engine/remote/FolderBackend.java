package io.kamaros.engine.remote;

import io.kamaros.engine.model.RemoteAccessDeniedException;
import io.kamaros.engine.model.RemoteException;
import io.kamaros.engine.model.RemoteNotFoundException;
import io.kamaros.engine.model.RemoteUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A remote in a plain folder ({@code file:///mnt/nas/kamaros/novel}): a NAS share, a USB disk, a synced folder.
 * Same object names as on S3; written without locks, so two computers can push to one share at once.
 *
 * <ul>
 *   <li><b>Create once</b>: the bytes go to a temp file (fsync), which is then hard-linked under the object's name.
 *       {@code link()} fails when the name exists, atomically (POSIX, NTFS, SMB and NFS servers), so exactly one
 *       writer creates it and nobody ever sees half an object. Where links are not supported the object is
 *       created with {@code O_CREAT|O_EXCL} and filled (still exactly one creator; a reader racing the write may see
 *       it short, and every reader checks hashes).</li>
 *   <li><b>Compare-and-set</b> without a lock: an object that is moved (a branch head) is a folder
 *       {@code NAME~cas/} of generations {@code 00000000000000000001, …}, each created once as above. Its value is
 *       the highest generation; its etag is {@code GENERATION-SHA256PREFIX}. Moving it from generation g means
 *       creating g+1: of two writers that read g, exactly one succeeds. Generations two or more behind the newest and
 *       older than ten minutes are pruned, so a generation is never free to be created again while a writer that
 *       read its predecessor as current could still be about to create it.</li>
 *   <li><b>Multipart</b>: parts are files {@code .kamaros-uploads/HEXNAME/UPLOADID/NNNNN-MD5}; completing joins
 *       them into a temp file and creates the object once.</li>
 * </ul>
 * The folder itself must exist: a remote on an unmounted share must fail, not fill the local disk.
 */
public final class FolderBackend implements RemoteBackend {
    private static final String TEMP = ".kamaros-tmp";
    private static final String UPLOADS = ".kamaros-uploads";
    private static final String CAS = "~cas";
    private static final int KEEP_GENERATIONS = 2;
    /**
     * Generations are pruned only when this old: a writer that found generation g current creates g+1 a moment
     * later, and g+1 can only be taken from under it (pruned and so creatable again) after this long.
     */
    private static final Duration PRUNE_AFTER = Duration.ofMinutes(10);

    private final Path root;

    public FolderBackend(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return root.toUri().toString();
    }

    // ------------------------------------------------------------------ create once, compare and set

    @Override
    public boolean createIfAbsent(String name, byte[] data) {
        return io(true, () -> {
            if (current(name) != null) {
                return false;
            }
            return createFile(file(name), data);
        });
    }

    @Override
    public @Nullable String replaceIfMatch(String name, @Nullable String expectedEtag, byte[] data) {
        return io(true, () -> {
            Current now = current(name);
            long next;
            if (expectedEtag == null) {
                if (now != null) {
                    return null;
                }
                next = 1;
            } else {
                if (now == null || !etag(now.generation(), Files.readAllBytes(now.file())).equals(expectedEtag)) {
                    return null;
                }
                next = now.generation() + 1;
            }
            Path generation = casDir(name).resolve(generationName(next));
            if (!createFile(generation, data)) {
                return null;
            }
            prune(name, next);
            return etag(next, data);
        });
    }

    /** Creates {@code target} with {@code data} unless it exists; never visible half-written (see the class). */
    private boolean createFile(Path target, byte[] data) throws IOException {
        Files.createDirectories(parent(target));
        Path temp = writeTemp(data);
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                out.write(data);
            } catch (FileAlreadyExistsException exists) {
                return false;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        syncFolder(parent(target));
        return true;
    }

    private Path writeTemp(byte[] data) throws IOException {
        Path dir = root.resolve(TEMP);
        Files.createDirectories(dir);
        Path temp = dir.resolve(UUID.randomUUID().toString());
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        return temp;
    }

    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // folders cannot be opened for sync on Windows; the file's own bytes are synced already
        }
    }

    /** The file holding an object's value now: the highest generation of a moved object, else the plain file. */
    private record Current(Path file, long generation) {
    }

    private @Nullable Current current(String name) throws IOException {
        long g = highestGeneration(name);
        if (g > 0) {
            return new Current(casDir(name).resolve(generationName(g)), g);
        }
        Path plain = file(name);
        return Files.isRegularFile(plain) ? new Current(plain, 0) : null;
    }

    private long highestGeneration(String name) throws IOException {
        Path dir = casDir(name);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long highest = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                highest = Math.max(highest, parseGeneration(f.getFileName().toString()));
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return highest;
    }

    private void prune(String name, long newest) throws IOException {
        try (Stream<Path> files = Files.list(casDir(name))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                long g = parseGeneration(f.getFileName().toString());
                if (g > 0 && g <= newest - KEEP_GENERATIONS
                        && Files.getLastModifiedTime(f).toInstant().isBefore(Instant.now().minus(PRUNE_AFTER))) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static long parseGeneration(String fileName) {
        if (fileName.length() != 20 || !fileName.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Long.parseLong(fileName);
    }

    private static String generationName(long generation) {
        return String.format("%020d", generation);
    }

    private static String etag(long generation, byte[] data) {
        return generation + "-" + HexFormat.of().formatHex(RemoteStore.digest("SHA-256").digest(data), 0, 8);
    }

    // ------------------------------------------------------------------ reads

    @Override
    public byte @Nullable [] get(String name) {
        return io(false, () -> readCurrent(name, (generation, data) -> data));
    }

    @Override
    public @Nullable Tagged getTagged(String name) {
        return io(false, () -> readCurrent(name, (generation, data) -> new Tagged(data, etag(generation, data))));
    }

    /** The object's current bytes, looked for again when a newer generation replaces (prunes) it under the read. */
    private <T> @Nullable T readCurrent(String name, BiFunction<Long, byte[], T> answer) throws IOException {
        for (int tries = 0; tries < 3; tries++) {
            Current now = current(name);
            if (now == null) {
                return null;
            }
            try {
                return answer.apply(now.generation(), Files.readAllBytes(now.file()));
            } catch (NoSuchFileException prunedMeanwhile) {
                // look again
            }
        }
        return null;
    }

    @Override
    public byte @Nullable [] getRange(String name, long offset, int length) {
        return io(false, () -> {
            Current now = current(name);
            if (now == null) {
                return null;
            }
            try (FileChannel in = FileChannel.open(now.file(), StandardOpenOption.READ)) {
                long available = Math.max(0, Math.min(length, in.size() - offset));
                ByteBuffer buffer = ByteBuffer.allocate((int) available);
                while (buffer.hasRemaining() && in.read(buffer, offset + buffer.position()) >= 0) {
                    // read on
                }
                return buffer.array();
            } catch (NoSuchFileException prunedMeanwhile) {
                return get(name) == null ? null : getRange(name, offset, length);
            }
        });
    }

    @Override
    public @Nullable ObjectInfo head(String name) {
        return io(false, () -> readCurrent(name,
                (generation, data) -> new ObjectInfo(name, data.length, etag(generation, data))));
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        return io(false, () -> {
            Map<String, ObjectInfo> found = new TreeMap<>();
            int slash = prefix.lastIndexOf('/');
            Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
            if (!Files.isDirectory(start)) {
                return List.of();
            }
            try (Stream<Path> walk = Files.walk(start)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    String rel = root.relativize(p).toString().replace('\\', '/');
                    if (rel.startsWith(".") || !Files.isRegularFile(p)) {
                        continue;
                    }
                    int cas = rel.indexOf(CAS + "/");
                    if (cas >= 0) {
                        String name = rel.substring(0, cas);
                        long g = parseGeneration(p.getFileName().toString());
                        ObjectInfo seen = found.get(name);
                        if (g > 0 && name.startsWith(prefix) && (seen == null || seen.etag() == null
                                || Long.parseLong(seen.etag()) < g)) {
                            found.put(name, new ObjectInfo(name, Files.size(p), Long.toString(g)));
                        }
                    } else if (rel.startsWith(prefix) && !found.containsKey(rel)) {
                        found.put(rel, new ObjectInfo(rel, Files.size(p), null));
                    }
                }
            } catch (NoSuchFileException prunedMeanwhile) {
                return list(prefix);
            }
            List<ObjectInfo> out = new ArrayList<>();
            for (ObjectInfo info : found.values()) {
                out.add(new ObjectInfo(info.name(), info.size(), null)); // etags come from head()
            }
            return out;
        });
    }

    @Override
    public void delete(String name) {
        io(true, () -> {
            Files.deleteIfExists(file(name));
            deleteTree(casDir(name));
            return null;
        });
    }

    // ------------------------------------------------------------------ multipart

    @Override
    public long minPartSize() {
        return 1;
    }

    @Override
    public List<String> pendingUploads(String name) {
        return io(false, () -> {
            Path dir = uploadsOf(name);
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> ids = Files.list(dir)) {
                return ids.map(p -> p.getFileName().toString()).sorted().toList();
            }
        });
    }

    @Override
    public String startUpload(String name) {
        return io(true, () -> {
            // sortable by age: pendingUploads lists the oldest first
            String id = String.format("%016x", System.currentTimeMillis()) + "-" + UUID.randomUUID();
            Files.createDirectories(uploadsOf(name).resolve(id));
            return id;
        });
    }

    @Override
    public List<PartInfo> uploadedParts(String name, String uploadId) {
        return io(false, () -> {
            List<PartInfo> parts = new ArrayList<>();
            try (Stream<Path> files = Files.list(upload(name, uploadId))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String n = f.getFileName().toString();
                    int dash = n.indexOf('-');
                    if (dash == 5 && n.substring(0, 5).chars().allMatch(Character::isDigit)) {
                        parts.add(new PartInfo(Integer.parseInt(n.substring(0, 5)), Files.size(f), n.substring(6)));
                    }
                }
            } catch (NoSuchFileException e) {
                return List.of();
            }
            parts.sort(Comparator.comparingInt(PartInfo::number));
            return parts;
        });
    }

    @Override
    public String uploadPart(String name, String uploadId, int number, byte[] data) {
        return io(true, () -> {
            Path dir = upload(name, uploadId);
            if (!Files.isDirectory(dir)) {
                throw new RemoteException("The upload " + uploadId + " of " + name + " is gone from " + describe()
                        + "; start the transfer again.", Map.of("remote", describe()), null);
            }
            String md5 = RemoteStore.md5Hex(data);
            for (PartInfo old : uploadedParts(name, uploadId)) {
                if (old.number() == number) {
                    Files.deleteIfExists(dir.resolve(partName(old.number(), old.etag())));
                }
            }
            Path temp = writeTemp(data);
            Files.move(temp, dir.resolve(partName(number, md5)), StandardCopyOption.ATOMIC_MOVE);
            return md5;
        });
    }

    @Override
    public boolean completeUploadIfAbsent(String name, String uploadId, List<PartInfo> parts) {
        return io(true, () -> {
            if (current(name) != null) {
                abortUpload(name, uploadId);
                return false;
            }
            Path dir = upload(name, uploadId);
            Files.createDirectories(root.resolve(TEMP));
            Path joined = root.resolve(TEMP).resolve(UUID.randomUUID().toString());
            try {
                try (FileChannel out = FileChannel.open(joined, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    for (PartInfo part : parts) {
                        try (FileChannel in = FileChannel.open(dir.resolve(partName(part.number(), part.etag())))) {
                            long done = 0;
                            while (done < in.size()) {
                                done += in.transferTo(done, in.size() - done, out);
                            }
                        }
                    }
                    out.force(true);
                }
                Path target = file(name);
                Files.createDirectories(parent(target));
                boolean created;
                try {
                    Files.createLink(target, joined);
                    created = true;
                } catch (FileAlreadyExistsException e) {
                    created = false;
                }
                syncFolder(parent(target));
                deleteTree(dir);
                return created;
            } finally {
                Files.deleteIfExists(joined);
            }
        });
    }

    @Override
    public void abortUpload(String name, String uploadId) {
        io(true, () -> {
            deleteTree(upload(name, uploadId));
            return null;
        });
    }

    @Override
    public void close() {
        // nothing held open
    }

    // ------------------------------------------------------------------ paths and errors

    /** Object files always lie below the root, so they have a parent. */
    private static Path parent(Path file) {
        return Objects.requireNonNull(file.getParent(), "a remote object's folder");
    }

    private Path file(String name) {
        return root.resolve(name);
    }

    private Path casDir(String name) {
        return root.resolve(name + CAS);
    }

    private Path uploadsOf(String name) {
        return root.resolve(UPLOADS).resolve(HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8)));
    }

    private Path upload(String name, String uploadId) {
        return uploadsOf(name).resolve(uploadId);
    }

    private static String partName(int number, String md5) {
        return String.format("%05d-%s", number, md5);
    }

    /** As FolderTrees.delete (engine.store), which the remote floor may not use: it sees only the model. */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private interface IoCall<T> {
        @Nullable T call() throws IOException;
    }

    /** Runs one request; the folder's absence and refusals become typed errors, other I/O errors are retried. */
    @SuppressWarnings("NullAway") // callers whose result may be null declare it so
    private <T> T io(boolean writes, IoCall<T> call) {
        Map<String, Object> details = Map.of("remote", describe());
        if (!Files.isDirectory(root)) {
            throw new RemoteNotFoundException("The remote folder " + root + " does not exist. Create it, or mount the"
                    + " share it is on.", details, null);
        }
        try {
            return call.call();
        } catch (AccessDeniedException e) {
            throw new RemoteAccessDeniedException("No permission to " + (writes ? "write" : "read") + " "
                    + e.getFile() + " in the remote folder.", details, e);
        } catch (IOException e) {
            throw new TransientRemoteException(writes, new RemoteUnavailableException("The remote folder " + root
                    + " failed: " + e, details, e));
        }
    }
}
