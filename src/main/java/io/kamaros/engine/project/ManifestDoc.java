package io.kamaros.engine.project;

import io.kamaros.engine.format.UnknownFields;
import io.kamaros.engine.format.JournalCodec;
import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code manifest.json} of a project folder. It holds what changes at every operation and stays
 * small: metadata, the working-copy ledger ({@code fileMap}), refs (HEAD and tags) and where the
 * version journal ends. The versions themselves live in the append-only journal
 * ({@link JournalCodec}), so a checkpoint never rewrites the whole history (spec §7.10).
 * Unknown fields are kept so that files written by newer versions survive a round trip.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NON_PRIVATE) // fields are package-private: the Ledger owns them
@JsonPropertyOrder({"formatVersion", "integrity", "metadata", "refs", "journal", "config", "revision", "fileMap"})
public final class ManifestDoc extends UnknownFields {
    public static final String FORMAT_VERSION = "1.0.0";

    @JsonAlias("format_version")
    String formatVersion = FORMAT_VERSION;
    /**
     * {@code "sha256"}: this manifest carries the SHA-256 of its body in front of it (see
     * {@code ProjectStore}); a manifest that says so and has none, or a wrong one, is damaged.
     * Absent in manifests written before the checksum existed (read as they are).
     */
    @Nullable String integrity;
    Metadata metadata = new Metadata();
    @JsonAlias("file_map")
    Map<String, FileEntry> fileMap = new TreeMap<>();
    Map<String, String> refs = new TreeMap<>();
    Journal journal = new Journal();
    Map<String, Object> config = new LinkedHashMap<>();
    /** Incremented by every write, so another process can tell the project changed. */
    long revision;

    /** True when every section a manifest must have is there (a parsed file may lack some). */
    boolean hasRequiredSections() {
        return metadata != null && journal != null && refs != null && fileMap != null;
    }

    /** Resolves the scan caches of every entry just read (see {@link FileEntry#completeScan}). */
    void completeScans() {
        fileMap.values().forEach(e -> {
            if (e != null) {
                e.completeScan();
            }
        });
    }

    @Nullable String integrity() {
        return integrity;
    }

    /** The project's metadata (read through its accessors). */
    public Metadata metadata() {
        return metadata;
    }

    String formatVersion() {
        return formatVersion;
    }

    /** This manifest is written with a checksum of this kind in front of it. */
    void declareIntegrity(String kind) {
        integrity = kind;
    }

    /**
     * A deep copy to change and then commit. Copied field by field: with thousands of tracked
     * files a JSON round trip here was a large part of every checkpoint.
     */
    ManifestDoc copy() {
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
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NON_PRIVATE)
    public static final class Metadata extends UnknownFields {
        @Nullable String name;
        @Nullable String description;
        @Nullable String created;
        @JsonAlias("last_modified")
        @Nullable String lastModified;
        @Nullable String author;
        @Nullable String email;
        @Nullable String application;

        public @Nullable String name() { return name; }
        public @Nullable String description() { return description; }
        public @Nullable String created() { return created; }
        public @Nullable String lastModified() { return lastModified; }
        public @Nullable String author() { return author; }
        public @Nullable String email() { return email; }
        public @Nullable String application() { return application; }

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
     *
     * <p>On disk the scan cache is one short array, {@code "scan": [mtimeNanos, scanAtNanos, size,
     * hash, type]}, where size, hash and type are null (trailing nulls left out) when they repeat
     * the entry's {@code size}, {@code currentHash} and {@code type} — as they do for every file
     * unchanged since HEAD. The ledger is written twice per checkpoint (manifest and backup), so this
     * is a large part of a big project's store. The long field names of earlier versions
     * ({@code scanSize}, {@code scanHash}, ...) are still read, never written.
     */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NON_PRIVATE)
    public static final class FileEntry extends UnknownFields {
        @Nullable String inodeId;
        @Nullable String type;
        @Nullable String currentHash;
        /**
         * The text encoding of the {@code currentHash} content (spec's FileEntry.encoding), e.g.
         * "windows-1250"; written only when it is not UTF-8, so absent means UTF-8 for text (all text
         * was UTF-8 before other encodings were recognised). Null for binary. See {@link #textEncoding()}.
         */
        @Nullable String encoding;
        @Nullable String created;
        @JsonAlias("modified_at")
        @Nullable String modified;
        @Nullable Long size;
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        @Nullable Long scanSize;
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        @Nullable Long scanMtimeNanos;
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        @Nullable String scanHash;
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        @Nullable String scanType;
        /** When the scan read the file (ns since the epoch): times too close to it are not trusted. */
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        @Nullable Long scanAtNanos;
        /** The file's {@link io.kamaros.engine.store.FileStat#changeStamp} when hashed; null: none known. */
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        @Nullable Long scanStamp;
        /** The {@code scan} array as read, until {@link #completeScan} resolves what it left out. */
        private @Nullable List<?> scanAsRead;

