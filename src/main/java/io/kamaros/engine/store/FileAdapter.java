package io.kamaros.engine.store;

import io.kamaros.engine.model.UnversionableFile;
import io.kamaros.engine.model.ValidationException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A project in a folder on disk, in the JCF expanded layout: {@code manifest.json},
 * {@code .store/} and {@code content/} (the working copy, which people may also edit with other
 * programs). With {@link Options#workTree(Path)} the working copy is an existing folder elsewhere
 * and is versioned in place, as Time Machine and restic do.
 *
 * <p>Every write goes to a temp file in the target's folder, is fsynced, then renamed over the
 * target, so a crash leaves the old or the new file, never a torn one.
 */
public final class FileAdapter implements FileSystemAdapter {
    /** Prefix of in-flight temp files; scans skip them and cleanup removes stale ones. */
    public static final String TEMP_PREFIX = ".kamaros-tmp-";
    private static final String CONTENT = "content";
    private static final boolean ON_WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .startsWith("windows");

    private final Path root;
    private final @Nullable Path workTree;
    private final boolean createIfMissing;
    private final boolean enableCompression;
    /** Folders whose new entries (renamed-in files) are not yet fsynced; see {@link #sync()}. */
    private final Set<Path> dirtyFolders = ConcurrentHashMap.newKeySet();
    /** A folder whose new files are made durable together by {@link #forceDeferred} (an import's staging). */
    private volatile @Nullable Path deferredFolder;
    /** The forces of deferred files handed to {@link #FORCER} (each file still open), awaited by {@link #forceDeferred}. */
    private final List<Future<?>> forcing = Collections.synchronizedList(new ArrayList<>());
    /** Deferred files still open, waiting for their force: at most {@link #MAX_OPEN_FORCED}. */
    private final Semaphore openForced = new Semaphore(MAX_OPEN_FORCED);
    private static final int MAX_OPEN_FORCED = 256;
    private static final int FORCE_THREADS = 16;
    /**
     * Forces deferred files while the next ones are written. Concurrent fsyncs share the journal's commits (one
     * commit for many files), and the file is forced through the descriptor it was written with: forcing them all
     * at the end re-opened each (an open and a close more per file, 2,500 for a clone) and waited for every force
     * only once everything was written. Threads that idle for a few seconds end.
     */
    private static final ExecutorService FORCER = forcer();
    /**
     * Folders {@link #openWrite} made (or found) under the deferred folder while it is deferred: a restore's 2,500
     * files in 300 folders asked for their folder 2,500 times ({@code mkdir} was a fifth of a clone's system calls).
     */
    private final Set<Path> madeFolders = ConcurrentHashMap.newKeySet();

    public FileAdapter(Path root) {
        this(root, true, true);
    }

    public FileAdapter(Path root, boolean createIfMissing, boolean enableCompression) {
        this(root, new Options().createIfMissing(createIfMissing).enableCompression(enableCompression));
    }

    public FileAdapter(Path root, Options options) {
        if (root == null || options == null) {
            throw new ValidationException("A FileAdapter needs the project's folder"
                    + (root == null ? " (root was null)." : " and options (options was null)."),
                    Map.of("field", root == null ? "root" : "options", "value", "null"));
        }
        this.root = root.toAbsolutePath().normalize();
        this.workTree = options.workTree == null ? null : options.workTree.toAbsolutePath().normalize();
        this.createIfMissing = options.createIfMissing;
        this.enableCompression = options.enableCompression;
    }

    /** Options of a {@link FileAdapter}. */
    public static final class Options {
        private boolean createIfMissing = true;
        private boolean enableCompression = true;
        private @Nullable Path workTree;

        public Options createIfMissing(boolean value) {
            this.createIfMissing = value;
            return this;
        }

        public Options enableCompression(boolean value) {
            this.enableCompression = value;
            return this;
        }

        /** Versions this existing folder in place instead of {@code <root>/content}. */
        public Options workTree(@Nullable Path folder) {
            this.workTree = folder;
            return this;
        }
    }

    public Path rootPath() {
        return root;
    }

    /** The folder holding the working copy: the work tree, or {@code <root>/content}. */
    public Path workingCopyPath() {
        return workTree != null ? workTree : root.resolve(CONTENT);
    }

    public Optional<Path> workTree() {
        return Optional.ofNullable(workTree);
    }

    @Override
    public void init() throws IOException {
        if (!Files.isDirectory(root)) {
            if (!createIfMissing) {
                throw new NoSuchFileException(root.toString(), null, "project folder does not exist");
            }
            Files.createDirectories(root);
        }
        if (workTree != null && !Files.isDirectory(workTree)) {
            if (!createIfMissing) {
                throw new NoSuchFileException(workTree.toString(), null, "work tree folder does not exist");
            }
            Files.createDirectories(workTree);
        }
    }

    @Override
    public boolean supportsStreaming() {
        return true;
    }

    @Override
    public boolean compressionEnabled() {
        return enableCompression;
    }

    /** Maps an adapter path to the disk, refusing anything that could leave the project. */
    Path resolve(String path) {
        if (path.isEmpty()) {
            return root;
        }
        // ':' and '\\' are ordinary characters on Linux and macOS (Finder shows ':' as '/'), so files
        // named with them are versioned; on Windows ':' would open an NTFS alternate data stream
        // and '\\' would separate folders instead.
        boolean driveLetter = path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0));
        if (path.startsWith("/") || path.indexOf('\0') >= 0 || driveLetter
                || (ON_WINDOWS && (path.contains(":") || path.contains("\\")))) {
            throw new IllegalArgumentException("not a relative project path: " + path);
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a relative project path: " + path);
            }
        }
        if (workTree != null && (path.equals(CONTENT) || path.startsWith(CONTENT + "/"))) {
            return path.equals(CONTENT) ? workTree : workTree.resolve(path.substring(CONTENT.length() + 1));
        }
        return root.resolve(path);
    }

    @Override
    public byte[] readFile(String path) throws IOException {
        return Files.readAllBytes(resolve(path));
    }

    @Override
    public void writeFile(String path, byte[] data) throws IOException {
        try (AtomicOutput out = openWrite(path)) {
            out.write(data);
        }
    }

    @Override
    public boolean fileExists(String path) throws IOException {
        Path p = resolve(path);
        // Most checks are for objects not stored yet (one per new chunk of a big file): java.io.File answers "no" with
        // a plain stat, where Files.isRegularFile builds a NoSuchFileException with its stack trace each time. A missing
        // path (or a dangling link) is not a regular file either way; everything else gets the exact check.
        if (p.getFileSystem() == FileSystems.getDefault() && !p.toFile().exists()) {
            return false;
        }
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void deleteFile(String path) throws IOException {
        Path target = resolve(path);
        Files.deleteIfExists(target);
        if (path.startsWith(CONTENT + "/")) {
            pruneEmptyParents(target.getParent(), workingCopyPath());
        }
    }

    /** Removes folders the deletion left empty, up to (not including) {@code stop}. */
    private static void pruneEmptyParents(@Nullable Path dir, Path stop) {
        while (dir != null && dir.startsWith(stop) && !dir.equals(stop)) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                return;
            }
            dir = dir.getParent();
        }
    }

    @Override
    public List<String> listFiles(String directory) throws IOException {
        Path base = walkStart(resolve(directory));
        List<String> out = new ArrayList<>();
        if (directory.isEmpty() && workTree != null) {
            // "content/..." lives in the work tree, not under the root: list the root without the
            // folders "content/..." does not reach, then the work tree under "content/".
            walk(root, Set.of(root.resolve(CONTENT), workTree), "", out);
            Path tree = walkStart(workTree);
            Path nested = nestedRootUnder(workTree);
            walk(tree, nested == null ? Set.of() : Set.of(nested), CONTENT + "/", out);
            return out;
        }
        // A project folder kept inside its own work tree must not version itself.
        Path nestedRoot = workTree == null ? null : nestedRootUnder(resolve(directory));
        walk(base, nestedRoot == null ? Set.of() : Set.of(nestedRoot), "", out);
        return out;
    }

    /** What the history keeps at the top of a project folder (the CLI keeps its settings in {@code .jcf/}). */
    public static final Set<String> HISTORY_NAMES = Set.of("manifest.json", "manifest.json.bak", ".store", ".jcf");

    /**
     * The history storage is the project folder ({@link #rootPath()}) itself and, in the expanded
     * layout, its {@link #HISTORY_NAMES} (the folder also holds {@code content/}, and people keep
     * other files there, such as exported archives); with a work tree, the project folder is the
     * history's own and everything in it counts, except a work tree kept inside it. See
     * {@link FileSystemAdapter#historyOverlap}. Compared as real paths, so links, {@code ..} and
     * letter case on case-insensitive disks do not get around it.
     */
    @Override
    public HistoryOverlap historyOverlap(Path target) throws IOException {
        return classify(realPath(target), realPath(root), workTree == null ? null : realPath(workTree));
    }

    /** {@link #historyOverlap} of a real path, given the real paths of the root and the work tree. */
    private static HistoryOverlap classify(Path t, Path history, @Nullable Path wc) {
        if (t.equals(history)) {
            return HistoryOverlap.INSIDE;
        }
        if (history.startsWith(t)) {
            return HistoryOverlap.CONTAINS;
        }
        if (!t.startsWith(history)) {
            return HistoryOverlap.NONE;
        }
        if (wc == null) {
            return HISTORY_NAMES.contains(t.getName(history.getNameCount()).toString())
                    ? HistoryOverlap.INSIDE : HistoryOverlap.NONE;
        }
        boolean workingCopyInside = wc.startsWith(history) && !wc.equals(history);
        return workingCopyInside && t.startsWith(wc) ? HistoryOverlap.NONE : HistoryOverlap.INSIDE;
    }

    @Override
    public boolean reachesHistory(String path) throws IOException {
        return historyOverlap(resolve(path)) == HistoryOverlap.INSIDE;
    }

    /**
     * Many paths at once (a restore, an import): each folder's real path is looked up once. The
     * last name is taken as written: these writes rename a finished file over it, which replaces a
     * link of that name instead of following it.
     */
    @Override
    public @Nullable String firstReachingHistory(Collection<String> paths) throws IOException {
        Path history = realPath(root);
        Path wc = workTree == null ? null : realPath(workTree);
        Map<Path, Path> realFolders = new HashMap<>();
        for (String p : paths) {
            Path disk = resolve(p);
            Path t;
            Path parent = disk.getParent();
            if (parent == null) {
                t = realPath(disk);
            } else {
                t = realFolder(parent, realFolders).resolve(disk.getFileName());
            }
            if (classify(t, history, wc) == HistoryOverlap.INSIDE) {
                return p;
            }
        }
        return null;
    }

    /**
     * {@link #realPath} of a folder, sharing the work with its ancestors in {@code known}: the 1,190 folders of a new
     * working copy (a clone's), none there yet, were each walked up to the first that is, a failed lookup per level.
     * A folder that is not there holds no link, so its real path is its parent's and its name, as in realPath.
     */
    private static Path realFolder(Path dir, Map<Path, Path> known) throws IOException {
        Path real = known.get(dir);
        if (real != null) {
            return real;
        }
        Path parent = dir.getParent();
        Path name = dir.getFileName();
        boolean absent = dir.getFileSystem() == FileSystems.getDefault() ? !dir.toFile().exists() : !Files.exists(dir);
        real = parent != null && name != null && absent ? realFolder(parent, known).resolve(name) : realPath(dir);
        known.put(dir, real);
        return real;
    }

    /**
     * The real path of {@code p}, also when it does not exist yet: the real path of its deepest
     * existing ancestor (links and {@code ..} resolved there), followed by the rest, which cannot hold
     * links because it does not exist.
     */
    static Path realPath(Path p) throws IOException {
        Path abs = p.toAbsolutePath();
        Deque<Path> rest = new ArrayDeque<>();
        for (Path cur = abs; cur != null; cur = cur.getParent()) {
            try {
                Path real = cur.toRealPath();
                for (Path name : rest) {
                    real = real.resolve(name);
                }
                return real.normalize();
            } catch (NoSuchFileException | NotDirectoryException e) {
                if (cur.getFileName() != null) {
                    rest.addFirst(cur.getFileName());
                }
            } catch (FileSystemException e) {
                // a link loop or a folder we may not read: judge the rest as written
                if (cur.getFileName() != null) {
                    rest.addFirst(cur.getFileName());
                }
            }
        }
        return abs.normalize();
    }

    /**
     * The project folder as it appears under the walked folder {@code base} (a history kept inside
     * the folder it versions, which must not version itself), or null when it is not under it.
     * Real paths are compared, so a work tree named through a link still leaves its history out.
     */
    private @Nullable Path nestedRootUnder(Path base) {
        try {
            Path realBase = realPath(base);
            Path realRoot = realPath(root);
            if (realRoot.startsWith(realBase) && !realRoot.equals(realBase)) {
                return walkStart(base).resolve(realBase.relativize(realRoot));
            }
        } catch (IOException e) {
            // fall back to the names as given
        }
        return root.startsWith(base) && !root.equals(base) ? root : null;
    }

    /** Where a walk of {@code base} starts: the folder a link names, so that its files are listed. */
    private static Path walkStart(Path base) {
        if (Files.isSymbolicLink(base) && Files.isDirectory(base)) {
            try {
                return base.toRealPath();
            } catch (IOException e) {
                return base;
            }
        }
        return base;
    }

    /** The {@value #TEMP_PREFIX} files a killed process left in the project folder or its work tree. */
    @Override
    public List<String> listStaleTemporaryFiles() throws IOException {
        List<String> out = new ArrayList<>();
        collectTemp(root, workTree == null ? Set.of() : Set.of(workTree), "", out);
        if (workTree != null) {
            Path nestedRoot = nestedRootUnder(workTree);
            collectTemp(walkStart(workTree), nestedRoot == null ? Set.of() : Set.of(nestedRoot), CONTENT + "/", out);
        }
        return out;
    }

    private static void collectTemp(Path base, Set<Path> skip, String prefix, List<String> out) throws IOException {
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return skip.contains(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && file.getFileName().toString().startsWith(TEMP_PREFIX)) {
                    out.add(prefix + toRelative(base, file));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** One walk gives names and attributes: half the system calls of listing, then stat-ing each file. */
    @Override
    public SortedMap<String, FileStat> listFilesWithStats(String directory) throws IOException {
        return listFilesWithStats(directory, new ArrayList<>());
    }

    @Override
    public SortedMap<String, FileStat> listFilesWithStats(String directory,
            List<UnversionableFile> notListed) throws IOException {
        return listFilesWithStats(directory, notListed, null);
    }

    @Override
    public SortedMap<String, FileStat> listFilesWithStats(String directory,
            List<UnversionableFile> notListed, @Nullable Collection<String> folders)
            throws IOException {
        if (directory.isEmpty() && workTree != null) {
            return FileSystemAdapter.super.listFilesWithStats(directory);
        }
        Path nestedRoot = workTree == null ? null : nestedRootUnder(resolve(directory));
        return StatWalk.run(walkStart(resolve(directory)), nestedRoot == null ? Set.of() : Set.of(nestedRoot),
                name -> !name.startsWith(TEMP_PREFIX), notListed, folders);
    }

    @Override
    public boolean listsFolders() {
        return true;
    }

    @Override
    public void createFolder(String path) throws IOException {
        Path target = resolve(path);
        Files.createDirectories(target);
        dirtyFolders.add(target.getParent());
    }

    @Override
    public void deleteEmptyFolder(String path) throws IOException {
        Path target = resolve(path);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            pruneEmptyParents(target, path.startsWith(CONTENT + "/") ? workingCopyPath() : root);
        }
    }

    /** Adds every regular file under {@code base} (relative, after {@code prefix}), skipping {@code skip} folders. */
    private static void walk(Path base, Set<Path> skip, String prefix, List<String> out) throws IOException {
        walk(base, skip, prefix, (name, attrs) -> out.add(name));
    }

    private static void walk(Path base, Set<Path> skip, String prefix,
                             BiConsumer<String, BasicFileAttributes> out) throws IOException {
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return skip.contains(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                // Symbolic links are not followed: their targets are not part of the project.
                if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(TEMP_PREFIX)) {
                    out.accept(prefix + toRelative(base, file), attrs);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // deleted while we walked
                }
                throw exc;
            }
        });
    }

    private static String toRelative(Path base, Path file) {
        Path rel = base.relativize(file);
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part.toString());
        }
        return sb.toString();
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        return Files.newInputStream(resolve(path));
    }

    /** One positioned read: nothing before {@code offset} is read (packs). */
    @Override
    public byte[] readRange(String path, long offset, int length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative range " + offset + "+" + length + " of " + path);
        }
        try (FileChannel ch = FileChannel.open(resolve(path), StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(length);
            long at = offset;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, at);
                if (n < 0) {
                    throw new EOFException(path + ": " + length + " bytes at " + offset + " run past the end");
                }
                at += n;
            }
            return buf.array();
        }
    }

    @Override
    public AtomicOutput openWrite(String path) throws IOException {
        Path target = resolve(path);
        Path parent = target.getParent();
        Path folder = deferredFolder;
        // a working copy deferred as a whole holds the history folder when tracked in place: that is never deferred
        boolean defer = folder != null && target.startsWith(folder) && (folder.startsWith(root) || !target.startsWith(root));
        if (!defer || !madeFolders.contains(parent)) {
            Files.createDirectories(parent);
            if (defer) {
                madeFolders.add(parent);
            }
        }
        // A deferred (staged) file has no reader before it is complete: it is written at its name.
        Path temp = defer ? target : target.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
        FileChannel channel = createNew(temp, parent);
        OutputStream stream = Channels.newOutputStream(channel);
        return new AtomicOutput() {
            private boolean finished;

            @Override
            public void write(int b) throws IOException {
                stream.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                stream.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (finished) {
                    return;
                }
                finished = true;
                try {
                    if (defer) {
                        dirtyFolders.add(target.getParent()); // its name too, by the sync after forceDeferred
                        forceLater(channel);
                        return;
                    }
                    channel.force(true);
                    channel.close();
                    moveAtomically(temp, target);
                    dirtyFolders.add(target.getParent());
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    Files.deleteIfExists(temp);
                    throw e;
                }
            }

            @Override
            public void abort() throws IOException {
                if (!finished) {
                    finished = true;
                    channel.close();
                    Files.deleteIfExists(temp);
                }
            }
        };
    }

    /** Creates {@code file}, a new file in {@code folder}; a folder remembered as made but removed since is made again. */
    private static FileChannel createNew(Path file, @Nullable Path folder) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (NoSuchFileException folderGone) {
            if (folder == null) {
                throw folderGone;
            }
            Files.createDirectories(folder);
            return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * New files written under {@code folder} (relative to the root) are not forced by their writer: each is forced
     * (and closed) on other threads while the next ones are written, and {@link #forceDeferred} waits for them all
     * and forces their folders. One fsync per file in turn, on the writing thread, made an import of 70,000 small
     * files take minutes. Null ends the deferral (after a failure: the files not forced yet are closed).
     */
    public void deferSync(@Nullable String folder) {
        if (folder == null) {
            try {
                awaitForcing();
            } catch (IOException ignored) {
                // ended without forceDeferred: the caller failed already and deletes what it wrote
            }
        }
        deferredFolder = folder == null ? null : resolve(folder);
        madeFolders.clear();
    }

    /**
     * Makes every file written under the deferred folder durable (and their folders); see {@link #deferSync}.
     * Returns once each is forced; the first failure to force one is thrown.
     */
    public void forceDeferred() throws IOException {
        awaitForcing();
        sync();
    }

    /** Hands a deferred file, still open, to {@link #FORCER}, which forces and closes it. */
    private void forceLater(FileChannel channel) throws IOException {
        try {
            openForced.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
            throw new InterruptedIOException("interrupted while writing files");
        }
        try {
            forcing.add(FORCER.submit(() -> {
                try (channel) {
                    channel.force(true);
                } finally {
                    openForced.release();
                }
                return null;
            }));
        } catch (RuntimeException e) { // rejected: the pool cannot take it
            openForced.release();
            channel.close();
            throw e;
        }
    }

    /**
     * Waits for every force handed to {@link #FORCER} so far (every file is closed afterwards, forced or not); throws
     * the first failure, or {@link InterruptedIOException} when interrupted meanwhile (after the wait).
     */
    private void awaitForcing() throws IOException {
        List<Future<?>> pending;
        synchronized (forcing) {
            pending = new ArrayList<>(forcing);
            forcing.clear();
        }
        IOException failure = null;
        boolean interrupted = false;
        for (Future<?> f : pending) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // each force ends on its own: wait, so no file stays open
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            if (failure == null) {
                failure = new InterruptedIOException("interrupted while making files durable");
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static ExecutorService forcer() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(FORCE_THREADS, FORCE_THREADS, 5, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "kamaros-fsync");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** One fsync of {@link #forceAll}. */
    private interface Force {
        void force(Path path) throws IOException;
    }

    /**
     * Forces {@code paths} from several threads at once: file systems commit concurrent fsyncs together (one
     * journal commit for many), where one after another each waits for its own; thousands of them in turn made an
     * import of small files, and a restore or clone of a 2,500-file version, take tens of seconds.
     */
    private static void forceAll(List<Path> paths, Force force) throws IOException {
        if (paths.size() <= 2) {
            for (Path p : paths) {
                force.force(p);
            }
            return;
        }
        int threads = Math.min(16, Math.max(2, paths.size() / 32));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kamaros-fsync");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < paths.size(); i += threads) {
                        force.force(paths.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while making files durable");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Makes the renames done so far durable: fsyncs each folder that received a file since the
     * last call, once, instead of once per file (thousands of objects land in one folder), several at once.
     */
    @Override
    public void sync() {
        List<Path> folders = new ArrayList<>();
        for (Iterator<Path> it = dirtyFolders.iterator(); it.hasNext(); ) {
            folders.add(it.next());
            it.remove();
        }
        try {
            forceAll(folders, FileAdapter::syncDirectory);
        } catch (InterruptedIOException e) {
            // the thread keeps its interrupt flag; the folders stay listed, so the next sync forces them (again:
            // which of them were forced is not known, and forcing one twice costs only time)
            dirtyFolders.addAll(folders);
        } catch (IOException e) {
            dirtyFolders.addAll(folders);
            throw new UncheckedIOException(e); // syncDirectory reports nothing itself: a worker failed
        }
    }

    /** Makes the names just made in {@code folder} (a rename into it) durable, where the platform allows it. */
    public static void forceFolder(Path folder) {
        syncDirectory(folder);
    }

    /** Makes a rename durable. Not every OS lets a folder be opened for this; that is harmless. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open folders as channels; NTFS journals the rename itself.
        }
    }

    @Override
    public Optional<FileStat> stat(String path) throws IOException {
        try {
            LinkStat attrs = LinkStat.of(resolve(path));
            return attrs.regularFile() ? Optional.of(attrs.stat()) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void moveFile(String from, String to) throws IOException {
        Path source = resolve(from);
        Path target = resolve(to);
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(from);
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Different file systems (a work tree on another disk): copy atomically, then delete.
            FileSystemAdapter.super.moveFile(from, to);
            return;
        }
        dirtyFolders.add(target.getParent());
        if (from.startsWith(CONTENT + "/")) {
            pruneEmptyParents(source.getParent(), workingCopyPath());
        }
    }

    @Override
    public void appendFile(String path, byte[] data) throws IOException {
        Path target = resolve(path);
        Files.createDirectories(target.getParent());
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    @Override
    public void truncateFile(String path, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(resolve(path), StandardOpenOption.WRITE)) {
            if (ch.size() > length) {
                ch.truncate(length);
                ch.force(true);
            }
        }
    }

    /**
     * Lock files this JVM holds. A second lock attempt must not even open the file: on POSIX systems
     * closing any descriptor of a file drops every lock the process holds on it, so a failed second
     * attempt would silently hand the first holder's lock to other processes.
     */
    private static final Set<Path> HELD_LOCKS = ConcurrentHashMap.newKeySet();

    @Override
    public Optional<ProjectLock> tryLock() throws IOException {
        Path store = root.resolve(".store");
        Files.createDirectories(store);
        Path lockFile = store.toRealPath().resolve("lock");
        if (!HELD_LOCKS.add(lockFile)) {
            return Optional.empty(); // held by another manager in this JVM
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // taken through another channel in this JVM
            }
            if (lock == null) {
                ch.close();
                HELD_LOCKS.remove(lockFile);
                return Optional.empty();
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            FileLock held = lock;
            FileChannel channel = ch;
            AtomicBoolean released = new AtomicBoolean();
            return Optional.of(() -> {
                if (!released.compareAndSet(false, true)) {
                    return;
                }
                try {
                    held.release();
                } finally {
                    try {
                        channel.close();
                    } finally {
                        HELD_LOCKS.remove(lockFile);
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            HELD_LOCKS.remove(lockFile);
            throw e;
        }
    }

    @Override
    public String describe() {
        return workTree == null ? root.toString() : root + " (work tree " + workTree + ")";
    }
}
