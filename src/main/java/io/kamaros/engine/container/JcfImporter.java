package io.kamaros.engine.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.ImportResult;
import io.kamaros.engine.JcfEvent;
import io.kamaros.engine.format.JournalCodec;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.project.Ledger;
import io.kamaros.engine.format.PathRules;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.history.Checkpoint;
import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.project.HistoryGuard;
import io.kamaros.engine.history.Operation;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.project.VersionGraph;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.objects.ProjectKey;
import io.kamaros.engine.objects.ReversePatch;
import io.kamaros.engine.objects.SealingAdapter;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Imports a {@code .jcf} archive into an empty project: ours (root {@code manifest.json},
 * zstd objects) and the original implementation's ({@code .store/manifest.json}, raw blobs,
 * headerless reverse patches). Nothing reaches the project's real names before everything is
 * checked:
 * <ol>
 *   <li>The central directory is read first: entry count, duplicate names, symbolic links (Unix
 *       mode in the external attributes; {@code ZipInputStream} never sees those, which is why a
 *       stream is first spooled to a file), unsafe names (.., absolute, drive letters,
 *       backslashes, control characters) and declared sizes against the limits.</li>
 *   <li>Entries are inflated into {@code .store/temp/import-<id>/}, counting the bytes actually
 *       produced (a zip bomb stops at the limit) and checking each CRC and size.</li>
 *   <li>Validation: the manifest (types, format major ≤ 1), version ids unique, every parent
 *       known and listed before its child (so no cycle), every blob's SHA-256 equal to its name,
 *       every reverse patch rebuilding its parent's text exactly, every content of every version
 *       available.</li>
 *   <li>Commit: objects and working-copy files are moved to their names, the journal is written
 *       (each version's complete file set turned into changes against its parent, matched by
 *       inode), and the manifest is committed last. Any failure removes what was moved and the
 *       staging folder; the project stays empty.</li>
 * </ol>
 */
public final class JcfImporter {
    private static final String MANIFEST = "manifest.json";
    private static final String LEGACY_MANIFEST = ".store/manifest.json";
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PATCH_NAME = Pattern.compile("[A-Za-z0-9._-]+\\.patch");
    private static final int IO_BLOCK = 64 * 1024;

    private final ProjectStore store;
    private final ImportOptions options;
    private final Operation op;
    private final FileSystemAdapter adapter;
    private long inflated;
    /** Bytes the archive may expand to: the smallest of the limits, the ratio cap and the free disk. */
    private long budget = Long.MAX_VALUE;
    private String budgetReason = "";
    /** Where the expansion goes (null: not a folder on a disk), and when its free space is checked next. */
    private FileStore disk;
    private long nextDiskCheck;
    private static final long DISK_CHECK_EVERY = 16L << 20;

    public JcfImporter(ProjectStore store, ImportOptions options, Operation op) {
        this.store = store;
        this.options = options;
        this.op = op;
        this.adapter = store.adapter();
    }

    /** What one content hash is: its size and type. */
    private record Info(long size, FileType type) {
    }

    // ---------------------------------------------------------------- entry points