        @JsonProperty("scan")
        @Nullable List<Object> scanForJson() {
            if (scanHash == null || scanMtimeNanos == null) {
                return null; // no usable cache: nothing to remember
            }
            List<Object> out = new ArrayList<>(6);
            out.add(scanMtimeNanos);
            out.add(scanAtNanos);
            out.add(Objects.equals(scanSize, size) ? null : scanSize);
            out.add(scanHash.equals(currentHash) ? null : scanHash);
            out.add(Objects.equals(scanType, type) ? null : scanType);
            out.add(scanStamp);
            while (out.get(out.size() - 1) == null && out.size() > 2) {
                out.remove(out.size() - 1);
            }
            return out;
        }

        @JsonProperty("scan")
        void scanFromJson(@Nullable List<?> value) {
            scanAsRead = value;
        }

        /**
         * Fills the scan fields from the {@code scan} array read, now that the whole entry is known.
         * A malformed array is dropped: the file is simply hashed again.
         */
        void completeScan() {
            List<?> v = scanAsRead;
            scanAsRead = null;
            if (v == null) {
                return;
            }
            Object size0 = v.size() > 2 ? v.get(2) : null;
            Object hash0 = v.size() > 3 ? v.get(3) : null;
            Object type0 = v.size() > 4 ? v.get(4) : null;
            Object stamp0 = v.size() > 5 ? v.get(5) : null;
            if (v.size() < 2 || !(v.get(0) instanceof Number mtime) || !(v.get(1) instanceof Number at)
                    || size0 != null && !(size0 instanceof Number) || hash0 != null && !(hash0 instanceof String)
                    || type0 != null && !(type0 instanceof String) || stamp0 != null && !(stamp0 instanceof Number)) {
                return;
            }
            String hash = hash0 != null ? (String) hash0 : currentHash;
            if (hash == null) {
                return;
            }
            scanMtimeNanos = mtime.longValue();
            scanAtNanos = at.longValue();
            scanSize = size0 != null ? Long.valueOf(((Number) size0).longValue()) : size;
            scanHash = hash;
            scanType = type0 != null ? (String) type0 : type;
            scanStamp = stamp0 != null ? Long.valueOf(((Number) stamp0).longValue()) : null;
        }

        public @Nullable String inodeId() { return inodeId; }
        public @Nullable String type() { return type; }
        /** The hash at HEAD; null: never committed. */
        public @Nullable String currentHash() { return currentHash; }
        public @Nullable String encoding() { return encoding; }
        public @Nullable String created() { return created; }
        public @Nullable String modified() { return modified; }
        public @Nullable Long size() { return size; }
        public @Nullable Long scanSize() { return scanSize; }
        public @Nullable Long scanMtimeNanos() { return scanMtimeNanos; }
        public @Nullable String scanHash() { return scanHash; }
        public @Nullable String scanType() { return scanType; }
        public @Nullable Long scanAtNanos() { return scanAtNanos; }
        public @Nullable Long scanStamp() { return scanStamp; }

        /** The encoding of the HEAD content: "utf-8" unless recorded otherwise; null for binary. */
        public @Nullable String textEncoding() {
            return !"text".equals(type) ? null : encoding != null ? encoding : "utf-8";
        }

        FileEntry copy() {
            FileEntry e = new FileEntry();
            e.encoding = encoding;
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
            e.scanStamp = scanStamp;
            e.scanAsRead = scanAsRead;
            copyUnknownTo(e);
            return e;
        }
    }

    /** Where the committed part of the version journal ends: bytes past {@code length} are ignored. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NON_PRIVATE)
    public static final class Journal {
        String path = JournalCodec.JOURNAL_PATH;
        long length;
        int count;

        Journal copy() {
            Journal j = new Journal();
            j.path = path;
            j.length = length;
            j.count = count;
            return j;
        }
    }
}
