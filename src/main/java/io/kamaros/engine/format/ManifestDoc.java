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
@JsonPropertyOrder({"formatVersion", "metadata", "refs", "journal", "config", "revision", "fileMap"})
public final class ManifestDoc extends UnknownFields {
    public static final String FORMAT_VERSION = "1.0.0";

    @JsonAlias("format_version")
    public String formatVersion = FORMAT_VERSION;
    public Metadata metadata = new Metadata();
    @JsonAlias("file_map")
    public Map<String, FileEntry> fileMap = new TreeMap<>();
    public Map<String, String> refs = new TreeMap<>();
    public Journal journal = new Journal();
    public Map<String, Object> config = new LinkedHashMap<>();
    /** Incremented by every write, so another process can tell the project changed. */
    public long revision;

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

    }

    /** Where the committed part of the version journal ends: bytes past {@code length} are ignored. */
    public static final class Journal {
        public String path = JournalCodec.JOURNAL_PATH;
        public long length;
        public int count;
    }
}
