package io.kamaros.engine.container;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.ForgottenVersions;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.project.ManifestDoc;
import io.kamaros.engine.format.VersionRecord;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The interchange manifest of a {@code .jcf} archive (spec §2, the "Rec" superset): unlike a
 * project folder's {@code manifest.json} (small, with the history in an append-only journal), it
 * carries the whole history, every version listing its complete file set, so that the original
 * implementation and the documents' readers can use it too.
 *
 * <p>Writing streams version by version (memory stays bounded by one version's file set). Reading
 * walks a JSON tree and checks the type of every value it uses, so a malformed manifest gives a
 * {@link CorruptionException} naming the field, never a stray runtime error. It accepts the
 * documents' spellings too: {@code created_at}, {@code last_modified}, {@code modified_at},
 * {@code fromPath}/{@code toPath}, {@code file_map}, {@code version_history}, {@code rename_log},
 * {@code format_version}, {@code parent_id}; timestamps in any ISO form.
 */
public final class JcfManifestCodec {
    public static final String FORMAT_VERSION = "1.0.0";

    private JcfManifestCodec() {
    }

    // ---------------------------------------------------------------- model read from an archive

    /** A manifest as read from an archive; versions in the order listed. */
    public record Manifest(@Nullable String formatVersion, ObjectNode metadata, Map<String, FileEntry> fileMap,
                           List<VersionIn> versions, Map<String, String> refs, List<RenameIn> renameLog,
                           Map<String, Object> config) {
    }

    /** A fileMap entry (only what an import uses). */
    public record FileEntry(@Nullable String inodeId, @Nullable String type, @Nullable String currentHash,
                            @Nullable String created, @Nullable String modified, boolean encrypted) {
    }

    /**
     * One version; {@code states} is its complete file set (entries marked deleted included),
     * {@code emptyFolders} its complete set of empty folders (absent in archives written before
     * they were kept, and by other writers: none).
     */
    public record VersionIn(String id, @Nullable String parentId, Instant timestamp, @Nullable String message,
                            @Nullable String author, @Nullable String email,
                            List<String> tags, boolean autoSaved, List<StateIn> states, List<String> emptyFolders,
                            boolean automatic, @Nullable ForgottenVersions forgotten) {
    }

    /** One file of a version. {@code size} and {@code type} may be absent (the original did not write them). */
    public record StateIn(@Nullable String inodeId, @Nullable String path, @Nullable String hash, @Nullable Long size,
                          @Nullable String type, @Nullable String contentRef, @Nullable String changeType,
                          boolean deleted, boolean encrypted) {
    }

    public record RenameIn(@Nullable String inodeId, @Nullable String from, @Nullable String to,
                           @Nullable String versionId, @Nullable String timestamp) {
    }

    /** Parses and type-checks a manifest; refuses format majors above 1. */
    public static Manifest read(byte[] json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw bad("it is not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        } catch (RuntimeException e) {
            throw bad("it cannot be parsed (" + firstLine(e.getMessage()) + ")", e);
        }
        ObjectNode m = object(root, "the manifest");
        String formatVersion = string(m, "formatVersion", "formatVersion", "format_version");
        if (formatVersion != null) {
            String major = formatVersion.split("\\.", -1)[0].strip();
            if (!major.equals("1") && !major.equals("0")) {
                throw new ValidationException("The archive uses format " + formatVersion
                        + ", newer than this Kamaros understands (1.x). Update Kamaros to import it.",
                        Map.of("field", "formatVersion", "value", formatVersion));
            }
        }
        JsonNode metaNode = field(m, "metadata");
        ObjectNode metadata = metaNode == null ? Json.mapper().createObjectNode() : object(metaNode, "metadata");
        for (String key : List.of("name", "description", "author", "email", "application")) {
            string(metadata, "metadata." + key, key);
        }

        Map<String, FileEntry> fileMap = new LinkedHashMap<>();
        JsonNode fm = field(m, "fileMap", "file_map");
        if (fm != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object(fm, "fileMap").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ObjectNode o = object(e.getValue(), "fileMap['" + e.getKey() + "']");
                String where = "fileMap['" + e.getKey() + "'].";
                fileMap.put(e.getKey(), new FileEntry(string(o, where + "inodeId", "inodeId", "inode_id"),
                        string(o, where + "type", "type"), string(o, where + "currentHash", "currentHash", "current_hash"),
                        string(o, where + "created", "created", "created_at"),
                        string(o, where + "modified", "modified", "modified_at", "lastModified", "last_modified"),
                        bool(o, where + "encrypted", "encrypted")));
            }
        }

        List<VersionIn> versions = new ArrayList<>();
        JsonNode vh = field(m, "versionHistory", "version_history", "versions");
        if (vh != null) {
            if (!(vh instanceof ArrayNode arr)) {
                throw bad("versionHistory must be an array", null);
            }
            int i = 0;
            for (JsonNode v : arr) {
                versions.add(version(object(v, "versionHistory[" + i + "]"), "versionHistory[" + i + "]."));
                i++;
            }
        }

        Map<String, String> refs = new LinkedHashMap<>();
        JsonNode refsNode = field(m, "refs");
        if (refsNode != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object(refsNode, "refs").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull()) {
                    continue;
                }
                if (!e.getValue().isTextual()) {
                    throw bad("refs['" + e.getKey() + "'] must be a string (a version id)", null);
                }
                refs.put(e.getKey(), e.getValue().textValue());
            }
        }

        List<RenameIn> renames = new ArrayList<>();
        JsonNode rl = field(m, "renameLog", "rename_log");
        if (rl != null) {
            if (!(rl instanceof ArrayNode arr)) {
                throw bad("renameLog must be an array", null);
            }
            int i = 0;
            for (JsonNode r : arr) {
                String where = "renameLog[" + i++ + "].";
                ObjectNode o = object(r, where);
                renames.add(new RenameIn(string(o, where + "inodeId", "inodeId", "inode_id"),
                        string(o, where + "from", "from", "fromPath", "from_path"),
                        string(o, where + "to", "to", "toPath", "to_path"),
                        string(o, where + "versionId", "versionId", "version_id"),
                        string(o, where + "timestamp", "timestamp")));
            }
        }

        Map<String, Object> config = new LinkedHashMap<>();
        JsonNode cfg = field(m, "config");
        if (cfg != null) {
            object(cfg, "config").fields().forEachRemaining(e -> config.put(e.getKey(),
                    Json.mapper().convertValue(e.getValue(), Object.class)));
        }
        return new Manifest(formatVersion, metadata, fileMap, versions, refs, renames, config);
    }

    private static VersionIn version(ObjectNode v, String where) {
        String id = string(v, where + "id", "id");
        if (id == null || id.isEmpty()) {
            throw bad(where + "id is missing", null);
        }
        String ts = string(v, where + "timestamp", "timestamp", "created", "created_at");
        Instant timestamp = ts == null ? null : time(ts, where + "timestamp");
        if (timestamp == null) {
            throw bad(where + "timestamp is missing", null);
        }
        List<String> tags = new ArrayList<>();
        JsonNode tagsNode = field(v, "tags");
        if (tagsNode != null) {
            if (!(tagsNode instanceof ArrayNode arr)) {
                throw bad(where + "tags must be an array of strings", null);
            }
            for (JsonNode t : arr) {
                if (!t.isTextual()) {
                    throw bad(where + "tags must be an array of strings", null);
                }
                tags.add(t.textValue());
            }
        }
        List<StateIn> states = new ArrayList<>();
        JsonNode fs = field(v, "fileStates", "file_states");
        if (fs instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                states.add(state(object(e.getValue(), where + "fileStates['" + e.getKey() + "']"), e.getKey(),
                        where + "fileStates['" + e.getKey() + "']."));
            }
        } else if (fs instanceof ArrayNode arr) {
            int i = 0;
            for (JsonNode s : arr) {
                states.add(state(object(s, where + "fileStates[" + i + "]"), null, where + "fileStates[" + i + "]."));
                i++;
            }
        } else if (fs != null) {
            throw bad(where + "fileStates must be an object (path → file state)", null);
        }
        JsonNode extra = field(v, "extra");
        boolean autoSaved = bool(v, where + "autoSaved", "autoSaved")
                || (extra instanceof ObjectNode eo && bool(eo, where + "extra.autoSaved", "autoSaved"));
        boolean automatic = extra instanceof ObjectNode eo && bool(eo, where + "extra.automatic", "automatic");
        ForgottenVersions forgotten = extra instanceof ObjectNode eo ? forgotten(eo, where + "extra.forgotten") : null;
        List<String> emptyFolders = new ArrayList<>();
        JsonNode foldersNode = field(v, "emptyFolders", "empty_folders");
        if (foldersNode != null) {
            if (!(foldersNode instanceof ArrayNode arr)) {
                throw bad(where + "emptyFolders must be an array of strings", null);
            }
            for (JsonNode f : arr) {
                if (!f.isTextual()) {
                    throw bad(where + "emptyFolders must be an array of strings", null);
                }
                emptyFolders.add(f.textValue());
            }
        }
        return new VersionIn(id, string(v, where + "parentId", "parentId", "parent_id", "parent"), timestamp,
                string(v, where + "message", "message"), string(v, where + "author", "author"),
                string(v, where + "email", "email"), tags, autoSaved, states, emptyFolders, automatic, forgotten);
    }

    /** The gap marker Kamaros keeps in a version's {@code extra} (what was forgotten just before it), or null. */
    private static @Nullable ForgottenVersions forgotten(ObjectNode extra, String where) {
        JsonNode node = field(extra, "forgotten");
        if (node == null) {
            return null;
        }
        ObjectNode o = object(node, where);
        JsonNode count = field(o, "count");
        if (count == null || !count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < 1) {
            throw bad(where + ".count must be a whole number of at least 1", null);
        }
        String by = string(o, where + ".by", "by");
        if (by == null || by.isBlank()) {
            throw bad(where + ".by is missing", null);
        }
        return new ForgottenVersions(count.intValue(), requiredTime(o, where + ".oldest", "oldest"),
                requiredTime(o, where + ".newest", "newest"), requiredTime(o, where + ".at", "at"), by);
    }

    private static Instant requiredTime(ObjectNode o, String where, String name) {
        String text = string(o, where, name);
        if (text == null) {
            throw bad(where + " is missing", null);
        }
        return time(text, where);
    }

    private static StateIn state(ObjectNode s, @Nullable String key, String where) {
        String path = string(s, where + "path", "path");
        if (key != null && path != null && !key.equals(path)) {
            throw bad(where + "path '" + path + "' differs from its key '" + key + "'", null);
        }
        @Nullable Long size = null;
        JsonNode sizeNode = field(s, "size");
        if (sizeNode != null) {
            if (!sizeNode.isIntegralNumber() || !sizeNode.canConvertToLong() || sizeNode.longValue() < 0) {
                throw bad(where + "size must be a non-negative whole number", null);
            }
            size = sizeNode.longValue();
        }
        String changeType = string(s, where + "changeType", "changeType", "change_type");
        return new StateIn(string(s, where + "inodeId", "inodeId", "inode_id"), path != null ? path : key,
                string(s, where + "hash", "hash"), size, string(s, where + "type", "type"),
                string(s, where + "contentRef", "contentRef", "content_ref"), changeType,
                bool(s, where + "deleted", "deleted") || "deleted".equalsIgnoreCase(changeType),
                bool(s, where + "encrypted", "encrypted"));
    }

    private static @Nullable JsonNode field(ObjectNode n, String... names) {
        for (String name : names) {
            JsonNode v = n.get(name);
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        return null;
    }

    private static @Nullable String string(ObjectNode n, String where, String... names) {
        JsonNode v = field(n, names);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw bad(where + " must be a string, not " + v.getNodeType().toString().toLowerCase(Locale.ROOT), null);
        }
        return v.textValue();
    }

    private static boolean bool(ObjectNode n, String where, String... names) {
        JsonNode v = field(n, names);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw bad(where + " must be true or false", null);
        }
        return v.booleanValue();
    }

    private static ObjectNode object(JsonNode n, String where) {
        if (!(n instanceof ObjectNode o)) {
            throw bad(where + " must be an object", null);
        }
        return o;
    }

    static Instant time(String text, String where) {
        try {
            Instant t = Json.parseTime(text);
            if (t == null) {
                throw bad(where + " is empty", null);
            }
            return t;
        } catch (DateTimeException e) {
            throw bad(where + " is not an ISO timestamp ('" + (text.length() > 40 ? text.substring(0, 40) : text) + "')", e);
        }
    }

    private static String firstLine(@Nullable String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    static CorruptionException bad(String why, @Nullable Throwable cause) {
        return new CorruptionException("The archive's manifest is broken: " + why + ". Nothing was imported.",
                Map.of("corruptedItem", "manifest", "reason", why), cause);
    }

    // ---------------------------------------------------------------- writing

    /**
     * One version to write: its record, its tags, its complete file set (deletions marked) and its
     * complete set of empty folders. The archive lists the full set per version, as it lists files
     * (ZIP folder entries are ignored by the spec, so they cannot carry them).
     */
    public record VersionOut(VersionRecord record, @Nullable String parentId, List<String> tags, Collection<FileState> states,
                             Collection<String> emptyFolders) {
        public VersionOut(VersionRecord record, @Nullable String parentId, List<String> tags, Collection<FileState> states) {
            this(record, parentId, tags, states, List.of());
        }
    }

    /** One tracked file of the exported working copy. */
    public record FileMapOut(String path, String inodeId, String type, String currentHash, long size, String created,
                             String modified) {
    }

    public record RenameOut(String inodeId, String from, String to, String versionId, Instant timestamp) {
    }

    /** Streams the manifest; {@code out} is not closed. */
    public static void write(OutputStream out, ManifestDoc.Metadata metadata, Map<String, Object> config,
                             Collection<FileMapOut> fileMap, Iterable<VersionOut> versions, Map<String, String> refs,
                             Collection<RenameOut> renames) throws IOException {
        try (JsonGenerator g = Json.mapper().createGenerator(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        })) {
            g.writeStartObject();
            g.writeStringField("formatVersion", FORMAT_VERSION);
            g.writeFieldName("metadata");
            g.writeObject(metadata);
            g.writeObjectFieldStart("fileMap");
            for (FileMapOut f : fileMap) {
                g.writeObjectFieldStart(f.path());
                g.writeStringField("inodeId", f.inodeId());
                g.writeStringField("type", f.type());
                g.writeStringField("currentHash", f.currentHash());
                g.writeStringField("created", f.created());
                g.writeStringField("modified", f.modified());
                g.writeNumberField("size", f.size());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("versionHistory");
            for (VersionOut v : versions) {
                VersionRecord r = v.record();
                g.writeStartObject();
                g.writeStringField("id", r.id());
                g.writeStringField("parentId", v.parentId());
                g.writeStringField("timestamp", Json.formatTime(r.timestamp()));
                g.writeStringField("message", r.message());
                g.writeStringField("author", r.author());
                if (r.email() != null) {
                    g.writeStringField("email", r.email());
                }
                if (!v.tags().isEmpty()) {
                    g.writeArrayFieldStart("tags");
                    for (String t : v.tags()) {
                        g.writeString(t);
                    }
                    g.writeEndArray();
                }
                // The gap marker describes the step to the recorded parent: a single-version export drops it.
                ForgottenVersions gap = Objects.equals(v.parentId(), r.parentId()) ? r.forgotten() : null;
                if (r.autoSaved() || r.automatic() || gap != null) { // Kamaros's own fields go in the spec's extra
                    g.writeObjectFieldStart("extra");
                    if (r.autoSaved()) {
                        g.writeBooleanField("autoSaved", true);
                    }
                    if (r.automatic()) {
                        g.writeBooleanField("automatic", true);
                    }
                    if (gap != null) {
                        g.writeObjectFieldStart("forgotten");
                        g.writeNumberField("count", gap.count());
                        g.writeStringField("oldest", Json.formatTime(gap.oldest()));
                        g.writeStringField("newest", Json.formatTime(gap.newest()));
                        g.writeStringField("at", Json.formatTime(gap.at()));
                        g.writeStringField("by", gap.by());
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                }
                g.writeObjectFieldStart("fileStates");
                for (FileState s : v.states()) {
                    g.writeObjectFieldStart(s.path());
                    g.writeStringField("inodeId", s.inodeId());
                    g.writeStringField("path", s.path());
                    g.writeStringField("hash", s.hash());
                    g.writeNumberField("size", s.size());
                    g.writeStringField("type", s.type() == null ? "binary" : s.type().jsonName());
                    if (s.contentRef() != null) {
                        g.writeStringField("contentRef", s.contentRef());
                    }
                    if (s.changeType() != null) {
                        g.writeStringField("changeType", s.changeType().jsonName());
                    }
                    if (s.deleted()) {
                        g.writeBooleanField("deleted", true);
                    }
                    if (s.previousPath() != null) {
                        g.writeStringField("fromPath", s.previousPath());
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
                if (v.emptyFolders() != null && !v.emptyFolders().isEmpty()) {
                    g.writeArrayFieldStart("emptyFolders");
                    for (String f : v.emptyFolders()) {
                        g.writeString(f);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("refs");
            for (Map.Entry<String, String> e : refs.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("renameLog");
            for (RenameOut r : renames) {
                g.writeStartObject();
                g.writeStringField("inodeId", r.inodeId());
                g.writeStringField("from", r.from());
                g.writeStringField("to", r.to());
                g.writeStringField("versionId", r.versionId());
                g.writeStringField("timestamp", Json.formatTime(r.timestamp()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("config");
            g.writeObject(config);
            g.writeEndObject();
        }
    }
}
