package io.kamaros.engine.format;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code manifest.json} of a project folder. It holds what changes at every operation and stays
 * small: metadata, the working-copy ledger ({@code fileMap}), refs (HEAD and tags) and where the
 * version journal ends. The versions themselves live in the append-only journal
 * ({@link JournalCodec}), so a checkpoint never rewrites the whole history (spec §7.10).
 * Unknown fields are kept so that files written by newer versions survive a round trip.
 */
@JsonPropertyOrder({"formatVersion", "integrity", "metadata", "refs", "journal", "config", "revision", "fileMap"})
public final class ManifestDoc extends UnknownFields {
    public static final String FORMAT_VERSION = "1.0.0";

    @JsonAlias("format_version")
    public String formatVersion = FORMAT_VERSION;
    /**
     * {@code "sha256"}: this manifest carries the SHA-256 of its body in front of it (see
     * {@code ProjectStore}); a manifest that says so and has none, or a wrong one, is damaged.
     * Absent in manifests written before the checksum existed (read as they are).
     */
    public String integrity;
    public Metadata metadata = new Metadata();
    @JsonAlias("file_map")
    public Map<String, FileEntry> fileMap = new TreeMap<>();
    public Map<String, String> refs = new TreeMap<>();
    public Journal journal = new Journal();
    public Map<String, Object> config = new LinkedHashMap<>();
    /** Incremented by every write, so another process can tell the project changed. */
    public long revision;

    /**
     * A deep copy to change and then commit. Copied field by field: with thousands of tracked
     * files a JSON round trip here was a large part of every checkpoint.
     */
    public ManifestDoc copy() {
        ManifestDoc m = new ManifestDoc();
        m.formatVersion = formatVersion;
        m.integrity = integrity;
        m.metadata = metadata.copy();
        m.fileMap = new TreeMap<>();
        fileMap.forEach((path, entry) -> m.fileMap.put(path, entry.copy()));
        m.refs = new TreeMap<>(refs);
        m.journal = journal.copy();
        m.config = new LinkedHashMap<>(config);
        m.revision = revision;
        copyUnknownTo(m);
        return m;
    }

    /** Project metadata (spec §2). */
    public static final class Metadata extends UnknownFields {
        public String name;
        public String description;
        public String created;
        @JsonAlias("last_modified")
        public String lastModified;
        public String author;
        public String email;
        public String application;

        Metadata copy() {
            Metadata m = new Metadata();
            m.name = name;
            m.description = description;
            m.created = created;
            m.lastModified = lastModified;
            m.author = author;
            m.email = email;
            m.application = application;
            copyUnknownTo(m);
            return m;
        }
    }

    /**
     * A tracked working-copy path. {@code currentHash} is the hash at HEAD (null: never committed);
     * {@code scan*} remember what the working file hashed to at a given size and modification time,
     * so an unchanged file is not read again.
     */
    public static final class FileEntry extends UnknownFields {
        public String inodeId;
        public String type;
        public String currentHash;
        public String created;
        @JsonAlias("modified_at")
        public String modified;
        public Long size;
        public Long scanSize;
        public Long scanMtimeNanos;
        public String scanHash;
        public String scanType;
        /** When the scan read the file (ns since the epoch): times too close to it are not trusted. */
        public Long scanAtNanos;

        public FileEntry copy() {
            FileEntry e = new FileEntry();
            e.inodeId = inodeId;
            e.type = type;
            e.currentHash = currentHash;
            e.created = created;
            e.modified = modified;
            e.size = size;
            e.scanSize = scanSize;
            e.scanMtimeNanos = scanMtimeNanos;
            e.scanHash = scanHash;
            e.scanType = scanType;
            e.scanAtNanos = scanAtNanos;
            copyUnknownTo(e);
            return e;
        }
    }

    /** Where the committed part of the version journal ends: bytes past {@code length} are ignored. */
    public static final class Journal {
        public String path = JournalCodec.JOURNAL_PATH;
        public long length;
        public int count;

        Journal copy() {
            Journal j = new Journal();
            j.path = path;
            j.length = length;
            j.count = count;
            return j;
        }
    }
}
