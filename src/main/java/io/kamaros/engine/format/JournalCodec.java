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
            // {"sha256":"<SHA-256 of the line's JSON>", then that JSON without its opening brace
            byte[] json = Json.MAPPER.writeValueAsBytes(line);
            byte[] sum = sha256Hex(json, 0, json.length).getBytes(StandardCharsets.US_ASCII);
            int p = CHECKSUM_PREFIX.length;
            byte[] out = new byte[p + 66 + json.length - 1 + 1];
            System.arraycopy(CHECKSUM_PREFIX, 0, out, 0, p);
            System.arraycopy(sum, 0, out, p, 64);
            out[p + 64] = '"';
            out[p + 65] = ',';
            System.arraycopy(json, 1, out, p + 66, json.length - 1);
            out[out.length - 1] = '\n';
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
                out.add(decodeLine(data, start, nl - start, lineNo));
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
                    out.add(new TailLine(decodeLine(data, start, nl - start, lineNo),
                            nl + 1));
                } catch (CorruptionException e) {
                    break;
                }
            }
            start = nl + 1;
        }
        return out;
    }

    /**
     * How a checksummed line begins. Lines written before checksums existed have none and are read
     * as they are; a byte changed inside the prefix only costs that line its check (its JSON is
     * untouched), a byte changed anywhere else fails the check.
     */
    private static final byte[] CHECKSUM_PREFIX = "{\"sha256\":\"".getBytes(StandardCharsets.US_ASCII);

    /** One digest per thread: opening a project checks one line per version (10,000 lookups otherwise). */
    private static final ThreadLocal<java.security.MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static String sha256Hex(byte[] data, int off, int len) {
        java.security.MessageDigest md = SHA256.get();
        md.reset();
        md.update(data, off, len);
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    private static VersionRecord decodeLine(byte[] data, int start, int len, int lineNo) {
        int p = CHECKSUM_PREFIX.length;
        byte[] body;
        int bodyOff;
        int bodyLen;
        if (len >= p + 67 && java.util.Arrays.equals(data, start, start + p, CHECKSUM_PREFIX, 0, p)
                && data[start + p + 64] == '"' && data[start + p + 65] == ',') {
            bodyLen = len - p - 65;
            body = new byte[bodyLen];
            body[0] = '{';
            System.arraycopy(data, start + p + 66, body, 1, bodyLen - 1);
            bodyOff = 0;
            String declared = new String(data, start + p, 64, StandardCharsets.ISO_8859_1);
            if (!sha256Hex(body, 0, bodyLen).equals(declared)) {
                throw corrupt(lineNo, "its SHA-256 checksum does not match its contents", null);
            }
        } else {
            body = data;
            bodyOff = start;
            bodyLen = len;
        }
        Line line;
        try {
            line = Json.MAPPER.readValue(body, bodyOff, bodyLen, Line.class);
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
