package io.kamaros.engine.project;

import io.kamaros.engine.format.Json;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

import static io.kamaros.engine.format.Json.expect;
import static io.kamaros.engine.format.Json.text;
import static io.kamaros.engine.format.Json.whole;

/**
 * Reads {@code manifest.json} with Jackson's streaming parser into a {@link ManifestDoc}, exactly as
 * data binding would (field names and their aliases, unknown members kept, scalars coerced to text,
 * numbers in text accepted). Every command and every open reads the manifest, and in a fresh JVM
 * setting up data binding and its bean deserializers cost about as much as the rest of opening a
 * project; the streaming parser is part of jackson-core and starts at once. Writing stays with data
 * binding ({@link Json#mapper()}); a test checks that both readers agree.
 */
public final class ManifestReader {
    private ManifestReader() {
    }

    /** The manifest in {@code json} (its body, without the checksum member). */
    // A section or formatVersion written as null is kept as null, as data binding did (the fields are typed for a
    // usable manifest); ProjectStore.parse rejects a document without its required sections before it is used.
    @SuppressWarnings("NullAway")
    public static ManifestDoc read(byte[] json) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            ManifestDoc m = new ManifestDoc();
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "formatVersion", "format_version" -> m.formatVersion = text(p, v);
                    case "integrity" -> m.integrity = text(p, v);
                    case "metadata" -> m.metadata = v == JsonToken.VALUE_NULL ? null : metadata(p, v);
                    case "fileMap", "file_map" -> m.fileMap = v == JsonToken.VALUE_NULL ? null : fileMap(p, v);
                    case "refs" -> m.refs = v == JsonToken.VALUE_NULL ? null : refs(p, v);
                    case "journal" -> m.journal = v == JsonToken.VALUE_NULL ? null : journal(p, v);
                    case "config" -> m.config = v == JsonToken.VALUE_NULL ? null : object(p, v);
                    case "revision" -> m.revision = v == JsonToken.VALUE_NULL ? 0 : whole(p, v);
                    default -> m.setUnknown(name, Json.readValue(p, v));
                }
            }
            expect(p, p.currentToken(), JsonToken.END_OBJECT);
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "data after the manifest's JSON object");
            }
            return m;
        }
    }

    private static ManifestDoc.Metadata metadata(JsonParser p, JsonToken start) throws IOException {
        expect(p, start, JsonToken.START_OBJECT);
        ManifestDoc.Metadata md = new ManifestDoc.Metadata();
        for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "name" -> md.name = text(p, v);
                case "description" -> md.description = text(p, v);
                case "created" -> md.created = text(p, v);
                case "lastModified", "last_modified" -> md.lastModified = text(p, v);
                case "author" -> md.author = text(p, v);
                case "email" -> md.email = text(p, v);
                case "application" -> md.application = text(p, v);
                default -> md.setUnknown(name, Json.readValue(p, v));
            }
        }
        return md;
    }

    private static Map<String, ManifestDoc.FileEntry> fileMap(JsonParser p, JsonToken start) throws IOException {
        expect(p, start, JsonToken.START_OBJECT);
        Map<String, ManifestDoc.FileEntry> out = new TreeMap<>();
        for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
            String path = p.currentName();
            JsonToken v = p.nextToken();
            out.put(path, v == JsonToken.VALUE_NULL ? null : entry(p, v));
        }
        return out;
    }

    private static ManifestDoc.FileEntry entry(JsonParser p, JsonToken start) throws IOException {
        expect(p, start, JsonToken.START_OBJECT);
        ManifestDoc.FileEntry e = new ManifestDoc.FileEntry();
        for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "inodeId" -> e.inodeId = text(p, v);
                case "type" -> e.type = text(p, v);
                case "currentHash" -> e.currentHash = text(p, v);
                case "encoding" -> e.encoding = text(p, v);
                case "created" -> e.created = text(p, v);
                case "modified", "modified_at" -> e.modified = text(p, v);
                case "size" -> e.size = wholeOrNull(p, v);
                case "scanSize" -> e.scanSize = wholeOrNull(p, v);
                case "scanMtimeNanos" -> e.scanMtimeNanos = wholeOrNull(p, v);
                case "scanHash" -> e.scanHash = text(p, v);
                case "scanType" -> e.scanType = text(p, v);
                case "scanAtNanos" -> e.scanAtNanos = wholeOrNull(p, v);
                case "scan" -> {
                    if (v != JsonToken.VALUE_NULL) {
                        expect(p, v, JsonToken.START_ARRAY);
                        e.scanFromJson((List<?>) Json.readValue(p, v));
                    }
                }
                default -> e.setUnknown(name, Json.readValue(p, v));
            }
        }
        return e;
    }

    private static Map<String, String> refs(JsonParser p, JsonToken start) throws IOException {
        expect(p, start, JsonToken.START_OBJECT);
        Map<String, String> out = new TreeMap<>();
        for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
            String name = p.currentName();
            out.put(name, text(p, p.nextToken()));
        }
        return out;
    }

    // A null journal path is kept as read, as data binding did (see read).
    @SuppressWarnings("NullAway")
    private static ManifestDoc.Journal journal(JsonParser p, JsonToken start) throws IOException {
        expect(p, start, JsonToken.START_OBJECT);
        ManifestDoc.Journal j = new ManifestDoc.Journal();
        for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "path" -> j.path = text(p, v);
                case "length" -> j.length = v == JsonToken.VALUE_NULL ? 0 : whole(p, v);
                case "count" -> j.count = v == JsonToken.VALUE_NULL ? 0 : Math.toIntExact(whole(p, v));
                default -> p.skipChildren(); // data binding ignores unknown members here too
            }
        }
        return j;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(JsonParser p, JsonToken start) throws IOException {
        expect(p, start, JsonToken.START_OBJECT);
        return (Map<String, Object>) Objects.requireNonNull(Json.readValue(p, start)); // an object reads as a map
    }

    private static @Nullable Long wholeOrNull(JsonParser p, JsonToken v) throws IOException {
        return v == JsonToken.VALUE_NULL ? null : whole(p, v);
    }
}
