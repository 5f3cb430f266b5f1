package io.kamaros.engine.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kamaros.engine.CorruptionException;
import io.kamaros.engine.JcfConfig;
import io.kamaros.engine.ValidationException;
import io.kamaros.engine.format.JournalCodec;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.format.ManifestDoc;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.objects.ProjectKey;
import io.kamaros.engine.objects.SealingAdapter;
import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The persistent state of one project: the manifest, the version journal and the content store,
 * loaded together and committed together. The commit point of every write is the atomic
 * replacement of {@code manifest.json} (objects and journal lines are written before it; the
 * previous manifest is kept as {@code manifest.json.bak}).
 */
public final class ProjectStore {
    public static final String MANIFEST = "manifest.json";
    public static final String MANIFEST_BACKUP = "manifest.json.bak";
    /** Where the original implementation kept its manifest (an export to import, not a project). */
    public static final String LEGACY_MANIFEST = ".store/manifest.json";

    /** The storage as given. */
    private final FileSystemAdapter raw;
    /** {@link #raw}, or for an encrypted project a {@link SealingAdapter} over it: what everything else uses. */
    private FileSystemAdapter adapter;
    /** The data key of an encrypted project, null for a plain one. */
    private ProjectKey key;
    /** The password to open with, until the first load consumes (and wipes) it. */
    private char[] password;
    private final JcfConfig config;
    private ManifestDoc manifest;
    private VersionGraph graph;
    private ContentStore content;
    private Optional<FileStat> loadedStat = Optional.empty();
    /** The bytes of the committed manifest, kept to write the backup without serializing again. */
    private byte[] manifestBytes;

    private ProjectStore(FileSystemAdapter adapter, JcfConfig config) {
        this.raw = adapter;
        this.adapter = adapter;
        this.config = config;
    }

    /** Opens the project the adapter holds, creating an empty one when there is none. */
    public static ProjectStore open(FileSystemAdapter adapter, JcfConfig config, String defaultName) throws IOException {
        return open(adapter, config, defaultName, null);
    }

    /**
     * Opens the project the adapter holds, creating an empty one when there is none: encrypted when
     * {@code password} is given. An encrypted project needs its password, which is checked right
     * after {@code manifest.json} is read, before anything else is read or written. The password
     * array is wiped once the key is derived.
     *
     * @throws io.kamaros.engine.PasswordException no or a wrong password for an encrypted project
     * @throws ValidationException a password for a project that is not encrypted
     */
    public static ProjectStore open(FileSystemAdapter adapter, JcfConfig config, String defaultName, char[] password)
            throws IOException {
        ProjectStore store = new ProjectStore(adapter, config);
        if (!adapter.fileExists(MANIFEST) && !adapter.fileExists(MANIFEST_BACKUP)) {
            if (adapter.fileExists(LEGACY_MANIFEST)) {
                throw new ValidationException("This folder holds a project in the original Kamaros export layout "
                        + "(.store/manifest.json). Import it with importData to convert it.",
                        Map.of("field", "adapter", "value", adapter.describe()));
            }
            store.createNew(defaultName, password == null ? null : ProjectKey.create(password));
        } else {
            store.password = password;
        }
        try {
            store.load();
        } finally {
            if (store.password != null) {
                java.util.Arrays.fill(store.password, '\0');
                store.password = null;
            }
        }
        return store;
    }

    private void createNew(String name, ProjectKey newKey) throws IOException {
        ManifestDoc m = new ManifestDoc();
        String now = Json.formatTime(Instant.now());
        m.metadata.name = name;
        m.metadata.created = now;
        m.metadata.lastModified = now;
        m.metadata.author = config.author();
        m.metadata.email = config.email();
        m.metadata.application = "Kamaros";
        m.config.put("compressionLevel", config.compressionLevel());
        m.config.put("autoGC", config.autoGc());
        m.config.put("snapshotInterval", config.snapshotInterval());
        if (newKey != null) {
            m.config.put(ProjectKey.CONFIG_KEY, newKey.record());
            this.key = newKey;
        }
        if (!adapter.fileExists(JournalCodec.JOURNAL_PATH)) {
            adapter.writeFile(JournalCodec.JOURNAL_PATH, new byte[0]);
        }
        adapter.writeFile(MANIFEST, toBytes(m));
    }

