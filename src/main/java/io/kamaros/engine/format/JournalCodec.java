package io.kamaros.engine.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.kamaros.engine.ChangeType;
import io.kamaros.engine.CorruptionException;
import io.kamaros.engine.FileState;
import io.kamaros.engine.FileType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The version journal: one JSON object a line, appended at each checkpoint and never rewritten
 * (spec §7.10: the original rewrote versions × files at every save). The manifest records how many
 * bytes are committed, so a line half-written by a crash is never read.
 */
public final class JournalCodec {
    public static final String JOURNAL_PATH = ".store/versions.jsonl";

    private JournalCodec() {
    }

    /** JSON shape of one journal line. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Line {
        public String id;
        public String parentId;
        public String timestamp;
        public String message;
        public String author;
        public String email;
        public List<String> tags;
        public Boolean autoSaved;
        public List<State> changes = new ArrayList<>();
    }

    /** JSON shape of a changed file (spec's FileState plus fromPath/previousHash). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class State {
        public String inodeId;
        public String path;
        public String hash;
        public long size;
        public String type;
        public String contentRef;
        public String changeType;
        public Boolean deleted;
        public String fromPath;
        public String previousHash;
    }

    public static byte[] encode(VersionRecord r) {
        Line line = new Line();
        line.id = r.id();
        line.parentId = r.parentId();
        line.timestamp = Json.formatTime(r.timestamp());
        line.message = r.message();
        line.author = r.author();
        line.email = r.email();
        line.tags = r.tags().isEmpty() ? null : r.tags();
        line.autoSaved = r.autoSaved() ? Boolean.TRUE : null;
        for (FileState s : r.changes()) {
            State st = new State();
            st.inodeId = s.inodeId();
            st.path = s.path();
            st.hash = s.hash();
            st.size = s.size();
            st.type = s.type() == null ? null : s.type().jsonName();
            st.contentRef = s.contentRef();
            st.changeType = s.changeType() == null ? null : s.changeType().jsonName();
            st.deleted = s.deleted() ? Boolean.TRUE : null;
            st.fromPath = s.previousPath();
            st.previousHash = s.previousHash();
            line.changes.add(st);
        }
        try {
            byte[] json = Json.MAPPER.writeValueAsBytes(line);
            byte[] out = new byte[json.length + 1];
            System.arraycopy(json, 0, out, 0, json.length);
            out[json.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses the committed prefix of the journal; every line must be a complete, valid record. */
    public static List<VersionRecord> decode(byte[] data, long length) {
        if (data.length < length) {
            throw new CorruptionException("The version journal is shorter (" + data.length + " bytes) than the manifest says ("
                    + length + "); some history is missing. Run verifyIntegrity with repair, or restore from a backup.",
                    Map.of("corruptedItem", JOURNAL_PATH, "expected", length, "actual", data.length));
        }
        List<VersionRecord> out = new ArrayList<>();
        int start = 0;
        int end = (int) length;
        int lineNo = 0;
        while (start < end) {
            int nl = start;
            while (nl < end && data[nl] != '\n') {
                nl++;
            }
            lineNo++;
            if (nl == end) {
                throw corrupt(lineNo, "the last committed line is cut short", null);
            }
            if (nl > start) {
                out.add(decodeLine(new String(data, start, nl - start, StandardCharsets.UTF_8), lineNo));
            }
            start = nl + 1;
        }
        return out;
    }

    /** A complete, valid line found past the committed end, and the journal length with it. */
    public record TailLine(VersionRecord record, long end) {
    }

    /**
     * The complete, valid lines after {@code from} (bytes no manifest at hand commits), in order,
     * stopping at the first line that is cut short or does not decode.
     */
    public static List<TailLine> decodeTail(byte[] data, long from) {
        List<TailLine> out = new ArrayList<>();
        int start = (int) Math.min(from, data.length);
        int lineNo = 0;
        while (start < data.length) {
            int nl = start;
            while (nl < data.length && data[nl] != '\n') {
                nl++;
            }
            if (nl == data.length) {
                break; // cut short
            }
            lineNo++;
            if (nl > start) {
                try {
                    out.add(new TailLine(decodeLine(new String(data, start, nl - start, StandardCharsets.UTF_8), lineNo),
                            nl + 1));
                } catch (CorruptionException e) {
                    break;
                }
            }
            start = nl + 1;
        }
        return out;
    }

    private static VersionRecord decodeLine(String text, int lineNo) {
        Line line;
        try {
            line = Json.MAPPER.readValue(text, Line.class);
        } catch (IOException e) {
            throw corrupt(lineNo, "it is not valid JSON", e);
        }
        if (line.id == null || line.timestamp == null) {
            throw corrupt(lineNo, "it has no id or timestamp", null);
        }
        List<FileState> changes = new ArrayList<>(line.changes.size());
        for (State st : line.changes) {
            if (st.path == null || st.inodeId == null) {
                throw corrupt(lineNo, "a file entry has no path or inodeId", null);
            }
            ChangeType ct = st.changeType != null ? ChangeType.fromJson(st.changeType)
                    : Boolean.TRUE.equals(st.deleted) ? ChangeType.DELETED : null;
            changes.add(new FileState(st.inodeId, st.path, st.hash, st.size, FileType.fromJson(st.type), st.contentRef,
                    ct, st.fromPath, st.previousHash));
        }
        try {
            return new VersionRecord(line.id, line.parentId, Json.parseTime(line.timestamp),
                    line.message == null ? "" : line.message, line.author == null ? "unknown" : line.author, line.email,
                    line.tags == null ? List.of() : List.copyOf(line.tags), Boolean.TRUE.equals(line.autoSaved),
                    List.copyOf(changes));
        } catch (RuntimeException e) {
            throw corrupt(lineNo, "a value is malformed (" + e.getMessage() + ")", e);
        }
    }

    private static CorruptionException corrupt(int lineNo, String why, Throwable cause) {
        return new CorruptionException("Version " + lineNo + " in the version journal cannot be read: " + why
                + ". Run verifyIntegrity with repair, or restore the project from a backup.",
                Map.of("corruptedItem", JOURNAL_PATH, "line", lineNo), cause);
    }
}