    /** Spools the stream to a temp file (bounded by the limits), then imports it. */
    public ImportResult importStream(InputStream in) throws IOException {
        requireEmptyProject();
        op.emit(new JcfEvent.ImportStarted(op.id(), Instant.now()));
        Path spool = spoolFile();
        try {
            long limit = options.maxTotalUncompressed() + (64L << 20) + (long) options.maxEntries() * 1024;
            long n = 0;
            byte[] buf = new byte[IO_BLOCK];
            FileStore spoolDisk = Files.getFileStore(spool);
            long nextCheck = 0;
            try (OutputStream out = Files.newOutputStream(spool)) {
                int r;
                while ((r = in.read(buf)) > 0) {
                    n += r;
                    if (n > limit) {
                        throw tooBig("The archive is larger than " + limit + " bytes");
                    }
                    if (n >= nextCheck) {
                        nextCheck = n + DISK_CHECK_EVERY;
                        if (spoolDisk.getUsableSpace() < options.minFreeSpace()) {
                            throw tooBig("The disk has " + spoolDisk.getUsableSpace() + " bytes free; receiving the archive "
                                    + "would leave less than " + options.minFreeSpace() + " (ImportOptions.minFreeSpace)",
                                    "minFreeSpace");
                        }
                    }
                    out.write(buf, 0, r);
                    op.checkpoint();
                    op.progress("receiving", 0, 0, 0, n, 0, null);
                }
            }
            return importArchive(spool);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    public ImportResult importFile(Path file) throws IOException {
        requireEmptyProject();
        op.emit(new JcfEvent.ImportStarted(op.id(), Instant.now()));
        if (!Files.isRegularFile(file)) {
            throw new ValidationException("There is no archive at " + file + ".", Map.of("field", "path", "value",
                    file.toString()));
        }
        return importArchive(file);
    }

    /**
     * The expansion budget: {@code maxTotalUncompressed}, at most {@code maxCompressionRatio} times
     * the archive's size (at least {@link ImportOptions#RATIO_FLOOR}), and at most the free space of
     * the project's disk above {@code minFreeSpace}. Counted against the bytes actually inflated.
     */
    private void setBudget(long archiveSize) throws IOException {
        budget = options.maxTotalUncompressed();
        budgetReason = "the import limit (ImportOptions.maxTotalUncompressed)";
        long byRatio = Math.max(ImportOptions.RATIO_FLOOR, multiplyCapped(archiveSize, options.maxCompressionRatio()));
        if (byRatio < budget) {
            budget = byRatio;
            budgetReason = options.maxCompressionRatio() + " times the archive's own " + archiveSize + " bytes, "
                    + (ImportOptions.RATIO_FLOOR >> 20) + " MiB at least (ImportOptions.maxCompressionRatio)";
        }
        disk = null;
        if (SealingAdapter.unsealed(adapter) instanceof FileAdapter fa) {
            Path dir = fa.rootPath();
            disk = Files.getFileStore(Files.isDirectory(dir) ? dir : dir.getParent());
            long free = disk.getUsableSpace() - options.minFreeSpace();
            if (free <= 0) {
                throw tooBig(diskFull(), "minFreeSpace");
            }
            if (free < budget) {
                budget = free;
                budgetReason = "the free disk space this import may use (it keeps " + options.minFreeSpace()
                        + " bytes free, ImportOptions.minFreeSpace)";
            }
            nextDiskCheck = DISK_CHECK_EVERY;
        }
    }

    private String diskFull() throws IOException {
        return "The disk of " + adapter.describe() + " has " + disk.getUsableSpace() + " bytes free; an import keeps at least "
                + options.minFreeSpace() + " bytes free (ImportOptions.minFreeSpace)";
    }

    private static long multiplyCapped(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    /** Counts {@code n} more inflated bytes against the budget (and the disk's free space). */
    private void count(long n) throws IOException {
        inflated += n;
        if (inflated > budget) {
            throw tooBig("The archive expands to more than " + budget + " bytes, the most allowed here: " + budgetReason
                    + "; it may be a zip bomb", "budget");
        }
        if (disk != null && inflated >= nextDiskCheck) {
            nextDiskCheck = inflated + DISK_CHECK_EVERY;
            if (disk.getUsableSpace() < options.minFreeSpace()) {
                throw tooBig(diskFull(), "minFreeSpace");
            }
        }
    }

    private void requireEmptyProject() throws IOException {
        if (store.graph().size() > 0) {
            throw new ValidationException("This project already has " + store.graph().size()
                    + " versions; import into a new, empty project.", Map.of("field", "project", "value",
                    adapter.describe()));
        }
        if (!adapter.listFiles("content").isEmpty()) {
            throw new ValidationException("This project's working copy is not empty; import into a new, empty project.",
                    Map.of("field", "project", "value", adapter.describe()));
        }
    }

    private Path spoolFile() throws IOException {
        if (SealingAdapter.unsealed(adapter) instanceof FileAdapter fa) {
            Path dir = fa.rootPath().resolve(".store").resolve("temp");
            Files.createDirectories(dir);
            return Files.createTempFile(dir, "import-", ".jcf");
        }
        return Files.createTempFile("kamaros-import-", ".jcf");
    }

    // ---------------------------------------------------------------- the import

    private ImportResult importArchive(Path file) throws IOException {
        op.progress("checking", 1, 0, 0, 0, 0, null);
        setBudget(Files.size(file));
        List<ZipDirectory.Entry> directory = ZipDirectory.read(file, options.maxEntries());
        checkDirectory(directory);

        String stagingFolder = BlobStore.TEMP_DIR + "/import-" + op.id();
        // Encryption: the objects of an encrypted archive are staged as they are (sealed) and read
        // through the archive's key, which the project then adopts; a plain archive's objects are
        // staged through this project's adapter, so they are sealed when the project is encrypted.
        JcfManifestCodec.Manifest manifest = readManifest(file);
        ProjectKey archiveKey = archiveKey(manifest);
        FileSystemAdapter raw = SealingAdapter.unsealed(adapter);
        StagingAdapter staging = new StagingAdapter(archiveKey == null ? adapter
                : new SealingAdapter(raw, archiveKey.cipher()), stagingFolder);
        StagingAdapter objectStaging = archiveKey == null ? staging : new StagingAdapter(raw, stagingFolder);
        List<String> moved = new ArrayList<>();
        boolean committed = false;
        FileAdapter disk = raw instanceof FileAdapter fa ? fa : null;
        if (disk != null) {
            disk.deferSync(stagingFolder); // staged files are made durable together, before the commit
        }
        try {
            int contentEntries = 0;
            try (ZipFile zip = open(file)) {
                int done = 0;
                Enumeration<? extends ZipEntry> en = zip.entries();
                while (en.hasMoreElements()) {
                    ZipEntry ze = en.nextElement();
                    op.checkpoint();
                    String name = ze.getName();
                    String problem = nameProblem(name);
                    if (problem != null) {
                        throw unsafeName(name, problem);
                    }
                    done++;
                    op.progress("reading", 2 + 48.0 * done / directory.size(), done, directory.size(), inflated, 0, name);
                    if (ze.isDirectory()) {
                        continue;
                    }
                    if (name.equals("mimetype")) {
                        byte[] mime = readAll(zip, ze, 256);
                        if (!new String(mime, StandardCharsets.UTF_8).strip().equals(JcfExporter.MIMETYPE)) {
                            throw ZipDirectory.corrupt("its mimetype is not " + JcfExporter.MIMETYPE);
                        }
                    } else if (name.equals(MANIFEST) || name.equals(LEGACY_MANIFEST)) {
                        continue; // read (and counted) before staging
                    } else if (name.startsWith("content/")) {
                        stage(zip, ze, staging, name);
                        contentEntries++;
                    } else if (isStoreObject(name)) {
                        stage(zip, ze, objectStaging, name);
                    } else {
                        op.emit(new JcfEvent.Warning(op.id(), Instant.now(), "Skipped the archive entry '" + name
                                + "' (not part of the JCF layout this version reads)."));
                    }
                }
            }
            op.checkpoint();
            op.progress("validating", 50, 0, 0, inflated, 0, null);
            Plan plan;
            try {
                plan = validate(manifest, staging);
            } catch (OutOfMemoryError e) {
                // a safety net behind the estimate of readManifest: all that was allocated is garbage now
                manifest = null;
                throw notEnoughMemory(-1);
            }

            if (plan.head != null) {
                // Without content/ entries the working copy is rebuilt from the history; names with a
                // backslash never have one (a ZIP entry cannot hold it), so they are rebuilt too.
                materializeHead(plan, staging, contentEntries == 0);
            }
            op.checkpoint();

            // ---- commit: objects and files first, the journal, then the manifest (the commit point)
            op.progress("writing", 85, 0, 0, inflated, 0, null);
            List<String> stagedFiles = new ArrayList<>(staging.listFiles(""));
            // an archive's file must not land in this project's history
            HistoryGuard.checkPaths(adapter, stagedFiles.stream()
                    .filter(p -> p.startsWith("content/")).map(p -> p.substring("content/".length())).toList());
            String headId = plan.head;
            List<String> headFolders = headId == null ? List.of() : manifest.versions().stream()
                    .filter(v -> v.id().equals(headId)).findFirst().map(JcfManifestCodec.VersionIn::emptyFolders)
                    .orElse(List.of());
            HistoryGuard.checkPaths(adapter, headFolders);
            stagedFiles.sort((a, b) -> Boolean.compare(a.startsWith("content/"), b.startsWith("content/")));
            long filesWritten = 0;
            long totalSize = 0;
            if (disk != null) {
                disk.forceDeferred();
                disk.deferSync(null);
            }
            // Before the first file reaches its real name: what a process killed from here on must undo.
            writePendingMarker(stagingFolder, stagedFiles);
            for (String p : stagedFiles) {
                op.checkpoint();
                moveIntoPlace(staging, p);
                moved.add(p);
                if (p.startsWith("content/")) {
                    filesWritten++;
                    totalSize += adapter.stat(p).map(s -> s.size()).orElse(0L);
                }
            }
            for (String f : headFolders) { // the working copy's empty folders, as HEAD has them
                adapter.createFolder("content/" + f);
            }
            op.checkpoint();
            Ledger next = store.draft();
            next.importJournal(store.writeJournal(plan.records, next), plan.records.size());
            applyManifest(next, manifest, plan);
            if (archiveKey != null) {
                next.setConfig(ProjectKey.CONFIG_KEY, archiveKey.record());
            }
            op.checkpoint();
            store.commit(next); // the commit point
            committed = true;
            if (archiveKey != null) {
                store.adoptKey(archiveKey);
            }
            deletePendingMarker();
            store.load();
            store.writeMissingCopies();
            ImportResult result = new ImportResult(next.metadata().name(), plan.records.size(), (int) filesWritten, totalSize);
            op.progress("finalizing", 100, filesWritten, filesWritten, inflated, inflated, null);
            return result;
        } catch (IllegalArgumentException e) {
            // an adapter refusing a name the path rules let through (e.g. ':' on disk)
            throw new ValidationException("The archive holds a name this storage cannot take: " + e.getMessage()
                    + ". Nothing was imported.", Map.of("field", "entry", "value", String.valueOf(e.getMessage())), e);
        } finally {
            if (disk != null) {
                disk.deferSync(null);
            }
            if (!committed) {
                undo(moved);
                deletePendingMarker();
            }
            removeStaging(staging);
        }
    }

    /**
     * The key of an encrypted archive (its manifest's {@code config.encryption}), unwrapped with
     * {@code ImportOptions.password} before anything is staged; null for a plain archive.
     */
    private ProjectKey archiveKey(JcfManifestCodec.Manifest manifest) throws IOException {
        Object recorded = manifest.config().get(ProjectKey.CONFIG_KEY);
        if (recorded == null) {
            return null;
        }
        return ProjectKey.open(recorded, options.password());
    }

    /**
     * Memory an import needs per byte of the archive's manifest (its JSON tree, the versions read
     * from it and their file sets while validated), measured: a 51 MB manifest of 200,000 versions
     * needs 256-512 MB of heap.
     */
    static final int MANIFEST_MEMORY_FACTOR = 10;

    /** The largest manifest this process has the memory to import now (see {@link #MANIFEST_MEMORY_FACTOR}). */
    static long manifestMemoryLimit() {
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return Math.max(0, available / MANIFEST_MEMORY_FACTOR);
    }

    private static ValidationException notEnoughMemory(long manifestBytes) {
        long max = Runtime.getRuntime().maxMemory();
        String size = manifestBytes >= 0 ? "Its manifest has " + manifestBytes + " bytes; importing it needs about "
                + MANIFEST_MEMORY_FACTOR + " times that in memory" : "Importing its manifest needs more memory";
        return new ValidationException("This archive's history is too large for the memory of this program. " + size
                + ", and this program may use " + (max >> 20) + " MB (start it with more, e.g. java -Xmx"
                + Math.max(1, 2 * Math.max(manifestBytes, 0) * MANIFEST_MEMORY_FACTOR >> 30) + "g). Nothing was imported.",
                Map.of("field", "limits", "value", "memory", "limit", "memory", "manifestBytes", manifestBytes,
                        "maxMemory", max));
    }

    /**
     * Reads and parses the archive's manifest ({@code manifest.json}, else the original
     * implementation's {@code .store/manifest.json}) before anything is staged: its declared and
     * then its actual size are held against {@code maxManifestBytes} and against the memory this
     * process has ({@link #manifestMemoryLimit}), so a giant manifest is a typed refusal, never an
     * OutOfMemoryError.
     */
    private JcfManifestCodec.Manifest readManifest(Path file) throws IOException {
        byte[] json;
        try (ZipFile zip = open(file)) {
            ZipEntry ze = zip.getEntry(MANIFEST);
            if (ze == null || ze.isDirectory()) {
                ze = zip.getEntry(LEGACY_MANIFEST);
            }
            if (ze == null || ze.isDirectory()) {
                throw ZipDirectory.corrupt("it has no manifest.json");
            }
            long memoryLimit = manifestMemoryLimit();
            long declared = ze.getSize();
            if (declared > options.maxManifestBytes()) {
                throw tooBig("The archive's manifest declares " + declared + " bytes, more than the limit of "
                        + options.maxManifestBytes() + " (ImportOptions.maxManifestBytes)");
            }
            if (declared > memoryLimit) {
                throw notEnoughMemory(declared);
            }
            try {
                if (declared >= 0) {
                    byte[] exact = new byte[(int) declared];
                    int[] at = {0};
                    copy(zip, ze, new OutputStream() {
                        @Override
                        public void write(int b) {
                            exact[at[0]++] = (byte) b;
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                            System.arraycopy(b, off, exact, at[0], len); // copy() stops before the declared size is passed
                            at[0] += len;
                        }
                    }, declared, n -> notEnoughMemory(n));
                    json = exact;
                } else {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    long limit = Math.min(options.maxManifestBytes(), memoryLimit);
                    copy(zip, ze, out, limit, n -> limit == memoryLimit ? notEnoughMemory(n)
                            : tooBig("The archive's manifest expands to more than " + limit + " bytes (ImportOptions.maxManifestBytes)"));
                    json = out.toByteArray();
                }
            } catch (OutOfMemoryError e) {
                throw notEnoughMemory(declared);
            }
        }
        try {
            return JcfManifestCodec.read(json);
        } catch (OutOfMemoryError e) {
            int size = json.length;
            json = null;
            throw notEnoughMemory(size);
        }
    }

    // ---------------------------------------------------------------- an import killed half-way

    /**
     * Written (atomically, durably) before the first staged file is moved to its real name, deleted
     * after the commit: {@code revision} is the manifest's before the import, {@code files} what the
     * import moves into place. A process killed between the two leaves it behind for
     * {@link #recoverInterrupted} to undo.
     */
    public static final String PENDING_MARKER = ".store/import-pending.json";

    /** Name (in {@code .store/temp}) of the note an export keeps while its temp file exists. */
    public static final String EXPORT_NOTE_PREFIX = "export-";

    /** JSON shape of {@link #PENDING_MARKER}. */
    public static final class Pending {
        public long revision;
        public String staging;
        public List<String> files = new ArrayList<>();
    }

    private void writePendingMarker(String stagingFolder, List<String> files) throws IOException {
        Pending p = new Pending();
        p.revision = store.ledger().revision();
        p.staging = stagingFolder;
        p.files = files;
        adapter.writeFile(PENDING_MARKER, Json.mapper().writeValueAsBytes(p));
        adapter.sync();
    }

    private void deletePendingMarker() {
        try {
            adapter.deleteFile(PENDING_MARKER);
        } catch (IOException | RuntimeException ignored) {
            // left behind: the next open sees the import committed (a newer revision) and deletes it
        }
    }

    /**
     * Finishes what a killed import left: when its commit happened (the manifest's revision moved
     * past the marker's) only the marker is removed; otherwise every file it moved into the project
     * (working copy and store objects: the project had no versions, so nothing else uses them), the
     * uncommitted journal, its staging folder and spooled archive are removed, so the project is
     * exactly as empty as before and the import can be run again. The caller holds the writer lock.
     * Returns a description of what was undone, or null when there was nothing to do.
     */
    public static String recoverInterrupted(ProjectStore store) throws IOException {
        FileSystemAdapter adapter = store.adapter();
        List<String> undone = new ArrayList<>();
        String result = null;
        if (adapter.fileExists(PENDING_MARKER)) {
            Pending p;
            try {
                p = Json.mapper().readValue(adapter.readFile(PENDING_MARKER), Pending.class);
            } catch (IOException | RuntimeException e) {
                p = null; // written atomically, so never torn; damaged some other way: treat as not committed
            }
            if (p != null && store.ledger().revision() > p.revision) {
                adapter.deleteFile(PENDING_MARKER);
                return null; // committed; the marker was all that was left
            }
            if (store.graph().size() > 0) {
                // Not our state any more (should not happen: imports need a project without versions).
                adapter.deleteFile(PENDING_MARKER);
                return null;
            }
            if (p != null) {
                for (String f : p.files) {
                    if (PathRules.problemOf(f) == null && !f.startsWith(".store/temp/") && adapter.fileExists(f)) {
                        adapter.deleteFile(f);
                        undone.add(f);
                    }
                }
            }
            if (store.ledger().journalLength() == 0 && adapter.fileExists(store.ledger().journalPath())
                    && adapter.stat(store.ledger().journalPath()).map(s -> s.size()).orElse(0L) > 0) {
                adapter.writeFile(store.ledger().journalPath(), new byte[0]);
            }
            String journalCopy = JournalCodec.copyPath(store.ledger().journalPath());
            if (store.ledger().journalLength() == 0 && adapter.fileExists(journalCopy)) {
                adapter.deleteFile(journalCopy);
            }
            result = "An import was interrupted before it completed; removed the " + undone.size()
                    + " file(s) it had moved into the project. The project is as it was before the import.";
        }
        // Staging folders and spooled archives of imports that never reached the commit.
        for (String name : adapter.listFiles(BlobStore.TEMP_DIR)) {
            if (name.startsWith("import-")) {
                adapter.deleteFile(BlobStore.TEMP_DIR + "/" + name);
            } else if (name.startsWith(EXPORT_NOTE_PREFIX) && !name.contains("/")) {
                // An export killed before its temp file was renamed: the note names that file.
                try {
                    Path temp = Path.of(new String(adapter.readFile(BlobStore.TEMP_DIR + "/" + name), StandardCharsets.UTF_8));
                    if (temp.isAbsolute() && JcfExporter.isExportTemp(temp)
                            && Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(temp);
                    }
                } catch (IOException | RuntimeException e) {
                    // unreadable note or folder gone: the next export to that target removes the file
                }
                adapter.deleteFile(BlobStore.TEMP_DIR + "/" + name);
            }
        }
        if (adapter instanceof FileAdapter fa) {
            // Half-written files of a killed process next to the manifest and the journal (e.g. a
            // project being created, a journal being written): nobody else writes while we hold the lock.
            for (Path dir : List.of(fa.rootPath(), fa.rootPath().resolve(".store"))) {
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    try (Stream<Path> s = Files.list(dir)) {
                        for (Path f : s.toList()) {
                            if (f.getFileName().toString().startsWith(FileAdapter.TEMP_PREFIX)
                                    && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                                Files.deleteIfExists(f);
                            }
                        }
                    }
                }
            }
            Path temp = fa.rootPath().resolve(BlobStore.TEMP_DIR);
            if (Files.isDirectory(temp, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> s = Files.list(temp)) {
                    for (Path d : s.toList()) {
                        if (d.getFileName().toString().startsWith("import-")
                                && Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                            deleteTree(d);
                        }
                    }
                }
            }
        }
        if (result != null) {
            for (String stale : adapter.listStaleTemporaryFiles()) {
                adapter.deleteFile(stale); // e.g. the journal being written when the process was killed
            }
            adapter.deleteFile(PENDING_MARKER);
            adapter.sync();
        }
        return result;
    }

    private static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void checkDirectory(List<ZipDirectory.Entry> entries) {
        Set<String> names = new HashSet<>();
        long declared = 0;
        for (ZipDirectory.Entry e : entries) {
            String problem = nameProblem(e.name());
            if (problem != null) {
                throw unsafeName(e.name(), problem);
            }
            if (!names.add(e.name())) {
                throw new ValidationException("The archive holds the entry '" + printable(e.name())
                        + "' twice; it is ambiguous and is refused. Nothing was imported.",
                        Map.of("field", "entry", "value", e.name(), "reason", "duplicate"));
            }
            if (e.symlink()) {
                throw new ValidationException("The archive entry '" + printable(e.name())
                        + "' is a symbolic link; links could point outside the project and are refused. Nothing was imported.",
                        Map.of("field", "entry", "value", e.name(), "reason", "symlink"));
            }
            long size = e.declaredSize() == 0xffffffffL ? 0 : e.declaredSize();
            if ((e.name().equals(MANIFEST) || e.name().equals(LEGACY_MANIFEST)) && size > options.maxManifestBytes()) {
                throw tooBig("The archive's manifest declares " + size + " bytes, more than the limit of "
                        + options.maxManifestBytes() + " (ImportOptions.maxManifestBytes)");
            }
            declared += size;
            if (declared > budget) {
                // refused before anything is inflated; what is inflated is counted again, byte by byte
                throw tooBig("The archive declares more than " + budget + " bytes once expanded, the most allowed here: "
                        + budgetReason, "budget");
            }
        }
    }

    private static String nameProblem(String name) {
        String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        return PathRules.zipNameProblemOf(n);
    }

    private static boolean isStoreObject(String name) {
        for (String dir : List.of(BlobStore.BLOBS_DIR + "/", BlobStore.CHUNKS_DIR + "/", BlobStore.DICTS_DIR + "/")) {
            if (name.startsWith(dir) && HASH.matcher(name.substring(dir.length())).matches()) {
                return true;
            }
        }
        return name.startsWith(ContentStore.DELTAS) && PATCH_NAME.matcher(name.substring(ContentStore.DELTAS.length())).matches();
    }

    private static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile(), ZipFile.OPEN_READ, StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new CorruptionException("The archive cannot be read as a ZIP (" + e.getMessage() + "). Nothing was imported.",
                    Map.of("corruptedItem", "archive", "reason", String.valueOf(e.getMessage())), e);
        }
    }