    /** (Re)reads everything from storage. */
    public void load() throws IOException {
        Loaded loaded = readManifest();
        ManifestDoc m = loaded.doc();
        unlock(m); // before anything but the manifest is read
        byte[] journal = m.journal.length == 0 ? new byte[0] : adapter.readFile(m.journal.path);
        List<VersionRecord> records = JournalCodec.decode(journal, m.journal.length);
        int interval = snapshotIntervalOf(m);
        BlobStore blobs = new BlobStore(adapter, config.compressionLevel(), adapter.compressionEnabled());
        ContentStore cs = new ContentStore(adapter, blobs, interval);
        cs.index(records);
        this.manifest = m;
        this.manifestBytes = loaded.bytes(); // kept for the next backup, as read (no second serialization)
        this.graph = new VersionGraph(records);
        this.content = cs;
        this.loadedStat = adapter.stat(MANIFEST);
    }

    /** Chooses the plain or the sealing view of the storage for this manifest. */
    private void unlock(ManifestDoc m) {
        Object recorded = m.config.get(ProjectKey.CONFIG_KEY);
        if (recorded == null) {
            if (password != null) {
                throw new ValidationException("This project is not encrypted: open it without a password. (To encrypt "
                        + "it, export it and import the archive into a new project opened with a password.)",
                        Map.of("field", "password", "value", "(given)"));
            }
            key = null;
            adapter = raw;
            return;
        }
        if (key == null || !key.matches(recorded)) {
            char[] pw = password;
            password = null;
            key = ProjectKey.open(recorded, pw); // wipes pw
        }
        adapter = new SealingAdapter(raw, key.cipher());
    }

    /** True for a project whose objects are encrypted. */
    public boolean encrypted() {
        return key != null;
    }

    /** Makes {@code k} the key the next {@link #load} uses (an import adopting an encrypted archive's key). */
    public void adoptKey(ProjectKey k) {
        this.key = k;
    }

    /**
     * Re-wraps the data key under a new password: one manifest commit, written twice so that the kept
     * previous manifest does not hold the old wrapping either. Objects are not rewritten. Wipes both
     * arrays.
     */
    public void changePassword(char[] oldPassword, char[] newPassword) throws IOException {
        try {
            Object recorded = manifest.config.get(ProjectKey.CONFIG_KEY);
            if (recorded == null) {
                throw new ValidationException("This project is not encrypted, so it has no password to change.",
                        Map.of("field", "password", "value", "(given)"));
            }
            ProjectKey.open(recorded, oldPassword); // the key check: WRONG_PASSWORD when it fails
            ProjectKey next = key.rewrap(newPassword);
            ManifestDoc m = copyManifest();
            m.config.put(ProjectKey.CONFIG_KEY, next.record());
            commit(m);
            this.key = next;
            commit(copyManifest()); // manifest.json.bak now holds the new wrapping too
        } finally {
            if (oldPassword != null) {
                java.util.Arrays.fill(oldPassword, '\0');
            }
            if (newPassword != null) {
                java.util.Arrays.fill(newPassword, '\0');
            }
        }
    }

    private int snapshotIntervalOf(ManifestDoc m) {
        Object v = m.config.get("snapshotInterval");
        return v instanceof Number n && n.intValue() > 0 ? n.intValue() : config.snapshotInterval();
    }

    private record Loaded(ManifestDoc doc, byte[] bytes) {
    }

