package io.kamaros.engine.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.ImportResult;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.format.JournalCodec;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.project.Ledger;
import io.kamaros.engine.model.PathRules;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.project.HistoryGuard;
import io.kamaros.engine.history.Operation;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.objects.ProjectKey;
import io.kamaros.engine.objects.SealingAdapter;
import io.kamaros.engine.objects.pack.PackingAdapter;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.FolderTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

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
 *   <li>Commit: objects are copied into packs (larger ones and working-copy files are moved to their
 *       names; a killed import's recovery deletes the packs too), the journal is written
 *       (each version's complete file set turned into changes against its parent, matched by
 *       inode), and the manifest is committed last. Any failure removes what was moved and the
 *       staging folder; the project stays empty.</li>
 * </ol>
 * {@link ArchiveReader} does steps 1 and 2 (and reads the manifest) within the limits,
 * {@link ImportValidator} step 3; this class runs them, stages, commits and recovers.
 */
public final class JcfImporter {
    /**
     * Objects up to this size are copied into packs at the commit (read whole: our chunks and small
     * blobs); bigger ones (whole blobs of the original implementation's archives) are moved into place
     * as files of their own, so memory stays bounded; GC packs those up to the pack size later.
     */
    private static final long PACKED_AT_MOST = 4L << 20;

    private final ProjectStore store;
    private final ImportOptions options;
    private final Operation op;
    private final FileSystemAdapter adapter;

    public JcfImporter(ProjectStore store, ImportOptions options, Operation op) {
        this.store = store;
        this.options = options;
        this.op = op;
        this.adapter = store.adapter();
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
            byte[] buf = new byte[ArchiveReader.IO_BLOCK];
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
                        nextCheck = n + ArchiveReader.DISK_CHECK_EVERY;
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
        if (PackingAdapter.unpacked(SealingAdapter.unsealed(adapter)) instanceof FileAdapter fa) {
            Path dir = fa.rootPath().resolve(".store").resolve("temp");
            Files.createDirectories(dir);
            return Files.createTempFile(dir, "import-", ".jcf");
        }
        return Files.createTempFile("kamaros-import-", ".jcf");
    }

    // ---------------------------------------------------------------- the import

    /** Damage found while importing is the archive's (the project stays as it was): marked so in the error. */
    private ImportResult importArchive(Path file) throws IOException {
        try {
            return readArchive(file);
        } catch (CorruptionException e) {
            throw e.inArchive();
        }
    }

    private ImportResult readArchive(Path file) throws IOException {
        op.progress("checking", 1, 0, 0, 0, 0, null);
        ArchiveReader archive = new ArchiveReader(adapter, options, op);
        archive.setBudget(Files.size(file));
        List<ZipDirectory.Entry> directory = ZipDirectory.read(file, options.maxEntries());
        archive.checkDirectory(directory);

        String stagingFolder = BlobStore.TEMP_DIR + "/import-" + op.id();
        // Encryption: the objects of an encrypted archive are staged as they are (sealed) and read
        // through the archive's key, which the project then adopts; a plain archive's objects are
        // staged through this project's adapter, so they are sealed when the project is encrypted.
        JcfManifestCodec.Manifest manifest = archive.readManifest(file);
        ProjectKey archiveKey = archiveKey(manifest);
        FileSystemAdapter raw = SealingAdapter.unsealed(adapter);
        StagingAdapter staging = new StagingAdapter(archiveKey == null ? adapter
                : new SealingAdapter(raw, archiveKey.cipher()), stagingFolder);
        StagingAdapter objectStaging = archiveKey == null ? staging : new StagingAdapter(raw, stagingFolder);
        List<String> moved = new ArrayList<>();
        boolean committed = false;
        FileAdapter disk = PackingAdapter.unpacked(raw) instanceof FileAdapter fa ? fa : null;
        if (disk != null) {
            disk.deferSync(stagingFolder); // staged files are made durable together, before the commit
        }
        try {
            int contentEntries = 0;
            try (ZipFile zip = ArchiveReader.open(file)) {
                int done = 0;
                Enumeration<? extends ZipEntry> en = zip.entries();
                while (en.hasMoreElements()) {
                    ZipEntry ze = en.nextElement();
                    op.checkpoint();
                    String name = ze.getName();
                    String problem = ArchiveReader.nameProblem(name);
                    if (problem != null) {
                        throw unsafeName(name, problem);
                    }
                    done++;
                    op.progress("reading", 2 + 48.0 * done / directory.size(), done, directory.size(), archive.inflated(), 0, name);
                    if (ze.isDirectory()) {
                        continue;
                    }
                    if (name.equals("mimetype")) {
                        byte[] mime = archive.readAll(zip, ze, 256);
                        if (!new String(mime, StandardCharsets.UTF_8).strip().equals(JcfExporter.MIMETYPE)) {
                            throw ZipDirectory.notAnArchive("its mimetype is not " + JcfExporter.MIMETYPE);
                        }
                    } else if (name.equals(ArchiveReader.MANIFEST) || name.equals(ArchiveReader.LEGACY_MANIFEST)) {
                        continue; // read (and counted) before staging
                    } else if (name.startsWith("content/")) {
                        archive.stage(zip, ze, staging, name);
                        contentEntries++;
                    } else if (isStoreObject(name)) {
                        archive.stage(zip, ze, objectStaging, name);
                    } else {
                        op.emit(new JcfEvent.Warning(op.id(), Instant.now(), "Skipped the archive entry '" + name
                                + "' (not part of the JCF layout this version reads)."));
                    }
                }
            }
            op.checkpoint();
            op.progress("validating", 50, 0, 0, archive.inflated(), 0, null);
            ImportValidator.Plan plan;
            try {
                plan = new ImportValidator(options, op).validate(manifest, staging);
            } catch (OutOfMemoryError e) {
                // a safety net behind the estimate of readManifest: all that was allocated is garbage now
                manifest = null;
                throw ArchiveReader.notEnoughMemory(-1);
            }

            if (plan.head != null) {
                // Without content/ entries the working copy is rebuilt from the history; names with a
                // backslash never have one (a ZIP entry cannot hold it), so they are rebuilt too.
                materializeHead(plan, staging, contentEntries == 0);
            }
            stageCopies(plan, staging);
            op.checkpoint();

            // ---- commit: objects and files first, the journal, then the manifest (the commit point)
            op.progress("writing", 85, 0, 0, archive.inflated(), 0, null);
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
            PackingAdapter packing = store.packing();
            FileSystemAdapter stagedBytes = PackingAdapter.unpacked(raw); // staged objects as their loose files hold them
            for (String p : stagedFiles) {
                op.checkpoint();
                long size = stagedBytes.stat(staging.real(p)).map(s -> s.size()).orElse(Long.MAX_VALUE);
                // Objects go into packs, one fsync per pack at the commit's sync, as a checkpoint writes
                // them (one object in memory at a time); the rest (and objects bigger than a pack) is moved.
                if (size > PACKED_AT_MOST || !packing.packEncoded(p, size, () -> stagedBytes.readFile(staging.real(p)))) {
                    moveIntoPlace(staging, p);
                }
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
            ImportResult result = new ImportResult(Objects.requireNonNullElse(next.metadata().name(), ""), plan.records.size(),
                    (int) filesWritten, totalSize);
            op.progress("finalizing", 100, filesWritten, filesWritten, archive.inflated(), archive.inflated(), null);
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
    private @Nullable ProjectKey archiveKey(JcfManifestCodec.Manifest manifest) throws IOException {
        Object recorded = manifest.config().get(ProjectKey.CONFIG_KEY);
        if (recorded == null) {
            return null;
        }
        return ProjectKey.open(recorded, options.password());
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
        public @Nullable String staging;
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
    public static @Nullable String recoverInterrupted(ProjectStore store) throws IOException {
        FileSystemAdapter adapter = store.adapter();
        List<String> undone = new ArrayList<>();
        @Nullable String result = null;
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
            // The packs the import wrote (a project without versions needs none), then its loose files.
            store.packing().deleteAllPacks();
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
        if (PackingAdapter.unpacked(adapter) instanceof FileAdapter fa) {
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
                            FolderTrees.deleteQuietly(d); // best effort: the next open tries again
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

    private static boolean isStoreObject(String name) {
        for (String dir : List.of(BlobStore.BLOBS_DIR + "/", BlobStore.CHUNKS_DIR + "/", BlobStore.DICTS_DIR + "/")) {
            if (name.startsWith(dir) && ImportValidator.HASH.matcher(name.substring(dir.length())).matches()) {
                return true;
            }
        }
        return name.startsWith(ContentStore.DELTAS) && ImportValidator.PATCH_NAME.matcher(name.substring(ContentStore.DELTAS.length())).matches();
    }

    // ---------------------------------------------------------------- commit helpers

    private void materializeHead(ImportValidator.Plan plan, StagingAdapter staging, boolean all) throws IOException {
        ContentStore content = Objects.requireNonNull(plan.content, "validation sets it");
        for (FileState s : plan.headState.values()) {
            if (!all && (s.path().indexOf('\\') < 0 || staging.fileExists("content/" + s.path()))) {
                continue;
            }
            op.checkpoint();
            FileSystemAdapter.AtomicOutput out = staging.openWrite("content/" + s.path());
            try (InputStream in = content.open(s.hash())) {
                in.transferTo(out);
            } catch (IOException | RuntimeException | Error e) {
                out.abort();
                throw e;
            }
            out.close();
        }
    }

    /**
     * The second copies an archive does not carry (dictionaries, reverse patches), written into the
     * staging area from the verified objects beside them: they are moved into place with the rest,
     * before the commit point, so a failed or killed import undoes them like everything else and a
     * committed one has them all.
     */
    private void stageCopies(ImportValidator.Plan plan, StagingAdapter staging) throws IOException {
        BlobStore blobs = Objects.requireNonNull(plan.content, "validation sets it").blobs();
        for (String d : blobs.listDictionaries()) {
            op.checkpoint();
            try {
                blobs.healDictionary(d);
            } catch (CorruptionException | NoSuchFileException e) {
                // damaged in the archive, so there is no intact copy to take: verify reports it
            }
        }
        for (VersionRecord r : plan.records) {
            op.checkpoint();
            for (FileState s : r.changes()) {
                String ref = s.contentRef();
                if (ref != null && ref.startsWith(ContentStore.DELTAS) && !staging.fileExists(ContentStore.copyOf(ref))
                        && staging.fileExists(ref)) {
                    staging.writeFile(ContentStore.copyOf(ref), staging.readFile(ref));
                }
            }
        }
    }

    private void moveIntoPlace(StagingAdapter staging, String path) throws IOException {
        adapter.moveFile(staging.real(path), path);
    }

    private void applyManifest(Ledger next, JcfManifestCodec.Manifest m, ImportValidator.Plan plan) {
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
                    same && listed != null && listed.created() != null ? isoOr(listed.created(), headTime) : headTime,
                    same && listed != null && listed.modified() != null ? isoOr(listed.modified(), headTime) : headTime));
        }
        next.takeImportedHistory(plan.refs, files);
    }

    private static @Nullable String isoOr(String text, @Nullable String fallback) {
        try {
            Instant t = Json.parseTime(text);
            return t == null ? fallback : Json.formatTime(t);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static @Nullable String text(ObjectNode n, String... names) {
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
            if (PackingAdapter.unpacked(SealingAdapter.unsealed(adapter)) instanceof FileAdapter fa) {
                Path dir = fa.rootPath().resolve(staging.folder());
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    FolderTrees.deleteQuietly(dir);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // leftovers in .store/temp are removed by the next restore or GC
        }
    }

    // ---------------------------------------------------------------- errors

    static ValidationException unsafeName(String name, String problem) {
        return new ValidationException("The archive entry '" + printable(name) + "' is refused: " + problem
                + ". Nothing was imported.", Map.of("field", "entry", "value", name, "reason", problem));
    }

    static ValidationException tooBig(String what) {
        return tooBig(what, "limits");
    }

    static ValidationException tooBig(String what, String limit) {
        return new ValidationException(what + ". Nothing was imported; raise the limit in ImportOptions if the archive "
                + "is trusted.", Map.of("field", "limits", "value", what, "limit", limit));
    }

    static CorruptionException corruptEntry(String name, String why, @Nullable Throwable cause) {
        return new CorruptionException("The archive entry '" + printable(name) + "' " + why + ". Nothing was imported.",
                JcfExceptionDetails.of("corruptedItem", name, "reason", why), cause);
    }

    static String printable(@Nullable String s) {
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