    // ---------------------------------------------------------------- reading entries

    private byte[] readAll(ZipFile zip, ZipEntry ze, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy(zip, ze, out, limit, n -> tooBig("The entry '" + printable(ze.getName()) + "' expands to more than " + limit + " bytes"));
        return out.toByteArray();
    }

    private void stage(ZipFile zip, ZipEntry ze, StagingAdapter staging, String name) throws IOException {
        FileSystemAdapter.AtomicOutput out = staging.openWrite(name);
        try {
            copy(zip, ze, out, Long.MAX_VALUE, null);
        } catch (IOException | RuntimeException | Error e) {
            try {
                out.abort();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        out.close();
    }

    /** Inflates one entry, counting real bytes against the limits and checking its size and CRC. */
    private void copy(ZipFile zip, ZipEntry ze, OutputStream out, long entryLimit,
                      LongFunction<? extends RuntimeException> overLimit) throws IOException {
        String name = ze.getName();
        CRC32 crc = new CRC32();
        long n = 0;
        long declared = ze.getSize();
        byte[] buf = new byte[IO_BLOCK];
        InputStream in;
        try {
            in = zip.getInputStream(ze);
        } catch (IOException e) {
            throw corruptEntry(name, "cannot be opened (" + e.getMessage() + ")", e);
        }
        try (in) {
            while (true) {
                int r;
                try {
                    r = in.read(buf);
                } catch (IOException e) {
                    throw corruptEntry(name, "cannot be decompressed (" + e.getMessage() + ")", e);
                }
                if (r < 0) {
                    break;
                }
                n += r;
                count(r);
                if (declared >= 0 && n > declared) {
                    throw corruptEntry(name, "expands beyond its declared size of " + declared + " bytes", null);
                }
                if (n > entryLimit) {
                    throw overLimit.apply(n);
                }
                crc.update(buf, 0, r);
                out.write(buf, 0, r);
                op.checkpoint();
            }
        }
        if (declared >= 0 && n != declared) {
            throw corruptEntry(name, "has " + n + " bytes, not the declared " + declared, null);
        }
        if (ze.getCrc() >= 0 && crc.getValue() != ze.getCrc()) {
            throw corruptEntry(name, "fails its CRC check", null);
        }
    }

    // ---------------------------------------------------------------- validation and conversion

    /** What validation established: the versions as journal records, HEAD, refs. */
    private static final class Plan {
        List<VersionRecord> records = new ArrayList<>();
        String head;
        Map<String, String> refs = new TreeMap<>();
        Map<String, FileState> headState = Map.of();
        ContentStore content;
    }

    private Plan validate(JcfManifestCodec.Manifest m, StagingAdapter staging) throws IOException {
        // 1. versions: ids, parents, file states
        Map<String, Integer> index = new HashMap<>();
        List<Map<String, JcfManifestCodec.StateIn>> live = new ArrayList<>();
        for (JcfManifestCodec.VersionIn v : m.versions()) {
            checkId(v.id(), "version id");
            if (index.containsKey(v.id())) {
                throw broken("the version id " + v.id() + " appears twice");
            }
            if (v.parentId() != null && !v.parentId().isEmpty() && !index.containsKey(v.parentId())) {
                throw broken(m.versions().stream().anyMatch(x -> x.id().equals(v.parentId()))
                        ? "version " + v.id() + " is listed before its parent " + v.parentId() + " (or the parents form a cycle)"
                        : "version " + v.id() + " names an unknown parent " + v.parentId());
            }
            Map<String, JcfManifestCodec.StateIn> states = new TreeMap<>();
            for (JcfManifestCodec.StateIn s : v.states()) {
                if (s.encrypted()) {
                    throw new ValidationException("The archive holds encrypted content (" + printable(s.path())
                            + "), which this version of Kamaros cannot import.", Map.of("field", "encrypted", "value", s.path()));
                }
                if (s.path() == null || PathRules.problemOf(s.path()) != null) {
                    throw broken("version " + v.id() + " lists an invalid path '" + printable(s.path()) + "'"
                            + (s.path() == null ? "" : " (" + PathRules.problemOf(s.path()) + ")"));
                }
                if (s.deleted()) {
                    continue;
                }
                if (s.inodeId() == null || s.inodeId().isEmpty()) {
                    throw broken("version " + v.id() + ": '" + printable(s.path()) + "' has no inodeId");
                }
                if (s.hash() == null || !HASH.matcher(s.hash()).matches()) {
                    throw broken("version " + v.id() + ": '" + printable(s.path()) + "' has no valid SHA-256 hash");
                }
                if (states.put(s.path(), s) != null) {
                    throw broken("version " + v.id() + " lists '" + printable(s.path()) + "' twice");
                }
            }
            for (String f : v.emptyFolders()) {
                if (PathRules.problemOf(f) != null) {
                    throw broken("version " + v.id() + " lists an invalid empty folder '" + printable(f) + "' ("
                            + PathRules.problemOf(f) + ")");
                }
                if (states.containsKey(f)) {
                    throw broken("version " + v.id() + " lists '" + printable(f) + "' both as a file and as an empty folder");
                }
            }
            index.put(v.id(), live.size());
            live.add(states);
        }

        // 2. blobs: every staged blob's SHA-256 equals its name (peer blobs are raw bytes)
        BlobStore blobs = new BlobStore(staging, 0, false);
        Set<String> blobSet = new HashSet<>(blobs.listBlobs());
        if (options.validate()) {
            int i = 0;
            for (String h : blobSet) {
                op.checkpoint();
                op.progress("validating", 50 + 15.0 * i++ / Math.max(1, blobSet.size()), i, blobSet.size(), 0, 0, h);
                try (InputStream in = blobs.openStream(h)) {
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (CorruptionException e) {
                    throw new CorruptionException("The archive's blob " + h + " is damaged: " + e.getMessage()
                            + " Nothing was imported.", Map.of("corruptedItem", "blob:" + h), e);
                }
            }
        }

        // 3. reverse patches: candidates are delta contentRefs of changed files; each must rebuild its parent's text
        Map<String, String> inodeParentHash = new HashMap<>();
        List<FileState> candidates = new ArrayList<>();
        for (int vi = 0; vi < live.size(); vi++) {
            JcfManifestCodec.VersionIn v = m.versions().get(vi);
            Map<String, JcfManifestCodec.StateIn> parent = parentStates(v, index, live);
            Map<String, JcfManifestCodec.StateIn> byInode = byInode(parent);
            for (JcfManifestCodec.StateIn s : live.get(vi).values()) {
                JcfManifestCodec.StateIn p = byInode.get(s.inodeId());
                String ref = s.contentRef();
                if (p != null && !p.hash().equals(s.hash()) && ref != null && ref.startsWith(ContentStore.DELTAS)
                        && PATCH_NAME.matcher(ref.substring(ContentStore.DELTAS.length())).matches()
                        && staging.fileExists(ref)) {
                    candidates.add(new FileState(s.inodeId(), s.path(), s.hash(), 0, FileType.TEXT, ref,
                            ChangeType.MODIFIED, null, p.hash()));
                }
            }
        }
        ContentStore content = contentStore(staging, blobs, candidates);
        Set<String> goodPatches = new HashSet<>();
        for (FileState c : candidates) {
            op.checkpoint();
            try {
                byte[] base = content.read(c.hash());
                byte[] rebuilt = ReversePatch.apply(base, staging.readFile(c.contentRef()));
                if (BlobStore.sha256Hex(rebuilt).equals(c.previousHash())) {
                    goodPatches.add(c.contentRef() + "\n" + c.hash() + "\n" + c.previousHash());
                    continue;
                }
            } catch (CorruptionException e) {
                // judged below
            }
            if (!blobSet.contains(c.previousHash())) {
                throw new CorruptionException("The archive's reverse patch " + c.contentRef() + " does not rebuild the "
                        + "previous content of '" + printable(c.path()) + "', and no other copy of it exists. Nothing was imported.",
                        Map.of("corruptedItem", c.contentRef(), "expected", c.previousHash()));
            }
            op.emit(new JcfEvent.Warning(op.id(), Instant.now(), "Ignored the reverse patch " + c.contentRef()
                    + ": it does not rebuild its content exactly (a whole copy is kept instead)."));
        }
        candidates.removeIf(c -> !goodPatches.contains(c.contentRef() + "\n" + c.hash() + "\n" + c.previousHash()));
        content = contentStore(staging, blobs, candidates);

        // 4. every content of every version is available and hashes right; sizes and types
        Map<String, Info> infos = new HashMap<>();
        Plan plan = new Plan();
        plan.content = content;
        Map<String, String> patchOf = new HashMap<>();
        candidates.forEach(c -> patchOf.put(c.inodeId() + "\n" + c.hash() + "\n" + c.previousHash(), c.contentRef()));
        for (int vi = 0; vi < live.size(); vi++) {
            op.checkpoint();
            JcfManifestCodec.VersionIn v = m.versions().get(vi);
            op.progress("validating", 65 + 20.0 * vi / Math.max(1, live.size()), vi, live.size(), 0, 0, v.id());
            Map<String, JcfManifestCodec.StateIn> parent = parentStates(v, index, live);
            Map<String, JcfManifestCodec.StateIn> parentByInode = byInode(parent);
            Map<String, JcfManifestCodec.StateIn> current = live.get(vi);
            Set<String> continued = new HashSet<>();
            Set<String> keptParentPaths = new HashSet<>();
            List<FileState> changes = new ArrayList<>();
            for (JcfManifestCodec.StateIn s : current.values()) {
                Info info = info(s, blobSet, content, infos);
                JcfManifestCodec.StateIn p = parentByInode.get(s.inodeId());
                if (p != null && !continued.contains(s.inodeId())) {
                    boolean samePath = p.path().equals(s.path());
                    JcfManifestCodec.StateIn atOldPath = current.get(p.path());
                    // The file keeps its identity here unless it also still sits at its old path.
                    if (samePath || atOldPath == null || !atOldPath.inodeId().equals(s.inodeId())) {
                        continued.add(s.inodeId());
                        keptParentPaths.add(p.path());
                        boolean changed = !p.hash().equals(s.hash());
                        if (samePath && !changed) {
                            continue;
                        }
                        String ref = changed ? patchOf.get(s.inodeId() + "\n" + s.hash() + "\n" + p.hash()) : null;
                        if (ref == null) {
                            ref = blobSet.contains(s.hash()) ? BlobStore.BLOBS_DIR + "/" + s.hash() : null;
                        }
                        changes.add(new FileState(s.inodeId(), s.path(), s.hash(), info.size(), info.type(), ref,
                                samePath ? ChangeType.MODIFIED : ChangeType.RENAMED, samePath ? null : p.path(),
                                changed ? p.hash() : null));
                        continue;
                    }
                }
                changes.add(new FileState(s.inodeId(), s.path(), s.hash(), info.size(), info.type(),
                        blobSet.contains(s.hash()) ? BlobStore.BLOBS_DIR + "/" + s.hash() : null, ChangeType.ADDED, null, null));
            }
            for (JcfManifestCodec.StateIn p : parent.values()) {
                if (!keptParentPaths.contains(p.path())) {
                    Info info = info(p, blobSet, content, infos);
                    changes.add(new FileState(p.inodeId(), p.path(), p.hash(), info.size(), info.type(), null,
                            ChangeType.DELETED, null, null));
                }
            }
            changes.sort(Comparator.comparing(FileState::path)
                    .thenComparing(c -> c.changeType() == ChangeType.DELETED ? 0 : 1));
            String parentId = v.parentId() == null || v.parentId().isEmpty() ? null : v.parentId();
            // The archive lists each version's full set of empty folders; the journal keeps the change.
            SortedSet<String> folders = new TreeSet<>(v.emptyFolders());
            SortedSet<String> parentFolders = parentId == null ? new TreeSet<>()
                    : new TreeSet<>(m.versions().get(index.get(parentId)).emptyFolders());
            plan.records.add(new VersionRecord(v.id(), parentId, v.timestamp(), v.message() == null ? "" : v.message(),
                    v.author() == null || v.author().isBlank() ? "unknown" : v.author(), v.email(),
                    List.copyOf(validTags(v.tags())), v.autoSaved(), List.copyOf(changes),
                    folders.stream().filter(f -> !parentFolders.contains(f)).toList(),
                    parentFolders.stream().filter(f -> !folders.contains(f)).toList()));
        }

        // The journal's replay must give back every listed file set exactly.
        VersionGraph graph = new VersionGraph(plan.records);
        for (int vi = 0; vi < live.size(); vi++) {
            Map<String, FileState> replayed = graph.stateOf(m.versions().get(vi).id());
            Map<String, JcfManifestCodec.StateIn> listed = live.get(vi);
            boolean same = replayed.size() == listed.size();
            for (FileState s : replayed.values()) {
                JcfManifestCodec.StateIn l = listed.get(s.path());
                same &= l != null && l.hash().equals(s.hash()) && l.inodeId().equals(s.inodeId());
            }
            if (!same) {
                throw broken("the file set of version " + m.versions().get(vi).id() + " cannot be represented "
                        + "(a file identity appears at several paths)");
            }
        }

        // 5. refs
        String head = m.refs().get("head");
        if (head == null || head.isEmpty()) {
            head = m.versions().isEmpty() ? null : m.versions().get(m.versions().size() - 1).id();
        }
        if (head != null && !index.containsKey(head)) {
            throw broken("refs.head names an unknown version " + head);
        }
        plan.head = head;
        for (Map.Entry<String, String> e : m.refs().entrySet()) {
            if (e.getKey().equals("head") || e.getKey().isEmpty()) {
                continue;
            }
            if (!index.containsKey(e.getValue())) {
                throw broken("refs['" + printable(e.getKey()) + "'] names an unknown version " + e.getValue());
            }
            if (e.getKey().startsWith("tags/")) {
                try {
                    Checkpoint.Tags.validate(e.getKey().substring(5));
                } catch (ValidationException bad) {
                    throw broken("refs['" + printable(e.getKey()) + "'] is not a valid tag");
                }
            }
            plan.refs.put(e.getKey(), e.getValue());
        }
        for (VersionRecord r : plan.records) {
            for (String t : r.tags()) {
                plan.refs.putIfAbsent(Checkpoint.Tags.ref(t), r.id());
            }
        }
        if (head != null) {
            plan.refs.put("head", head);
            plan.headState = graph.stateOf(head);
        }
        return plan;
    }

    private static List<String> validTags(List<String> tags) {
        List<String> out = new ArrayList<>();
        for (String t : tags) {
            try {
                Checkpoint.Tags.validate(t);
                if (!out.contains(t)) {
                    out.add(t);
                }
            } catch (ValidationException ignored) {
                // a tag name this engine cannot hold; the version is kept without it
            }
        }
        return out;
    }

    private ContentStore contentStore(StagingAdapter staging, BlobStore blobs, List<FileState> patches) {
        ContentStore cs = new ContentStore(staging, blobs, Integer.MAX_VALUE);
        cs.index(new VersionRecord("import", null, Instant.EPOCH, "", "", null, List.of(), false, List.copyOf(patches)));
        return cs;
    }

    private static Map<String, JcfManifestCodec.StateIn> parentStates(JcfManifestCodec.VersionIn v,
                                                                     Map<String, Integer> index,
                                                                     List<Map<String, JcfManifestCodec.StateIn>> live) {
        if (v.parentId() == null || v.parentId().isEmpty()) {
            return Map.of();
        }
        return live.get(index.get(v.parentId()));
    }

    private static Map<String, JcfManifestCodec.StateIn> byInode(Map<String, JcfManifestCodec.StateIn> states) {
        Map<String, JcfManifestCodec.StateIn> out = new HashMap<>();
        for (JcfManifestCodec.StateIn s : states.values()) {
            out.putIfAbsent(s.inodeId(), s);
        }
        return out;
    }

    /** Size and type of a content, reading it (verified) when the manifest does not say or no blob exists. */
    private Info info(JcfManifestCodec.StateIn s, Set<String> blobSet, ContentStore content, Map<String, Info> cache)
            throws IOException {
        Info known = cache.get(s.hash());
        if (known != null) {
            return known;
        }
        Info info;
        boolean typed = "text".equals(s.type()) || "binary".equals(s.type());
        if (blobSet.contains(s.hash()) && typed && s.size() != null) {
            info = new Info(s.size(), FileType.fromJson(s.type()));
            long actual = content.blobs().size(s.hash());
            if (actual != s.size()) {
                throw broken("'" + printable(s.path()) + "' is said to have " + s.size() + " bytes but its content has " + actual);
            }
        } else if (blobSet.contains(s.hash()) && content.blobs().size(s.hash()) > ContentStore.MAX_DIFF_BYTES) {
            info = new Info(content.blobs().size(s.hash()), FileType.BINARY);
        } else {
            byte[] data;
            try {
                data = content.read(s.hash());
            } catch (CorruptionException e) {
                throw new CorruptionException("The archive lacks the content its manifest lists for '" + printable(s.path()) + "' ("
                        + s.hash().substring(0, 12) + "…): " + e.getMessage() + " Nothing was imported.",
                        Map.of("corruptedItem", "blob:" + s.hash(), "path", s.path()), e);
            }
            FileType type = typed ? FileType.fromJson(s.type()) : ContentStore.detectType(data, data.length);
            info = new Info(data.length, type);
        }
        cache.put(s.hash(), info);
        return info;
    }

    private static void checkId(String id, String what) {
        if (id == null || id.isEmpty() || id.length() > 200 || id.contains("/") || id.contains("\\")
                || id.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || id.equalsIgnoreCase("head")) {
            throw broken("the " + what + " '" + printable(String.valueOf(id)) + "' is not valid");
        }
    }

    // ---------------------------------------------------------------- commit helpers

    private void materializeHead(Plan plan, StagingAdapter staging, boolean all) throws IOException {
        for (FileState s : plan.headState.values()) {
            if (!all && (s.path().indexOf('\\') < 0 || staging.fileExists("content/" + s.path()))) {
                continue;
            }
            op.checkpoint();
            FileSystemAdapter.AtomicOutput out = staging.openWrite("content/" + s.path());
            try (InputStream in = plan.content.open(s.hash())) {
                in.transferTo(out);
            } catch (IOException | RuntimeException | Error e) {
                out.abort();
                throw e;
            }
            out.close();
        }
    }

    private void moveIntoPlace(StagingAdapter staging, String path) throws IOException {
        adapter.moveFile(staging.real(path), path);
    }

    private void applyManifest(Ledger next, JcfManifestCodec.Manifest m, Plan plan) {
        ObjectNode meta = m.metadata();
        String name = next.metadata().name();
        String listedName = text(meta, "name");
        if (listedName != null && !listedName.isBlank()) {
            name = listedName;
        } else if (name != null && name.startsWith(".") && name.indexOf(ImportStaging.INFIX) > 1) {
            name = name.substring(1, name.indexOf(ImportStaging.INFIX)); // built beside its folder
        }
        String created = text(meta, "created", "created_at");
        next.describeProject(name, text(meta, "description"),
                created != null ? Json.formatTime(JcfManifestCodec.time(created, "metadata.created")) : next.metadata().created(),
                text(meta, "author") != null ? text(meta, "author") : next.metadata().author(),
                text(meta, "email") != null ? text(meta, "email") : next.metadata().email());
        Set<String> known = Set.of("name", "description", "created", "created_at", "lastModified", "last_modified",
                "author", "email", "application");
        for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!known.contains(e.getKey())) {
                next.keepUnknownMetadata(e.getKey(), Json.mapper().convertValue(e.getValue(), Object.class));
            }
        }
        Object level = m.config().get("compressionLevel");
        if (level instanceof Integer i && i >= 0 && i <= 9) {
            next.setConfig("compressionLevel", i);
        }
        Object interval = m.config().get("snapshotInterval");
        if (interval instanceof Integer i && i > 0) {
            next.setConfig("snapshotInterval", i);
        }
        Object autoGc = m.config().get("autoGC");
        if (autoGc instanceof Boolean b) {
            next.setConfig("autoGC", b);
        }
        m.config().forEach(next::addConfigIfAbsent);

        List<Ledger.ImportedFile> files = new ArrayList<>(plan.headState.size());
        String headTime = plan.head == null ? null
                : Json.formatTime(plan.records.stream().filter(r -> r.id().equals(plan.head)).findFirst().orElseThrow().timestamp());
        for (FileState s : plan.headState.values()) {
            JcfManifestCodec.FileEntry listed = m.fileMap().get(s.path());
            boolean same = listed != null && s.inodeId().equals(listed.inodeId());
            files.add(new Ledger.ImportedFile(s,
                    same && listed.created() != null ? isoOr(listed.created(), headTime) : headTime,
                    same && listed.modified() != null ? isoOr(listed.modified(), headTime) : headTime));
        }
        next.takeImportedHistory(plan.refs, files);
    }

    private static String isoOr(String text, String fallback) {
        try {
            return Json.formatTime(Json.parseTime(text));
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static String text(ObjectNode n, String... names) {
        for (String name : names) {
            JsonNode v = n.get(name);
            if (v != null && v.isTextual()) {
                return v.textValue();
            }
        }
        return null;
    }

    private void undo(List<String> moved) {
        for (String p : moved) {
            try {
                adapter.deleteFile(p);
            } catch (IOException | RuntimeException ignored) {
                // an object left behind is unused space only
            }
        }
        try {
            if (store.ledger().journalLength() == 0 && adapter.fileExists(store.ledger().journalPath())) {
                adapter.writeFile(store.ledger().journalPath(), new byte[0]);
            }
            String journalCopy = JournalCodec.copyPath(store.ledger().journalPath());
            if (store.ledger().journalLength() == 0 && adapter.fileExists(journalCopy)) {
                adapter.deleteFile(journalCopy);
            }
        } catch (IOException | RuntimeException ignored) {
            // the manifest points before any uncommitted line: it is never read
        }
    }

    private void removeStaging(StagingAdapter staging) {
        try {
            for (String p : staging.listFiles("")) {
                staging.deleteFile(p);
            }
            if (SealingAdapter.unsealed(adapter) instanceof FileAdapter fa) {
                Path dir = fa.rootPath().resolve(staging.folder());
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                            Files.delete(file);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                            Files.delete(d);
                            return FileVisitResult.CONTINUE;
                        }
                    });
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // leftovers in .store/temp are removed by the next restore or GC
        }
    }

    // ---------------------------------------------------------------- errors

    private static ValidationException unsafeName(String name, String problem) {
        return new ValidationException("The archive entry '" + printable(name) + "' is refused: " + problem
                + ". Nothing was imported.", Map.of("field", "entry", "value", name, "reason", problem));
    }

    private static ValidationException tooBig(String what) {
        return tooBig(what, "limits");
    }

    private static ValidationException tooBig(String what, String limit) {
        return new ValidationException(what + ". Nothing was imported; raise the limit in ImportOptions if the archive "
                + "is trusted.", Map.of("field", "limits", "value", what, "limit", limit));
    }

    private static CorruptionException corruptEntry(String name, String why, Throwable cause) {
        return new CorruptionException("The archive entry '" + printable(name) + "' " + why + ". Nothing was imported.",
                JcfExceptionDetails.of("corruptedItem", name, "reason", why), cause);
    }

    private static CorruptionException broken(String why) {
        return JcfManifestCodec.bad(why, null);
    }

    static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.length() > 200 ? sb.substring(0, 200) + "…" : sb.toString();
    }

    /** Details maps that tolerate null values. */
    private static final class JcfExceptionDetails {
        static Map<String, Object> of(Object... kv) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i + 1 < kv.length; i += 2) {
                m.put((String) kv[i], kv[i + 1]);
            }
            return m;
        }
    }
}
