package io.kamaros.engine.container;

import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.ExportOptions;
import io.kamaros.engine.model.ExportResult;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.project.Ledger;
import io.kamaros.engine.project.ManifestDoc;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.history.Operation;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.project.VersionGraph;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.objects.CountingOutputStream;
import io.kamaros.engine.objects.ObjectCipher;
import io.kamaros.engine.objects.ReversePatch;
import io.kamaros.engine.objects.SealingAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes a project as a {@code .jcf} archive (spec §1.2), streaming entry by entry: memory stays
 * bounded by one version's file set whatever the size of the project.
 *
 * <p>Order: {@code mimetype} (first, STORED, no extra field, so "application/x-jcf" sits at byte
 * 38), {@code manifest.json} (the interchange manifest, whole history), {@code content/<path>}
 * (the exported version's files, plain: any unzip tool recovers them), then {@code .store/}:
 * blobs, chunks and reverse patches as they are stored. Compression (spec §1.2): zstd-compressed
 * objects, already-compressed media and anything whose first 4 KiB a level-1 deflate shrinks by
 * under 10 % are STORED; text and the rest are deflated at {@code compressionLevel}. Never exported: the journal (the manifest carries the history), the lock, temp files,
 * {@code manifest.json.bak}.
 *
 * <p>Content is the committed state of the exported version (HEAD by default), read from the
 * store and verified; uncommitted edits of the working copy are not part of an export.
 */
public final class JcfExporter {
    public static final String MIMETYPE = "application/x-jcf";
    /** Already-compressed formats: deflating them again only costs time. */
    private static final Set<String> COMPRESSED = Set.of("png", "jpg", "jpeg", "gif", "webp", "heic", "avif", "zip",
            "gz", "tgz", "bz2", "xz", "7z", "rar", "zst", "jar", "jcf", "mp3", "mp4", "m4a", "m4v", "aac", "ogg", "opus",
            "flac", "mov", "avi", "mkv", "webm", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "woff", "woff2");
    private static final Pattern PATCH_NAME = Pattern.compile("[A-Za-z0-9._-]+\\.patch");

    private final ProjectStore store;
    private final ExportOptions options;
    private final Operation op;

    public JcfExporter(ProjectStore store, ExportOptions options, Operation op) {
        this.store = store;
        this.options = options;
        this.op = op;
    }

    /**
     * One object to copy into {@code .store/}: a stored file, or (single-version exports) a content
     * kept only as patches, rebuilt when its entry is written so that one at a time is in memory.
     */
    private record StoreItem(String entryName, @Nullable String adapterPath, @Nullable String rebuildHash,
                             long rebuildSize, ContentStore.@Nullable Patch patch) {
        StoreItem(String entryName, @Nullable String adapterPath, @Nullable String rebuildHash, long rebuildSize) {
            this(entryName, adapterPath, rebuildHash, rebuildSize, null);
        }

        /** The stored file copied as it is: set on every item that is not rebuilt. */
        String copyPath() {
            return Objects.requireNonNull(adapterPath, "an item not rebuilt names its stored file");
        }
    }

    /**
     * Writes the archive to {@code out} (not closed).
     *
     * @param versionId the single version to export (resolved id), or null for the whole history
     *                  (or HEAD alone when {@code includeHistory} is false)
     * @param file      reported in the result (null for a stream)
     */
    public ExportResult export(OutputStream out, @Nullable String versionId, @Nullable Path file) throws IOException {
        VersionGraph graph = store.graph();
        boolean single = versionId != null || !options.includeHistory();
        String exported = versionId != null ? versionId : store.headId();
        List<VersionRecord> records = single
                ? (exported == null ? List.of() : List.of(graph.get(exported)))
                : graph.all();
        Map<String, FileState> files = graph.stateOf(exported);
        // Encrypted project: objects are copied as stored (still sealed, so readable only with the
        // password), and content/ is left out unless plaintext was asked for explicitly.
        FileSystemAdapter adapter = SealingAdapter.unsealed(store.adapter());
        ObjectCipher cipher = SealingAdapter.cipherOf(store.adapter());
        boolean writeContent = cipher == null || options.plaintextContent();
        BlobStore blobs = store.content().blobs();

        List<StoreItem> items = new ArrayList<>();
        for (String d : blobs.listDictionaries()) { // few and small; blobs of either kind of export may need them
            // From an intact one of its two copies (an encrypted copy is sealed under its own name: the dictionary's).
            items.add(new StoreItem(BlobStore.DICTS_DIR + "/" + d, cipher == null ? blobs.dictionaryPath(d)
                    : BlobStore.DICTS_DIR + "/" + d, null, 0));
        }
        if (!single) {
            // What the versions need (objects nothing uses are left out): every blob of a content some
            // version has, the chunks of its recipe, every patch a version names.
            Set<String> contents = new HashSet<>();
            Map<String, ContentStore.Patch> patches = new LinkedHashMap<>();
            for (VersionRecord r : records) {
                for (FileState c : r.changes()) {
                    if (c.changeType() != ChangeType.DELETED && c.hash() != null) {
                        contents.add(c.hash());
                    }
                    if (c.contentRef() != null && c.contentRef().startsWith(ContentStore.DELTAS) && c.previousHash() != null
                            && c.hash() != null && PATCH_NAME.matcher(c.contentRef().substring(ContentStore.DELTAS.length())).matches()) {
                        patches.putIfAbsent(c.contentRef(), new ContentStore.Patch(c.hash(), c.previousHash(), c.contentRef()));
                    }
                }
            }
            Set<String> chunks = new LinkedHashSet<>();
            for (String h : blobs.listBlobs()) {
                if (contents.contains(h)) {
                    items.add(new StoreItem(BlobStore.BLOBS_DIR + "/" + h, BlobStore.BLOBS_DIR + "/" + h, null, 0));
                    chunks.addAll(blobs.chunkHashes(h));
                }
            }
            for (String h : chunks) {
                items.add(new StoreItem(BlobStore.CHUNKS_DIR + "/" + h, BlobStore.CHUNKS_DIR + "/" + h, null, 0));
            }
            for (ContentStore.Patch p : patches.values()) {
                if (adapter.fileExists(p.path())) {
                    items.add(new StoreItem(p.path(), p.path(), null, 0, p));
                }
            }
        } else {
            Map<String, Long> hashes = new LinkedHashMap<>();
            files.values().forEach(s -> hashes.put(s.hash(), s.size()));
            Set<String> chunks = new LinkedHashSet<>();
            for (Map.Entry<String, Long> h : hashes.entrySet()) {
                String path = BlobStore.BLOBS_DIR + "/" + h.getKey();
                if (blobs.contains(h.getKey())) {
                    items.add(new StoreItem(path, path, null, 0));
                    chunks.addAll(blobs.chunkHashes(h.getKey()));
                } else {
                    items.add(new StoreItem(path, null, h.getKey(), h.getValue()));
                }
            }
            for (String c : chunks) {
                items.add(new StoreItem(BlobStore.CHUNKS_DIR + "/" + c, BlobStore.CHUNKS_DIR + "/" + c, null, 0));
            }
        }

        long estimated = 0;
        for (FileState s : files.values()) {
            estimated += writeContent ? s.size() : 0;
        }
        for (StoreItem it : items) {
            estimated += it.rebuildHash != null ? it.rebuildSize : adapter.stat(it.copyPath()).map(st -> st.size()).orElse(0L);
        }
        op.emit(new JcfEvent.ExportStarted(op.id(), Instant.now(), estimated));

        CountingOutputStream counter = new CountingOutputStream(out);
        int entries = 0;
        long done = 0;
        int total = 2 + (writeContent ? files.size() : 0) + items.size();
        ZipOutputStream zip = new ZipOutputStream(counter, StandardCharsets.UTF_8);
        zip.setLevel(options.compressionLevel());

        // mimetype: first, STORED, sizes and CRC in the local header, no extra field.
        byte[] mime = MIMETYPE.getBytes(StandardCharsets.US_ASCII);
        ZipEntry me = storedEntry("mimetype", mime.length, crcOf(mime));
        zip.putNextEntry(me);
        zip.write(mime);
        zip.closeEntry();
        entries++;

        op.checkpoint();
        op.progress("manifest", 1, entries, total, 0, estimated, "manifest.json");
        zip.putNextEntry(deflatedEntry("manifest.json"));
        writeManifest(zip, records, single, exported, files);
        zip.closeEntry();
        entries++;

        for (FileState s : writeContent ? files.values() : List.<FileState>of()) {
            op.checkpoint();
            if (s.path().indexOf('\\') >= 0) {
                // ZIP entry names cannot hold a backslash (spec §1.2; unzip tools take it for a folder
                // separator). The file's content is in the archive's history objects under its exact
                // name in the manifest, and Kamaros's import rebuilds it from there.
                op.emit(new JcfEvent.Warning(op.id(), Instant.now(), "'" + s.path() + "' has a backslash in its name, "
                        + "which a ZIP entry cannot hold: it is in the archive's history (and restored by Kamaros's import) "
                        + "but not under content/, so a plain unzip does not show it."));
                total--;
                continue;
            }
            String name = "content/" + s.path();
            if (storedByExtension(s.path()) || options.compressionLevel() == 0
                    || (s.type() != FileType.TEXT && !worthDeflating(store.content().open(s.hash())))) {
                long[] crcAndSize = crcOfStream(store.content().open(s.hash()));
                zip.putNextEntry(storedEntry(name, crcAndSize[1], crcAndSize[0]));
            } else {
                zip.putNextEntry(deflatedEntry(name));
            }
            try (InputStream in = store.content().open(s.hash())) {
                in.transferTo(zip);
            }
            zip.closeEntry();
            entries++;
            done += s.size();
            op.progress("content", 2 + 60.0 * done / Math.max(1, estimated), entries, total, done, estimated, s.path());
        }

        for (StoreItem it : items) {
            op.checkpoint();
            if (it.rebuildHash != null) {
                // Only in patches (older text, at most 8 MiB): a whole raw blob, the peer's format.
                byte[] body = rawBlobBody(store.content().read(it.rebuildHash));
                if (cipher != null) {
                    body = cipher.seal(body, Objects.requireNonNull(ObjectCipher.objectId(it.entryName),
                            "store entries are named .store/<kind>/<name>"));
                }
                zip.putNextEntry(deflatedEntry(it.entryName));
                zip.write(body);
                done += body.length;
            } else {
                verifyBeforeCopy(it);
                String path = it.copyPath();
                byte[] head;
                try (InputStream in = adapter.openRead(path)) {
                    head = in.readNBytes(4);
                }
                boolean compressed = head.length == 4 && head[0] == 'K' && head[1] == 'B' && head[2] == 1
                        && (head[3] == 'Z' || head[3] == 'C' || head[3] == 'D');
                if (compressed || options.compressionLevel() == 0 || !worthDeflating(adapter.openRead(path))) {
                    long[] crcAndSize = crcOfStream(adapter.openRead(path));
                    zip.putNextEntry(storedEntry(it.entryName, crcAndSize[1], crcAndSize[0]));
                } else {
                    zip.putNextEntry(deflatedEntry(it.entryName));
                }
                try (InputStream in = adapter.openRead(path)) {
                    done += in.transferTo(zip);
                }
            }
            zip.closeEntry();
            entries++;
            op.progress("store", 2 + 97.0 * done / Math.max(1, estimated), entries, total, done, estimated, it.entryName);
        }
        zip.finish();
        zip.flush();
        op.progress("finalizing", 100, entries, total, done, estimated, null);
        return new ExportResult(file, counter.count(), entries, records.size());
    }

    /**
     * Every object is checked before its bytes go into the archive, so a damaged store gives a
     * {@link CorruptionException} (and, for a file, no archive) rather than a {@code .jcf} that
     * carries the damage on: a blob is read whole and hash-checked (a recipe's chunks with it, so
     * chunks, which come after the blobs, are checked by then); a patch is applied to its newer
     * content and must give exactly the older one.
     */
    private void verifyBeforeCopy(StoreItem it) throws IOException {
        String name = it.entryName();
        try {
            if (name.startsWith(BlobStore.BLOBS_DIR + "/")) {
                String hash = name.substring(BlobStore.BLOBS_DIR.length() + 1);
                try (InputStream in = store.content().blobs().openStream(hash)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                verifiedChunks.addAll(store.content().blobs().chunkHashes(hash));
            } else if (name.startsWith(BlobStore.DICTS_DIR + "/")) {
                store.content().blobs().checkDictionary(name.substring(BlobStore.DICTS_DIR.length() + 1));
            } else if (name.startsWith(BlobStore.CHUNKS_DIR + "/")) {
                if (!verifiedChunks.contains(name.substring(BlobStore.CHUNKS_DIR.length() + 1))) {
                    throw new CorruptionException("The chunk " + name + " was not checked with the blob that lists it.",
                            Map.of("corruptedItem", name));
                }
            } else if (it.patch() != null) {
                ContentStore.Patch p = it.patch();
                byte[] base = patchBase(p.base());
                byte[] older = ReversePatch.apply(base, store.adapter().readFile(p.path()));
                String actual = BlobStore.sha256Hex(older);
                if (!actual.equals(p.target())) {
                    throw new CorruptionException("The patch " + p.path() + " gives the wrong content (SHA-256 "
                            + actual.substring(0, 12) + "…, expected " + p.target().substring(0, 12) + "…).",
                            Map.of("corruptedItem", p.path(), "expected", p.target(), "actual", actual));
                }
            }
        } catch (CorruptionException e) {
            throw new CorruptionException("Export stopped: " + name + " is damaged (" + e.getMessage() + "). No archive "
                    + "was written; run verifyIntegrity with repair, then export again.",
                    Map.of("corruptedItem", name), e);
        } catch (NoSuchFileException e) {
            throw new CorruptionException("Export stopped: " + name + " is missing. No archive was written; run "
                    + "verifyIntegrity with repair, then export again.", Map.of("corruptedItem", name), e);
        }
    }

    private final Set<String> verifiedChunks = new HashSet<>();
    /** Recently read patch bases (newer contents), at most about 32 MiB. */
    private final Map<String, byte[]> bases = new LinkedHashMap<>(16, 0.75f, true) {
        private long bytes;

        @Override
        public byte[] put(String key, byte[] value) {
            bytes += value.length;
            return super.put(key, value);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            if (bytes > (32 << 20)) {
                bytes -= eldest.getValue().length;
                return true;
            }
            return false;
        }
    };

    private byte[] patchBase(String hash) throws IOException {
        byte[] b = bases.get(hash);
        if (b == null) {
            b = store.content().read(hash); // verified (through patches when it has no blob)
            bases.put(hash, b);
        }
        return b;
    }

    private void writeManifest(OutputStream out, List<VersionRecord> records, boolean single, @Nullable String exported,
                               Map<String, FileState> files) throws IOException {
        Ledger doc = store.ledger();
        Map<String, List<String>> tagsByVersion = new LinkedHashMap<>();
        Map<String, String> refs = new TreeMap<>();
        doc.refs().forEach((k, v) -> {
            if (k.startsWith("tags/")) {
                tagsByVersion.computeIfAbsent(v, x -> new ArrayList<>()).add(k.substring(5));
            }
            if (!single || v.equals(exported)) {
                refs.put(k, v);
            }
        });
        refs.put("head", exported == null ? "" : exported);

        List<JcfManifestCodec.FileMapOut> fileMap = new ArrayList<>();
        String when = exported == null ? Json.formatTime(Instant.now())
                : Json.formatTime(Objects.requireNonNull(store.graph().get(exported), "HEAD is in the graph").timestamp());
        for (FileState s : files.values()) {
            ManifestDoc.FileEntry e = doc.file(s.path());
            String created = when;
            String modified = when;
            if (e != null && s.inodeId().equals(e.inodeId())) { // the same file: its own times
                created = Objects.requireNonNullElse(e.created(), when);
                modified = Objects.requireNonNullElse(e.modified(), when);
            }
            fileMap.add(new JcfManifestCodec.FileMapOut(s.path(), s.inodeId(), s.type().jsonName(), s.hash(), s.size(),
                    created, modified));
        }

        List<JcfManifestCodec.RenameOut> renames = new ArrayList<>();
        if (!single) {
            for (VersionRecord r : records) {
                for (FileState c : r.changes()) {
                    if (c.changeType() == ChangeType.RENAMED && c.previousPath() != null) {
                        renames.add(new JcfManifestCodec.RenameOut(c.inodeId(), c.previousPath(), c.path(), r.id(),
                                r.timestamp()));
                    }
                }
            }
        }

        VersionGraph graph = store.graph();
        Iterable<JcfManifestCodec.VersionOut> versions = () -> new Iterator<>() {
            private final Iterator<VersionRecord> it = records.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public JcfManifestCodec.VersionOut next() {
                op.checkpoint();
                VersionRecord r = it.next();
                List<String> tags = new ArrayList<>(r.tags());
                for (String t : tagsByVersion.getOrDefault(r.id(), List.of())) {
                    if (!tags.contains(t)) {
                        tags.add(t);
                    }
                }
                Collection<FileState> states;
                if (single) {
                    List<FileState> all = new ArrayList<>();
                    for (FileState s : graph.stateOf(r.id()).values()) {
                        all.add(new FileState(s.inodeId(), s.path(), s.hash(), s.size(), s.type(),
                                BlobStore.BLOBS_DIR + "/" + s.hash(), ChangeType.ADDED, null, null));
                    }
                    states = all;
                    return new JcfManifestCodec.VersionOut(r, null, tags, states, graph.emptyFoldersOf(r.id()));
                }
                Map<String, FileState> full = new TreeMap<>(graph.publicStateOf(r.id()));
                List<FileState> out = new ArrayList<>(full.values());
                for (FileState c : r.changes()) {
                    if (c.changeType() == ChangeType.DELETED && !full.containsKey(c.path())) {
                        out.add(c);
                    }
                }
                return new JcfManifestCodec.VersionOut(r, r.parentId(), tags, out, graph.emptyFoldersOf(r.id()));
            }
        };
        JcfManifestCodec.write(out, doc.metadata(), doc.config(), fileMap, versions, refs, renames);
    }

    /** Raw bytes (the peer's blob format), unless they could be mistaken for our header. */
    private static byte[] rawBlobBody(byte[] data) {
        if (data.length >= 3 && data[0] == 'K' && data[1] == 'B' && data[2] == 1) {
            byte[] body = new byte[data.length + 4];
            body[0] = 'K';
            body[1] = 'B';
            body[2] = 1;
            body[3] = 'R';
            System.arraycopy(data, 0, body, 4, data.length);
            return body;
        }
        return data;
    }

    /** Spec §1.2: deflate unless a level-1 deflate of the first 4 KiB saves under 10 %. */
    private static boolean worthDeflating(InputStream stream) throws IOException {
        byte[] head;
        try (InputStream in = stream) {
            head = in.readNBytes(4096);
        }
        if (head.length == 0) {
            return false;
        }
        Deflater deflater = new Deflater(1, true);
        try {
            deflater.setInput(head);
            deflater.finish();
            byte[] out = new byte[head.length + 64];
            int n = 0;
            while (!deflater.finished() && n < out.length) {
                n += deflater.deflate(out, n, out.length - n);
            }
            return (long) n * 10 <= (long) head.length * 9;
        } finally {
            deflater.end();
        }
    }

    private static boolean storedByExtension(String path) {
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') && COMPRESSED.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static ZipEntry storedEntry(String name, long size, long crc) {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        e.setTime(System.currentTimeMillis());
        return e;
    }

    private static ZipEntry deflatedEntry(String name) {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.DEFLATED);
        e.setTime(System.currentTimeMillis());
        return e;
    }

    private static long crcOf(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    /** CRC-32 and length of a stream, read once (STORED entries need both before their bytes). */
    private long[] crcOfStream(InputStream stream) throws IOException {
        CRC32 crc = new CRC32();
        long size = 0;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = stream) {
            int n;
            while ((n = in.read(buf)) > 0) {
                crc.update(buf, 0, n);
                size += n;
            }
        }
        return new long[] {crc.getValue(), size};
    }

    /** A writer of the archive into a stream. */
    @FunctionalInterface
    public interface Writer {
        ExportResult write(OutputStream out) throws IOException;
    }

    /** What marks the temp file of an export: {@code .<target name>.kamaros-export-<pid>-<uuid>}. */
    public static final String TEMP_INFIX = ".kamaros-export-";
    private static final Pattern TEMP_NAME = Pattern.compile("\\..+" + Pattern.quote(TEMP_INFIX)
            + "([0-9]{1,19})-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Told the temp file's name before it is created and again once it is gone (renamed or removed). */
    public interface TempWatch {
        void creating(Path temp) throws IOException;

        void gone(Path temp);
    }

    /** True when {@code file}'s name is that of an export's temp file (and only then may it be removed). */
    public static boolean isExportTemp(Path file) {
        return file.getFileName() != null && TEMP_NAME.matcher(file.getFileName().toString()).matches();
    }

    /**
     * Removes the temp files that exports to {@code target} killed before they finished left beside
     * it: only names of the export pattern, only regular files, only when the process named in them
     * is no longer running (a user's file never matches; a running export is left alone).
     */
    public static List<Path> removeStaleTemps(Path target) {
        List<Path> removed = new ArrayList<>();
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        String prefix = "." + abs.getFileName() + TEMP_INFIX;
        if (dir == null || !Files.isDirectory(dir)) {
            return removed;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                Matcher m = TEMP_NAME.matcher(f.getFileName().toString());
                if (!m.matches() || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // an export still running in another process
                }
                if (pid == ProcessHandle.current().pid() && ACTIVE.contains(f)) {
                    continue; // one of ours, still being written
                }
                if (Files.deleteIfExists(f)) {
                    removed.add(f);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover is only space, and the next export tries again
        }
        return removed;
    }

    /** Temp files this process is writing now. */
    private static final Set<Path> ACTIVE = ConcurrentHashMap.newKeySet();

    public static ExportResult toFile(Path target, Writer writer) throws IOException {
        return toFile(target, writer, null);
    }

    /**
     * Writes {@code target} through a temp file beside it (fsynced, then renamed over the target),
     * so the real name only ever holds a complete archive. The temp file is removed on failure; one
     * left by a killed export (to this target) is removed first ({@link #removeStaleTemps}).
     */
    public static ExportResult toFile(Path target, Writer writer, @Nullable TempWatch watch) throws IOException {
        Path abs = target.toAbsolutePath();
        // An absolute path to a file always has a parent folder.
        Path dir = Objects.requireNonNull(abs.getParent(), "parent of " + abs);
        Files.createDirectories(dir);
        removeStaleTemps(abs);
        Path temp = dir.resolve("." + abs.getFileName() + TEMP_INFIX + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
        if (watch != null) {
            watch.creating(temp);
        }
        ACTIVE.add(temp);
        try {
            ExportResult result;
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream os = new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024)) {
                result = writer.write(os);
                os.flush();
                ch.force(true);
            }
            try {
                Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // not every OS lets a folder be synced; the rename itself is atomic
            }
            return new ExportResult(abs, result.bytesWritten(), result.entries(), result.versions());
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            ACTIVE.remove(temp);
            if (watch != null && !Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
                watch.gone(temp);
            }
        }
    }
}