    /** Reads manifest.json, falling back to the kept previous one when it is damaged. */
    private Loaded readManifest() throws IOException {
        CorruptionException first = null;
        for (String name : List.of(MANIFEST, MANIFEST_BACKUP)) {
            if (!adapter.fileExists(name)) {
                continue;
            }
            try {
                byte[] bytes = adapter.readFile(name);
                ManifestDoc m = parse(bytes, name);
                if (first != null) {
                    org.slf4j.LoggerFactory.getLogger(ProjectStore.class)
                            .warn("manifest.json is damaged; opened the previous manifest ({})", first.getMessage());
                }
                return new Loaded(m, bytes);
            } catch (CorruptionException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        throw new CorruptionException("The project has no manifest.json.", Map.of("corruptedItem", "manifest"));
    }

    static ManifestDoc parse(byte[] bytes, String name) {
        ManifestDoc m;
        try {
            m = Json.MAPPER.readValue(bytes, ManifestDoc.class);
        } catch (IOException e) {
            throw new CorruptionException(name + " is not a valid manifest (" + e.getMessage().lines().findFirst().orElse("") + ").",
                    Map.of("corruptedItem", "manifest", "file", name), e);
        } catch (RuntimeException e) {
            throw new CorruptionException(name + " is not a valid manifest.", Map.of("corruptedItem", "manifest"), e);
        }
        if (m == null || m.metadata == null || m.journal == null || m.refs == null || m.fileMap == null) {
            throw new CorruptionException(name + " is missing required sections.", Map.of("corruptedItem", "manifest"));
        }
        String major = m.formatVersion == null ? "1" : m.formatVersion.split("\\.")[0];
        if (!major.equals("1")) {
            throw new ValidationException("This project uses format " + m.formatVersion
                    + ", newer than this Kamaros understands (1.x). Update Kamaros to open it.",
                    Map.of("field", "formatVersion", "value", String.valueOf(m.formatVersion)));
        }
        return m;
    }

    static byte[] toBytes(ManifestDoc m) {
        try {
            // Compact, not pretty: with thousands of files the manifest is rewritten at every checkpoint.
            return Json.MAPPER.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A deep copy to change and then commit (the live one stays untouched if the commit fails). */
    public ManifestDoc copyManifest() {
        return manifest.copy(); // the live one: it carries uncommitted ledger edits
    }

    /** True when another process committed since we loaded. */
    public boolean changedOnDisk() throws IOException {
        return !adapter.stat(MANIFEST).equals(loadedStat);
    }

    /**
     * Appends a version to the journal (not yet committed: the manifest still points before it).
     * A tail left by an earlier crash is cut off first. Returns the journal length with the line.
     */
    public long appendJournal(VersionRecord record, ManifestDoc next) throws IOException {
        String path = next.journal.path;
        long committed = next.journal.length;
        Optional<FileStat> stat = adapter.stat(path);
        if (stat.isPresent() && stat.get().size() > committed) {
            adapter.truncateFile(path, committed);
        }
        byte[] line = JournalCodec.encode(record);
        adapter.appendFile(path, line);
        return committed + line.length;
    }

    /**
     * Replaces the whole journal with these versions (not yet committed), for an import into a
     * project without versions. Streams line by line; returns the journal's length.
     */
    public long writeJournal(List<VersionRecord> records, ManifestDoc next) throws IOException {
        if (next.journal.length != 0) {
            throw new IllegalStateException("writeJournal is only for a project without versions");
        }
        long length = 0;
        FileSystemAdapter.AtomicOutput out = adapter.openWrite(next.journal.path);
        try {
            for (VersionRecord r : records) {
                byte[] line = JournalCodec.encode(r);
                out.write(line);
                length += line.length;
            }
        } catch (IOException | RuntimeException | Error e) {
            out.abort();
            throw e;
        }
        out.close();
        return length;
    }

    /** The commit point: keeps the previous manifest, then atomically replaces it. */
    public void commit(ManifestDoc next) throws IOException {
        next.revision = manifest.revision + 1;
        next.metadata.lastModified = Json.formatTime(Instant.now());
        byte[] bytes = toBytes(next);
        adapter.sync(); // everything the new manifest refers to is durable before it is
        adapter.writeFile(MANIFEST_BACKUP, manifestBytes);
        adapter.writeFile(MANIFEST, bytes); // the commit point: from here on the change has happened
        this.manifest = next;
        this.manifestBytes = bytes;
        try {
            adapter.sync();
            this.loadedStat = adapter.stat(MANIFEST);
        } catch (IOException e) {
            // Committed and visible; only its durability against a power cut is unconfirmed. Failing
            // now would make callers undo work that has in fact been saved.
            this.loadedStat = Optional.empty();
            org.slf4j.LoggerFactory.getLogger(ProjectStore.class).warn("Saved, but could not confirm it on disk: {}", e.toString());
        }
    }

    public ManifestDoc manifest() {
        return manifest;
    }

    public VersionGraph graph() {
        return graph;
    }

    public ContentStore content() {
        return content;
    }

    public FileSystemAdapter adapter() {
        return adapter;
    }

    public String headId() {
        String head = manifest.refs.get("head");
        return head == null || head.isEmpty() ? null : head;
    }
}
