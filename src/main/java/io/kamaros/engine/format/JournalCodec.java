package io.kamaros.engine.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.ForgottenVersions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import io.kamaros.engine.model.PathRules;
import org.jspecify.annotations.Nullable;

import static io.kamaros.engine.format.Json.expect;
import static io.kamaros.engine.format.Json.text;

/**
 * The version journal: one JSON object a line, appended at each checkpoint and never rewritten
 * (spec §7.10: the original rewrote versions × files at every save). The manifest records how many
 * bytes are committed, so a line half-written by a crash is never read. Every line is appended to
 * a second copy as well ({@link #copyPath}): a line damaged in one is read from the other
 * ({@link #recover}), and a line damaged in both costs its version only.
 */
public final class JournalCodec {
    public static final String JOURNAL_PATH = ".store/versions.jsonl";

    private JournalCodec() {
    }

    /** JSON shape of one journal line. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Line {
        public @Nullable String id;
        public @Nullable String parentId;
        public @Nullable String timestamp;
        public @Nullable String message;
        public @Nullable String author;
        public @Nullable String email;
        public @Nullable List<String> tags;
        public @Nullable Boolean autoSaved;
        /** True on a version autosave made (see {@link VersionRecord}); absent on every other line. */
        public @Nullable Boolean automatic;
        /**
         * True on lines that leave out the {@code contentRef} every stored content would repeat
         * ({@code .store/blobs/<hash>}, 78 bytes per file; a first version of 2,500 files is a
         * 0.8 MB line). In such a line an absent contentRef of a file with a hash means its blob,
         * and {@code ""} means none. Lines without the flag (older ones) hold every contentRef.
         */
        public @Nullable Boolean blobRefsImplied;
        public List<State> changes = new ArrayList<>();
        /** Empty folders this version adds / removes (see {@link VersionRecord}); absent = none. */
        public @Nullable List<String> foldersAdded;
        public @Nullable List<String> foldersRemoved;
        /** Versions forgotten just before this one (see {@link VersionRecord}); absent = none. */
        public @Nullable Gap forgotten;
    }

    /** JSON shape of {@link ForgottenVersions}. */
    static final class Gap {
        public int count;
        public @Nullable String oldest;
        public @Nullable String newest;
        public @Nullable String at;
        public @Nullable String by;
    }

    private static final String BLOBS = ".store/blobs/";

    /** JSON shape of a changed file (spec's FileState plus fromPath/previousHash). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class State {
        public @Nullable String inodeId;
        public @Nullable String path;
        public @Nullable String hash;
        public long size;
        public @Nullable String type;
        public @Nullable String contentRef;
        public @Nullable String changeType;
        public @Nullable Boolean deleted;
        public @Nullable String fromPath;
        public @Nullable String previousHash;
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
        line.automatic = r.automatic() ? Boolean.TRUE : null;
        line.blobRefsImplied = Boolean.TRUE;
        line.foldersAdded = r.foldersAdded().isEmpty() ? null : r.foldersAdded();
        line.foldersRemoved = r.foldersRemoved().isEmpty() ? null : r.foldersRemoved();
        ForgottenVersions f = r.forgotten();
        if (f != null) {
            Gap gap = new Gap();
            gap.count = f.count();
            gap.oldest = Json.formatTime(f.oldest());
            gap.newest = Json.formatTime(f.newest());
            gap.at = Json.formatTime(f.at());
            gap.by = f.by();
            line.forgotten = gap;
        }
        for (FileState s : r.changes()) {
            State st = new State();
            st.inodeId = s.inodeId();
            st.path = s.path();
            st.hash = s.hash();
            st.size = s.size();
            st.type = s.type() == null ? null : s.type().jsonName();
            st.contentRef = s.contentRef();
            if (s.hash() != null && s.contentRef() != null && s.contentRef().length() == BLOBS.length() + s.hash().length()
                    && s.contentRef().startsWith(BLOBS) && s.contentRef().endsWith(s.hash())) {
                st.contentRef = null; // implied
            } else if (s.hash() != null && s.contentRef() == null) {
                st.contentRef = ""; // none, said explicitly
            }
            st.changeType = s.changeType() == null ? null : s.changeType().jsonName();
            st.deleted = s.deleted() ? Boolean.TRUE : null;
            st.fromPath = s.previousPath();
            st.previousHash = s.previousHash();
            line.changes.add(st);
        }
        try {
            // {"sha256":"<SHA-256 of the line's JSON>", then that JSON without its opening brace
            byte[] json = write(line);
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
        } catch (IOException e) {
            throw new IllegalStateException(e); // writing to memory
        }
    }

    /**
     * A line's JSON, written with the streaming generator in exactly data binding's form (members in
     * declaration order, nulls left out; a test compares the bytes), so that a process that only
     * saves, such as the command line's {@code commit}, never sets up data binding (≈ 140 ms in a
     * fresh JVM).
     */
    static byte[] write(Line line) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 200 * line.changes.size());
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            Json.stringField(g, "id", line.id);
            Json.stringField(g, "parentId", line.parentId);
            Json.stringField(g, "timestamp", line.timestamp);
            Json.stringField(g, "message", line.message);
            Json.stringField(g, "author", line.author);
            Json.stringField(g, "email", line.email);
            if (line.tags != null) {
                g.writeArrayFieldStart("tags");
                for (String t : line.tags) {
                    g.writeString(t);
                }
                g.writeEndArray();
            }
            if (line.autoSaved != null) {
                g.writeBooleanField("autoSaved", line.autoSaved);
            }
            if (line.automatic != null) {
                g.writeBooleanField("automatic", line.automatic);
            }
            if (line.blobRefsImplied != null) {
                g.writeBooleanField("blobRefsImplied", line.blobRefsImplied);
            }
            if (line.changes != null) {
                g.writeArrayFieldStart("changes");
                for (State st : line.changes) {
                    g.writeStartObject();
                    Json.stringField(g, "inodeId", st.inodeId);
                    Json.stringField(g, "path", st.path);
                    Json.stringField(g, "hash", st.hash);
                    g.writeNumberField("size", st.size);
                    Json.stringField(g, "type", st.type);
                    Json.stringField(g, "contentRef", st.contentRef);
                    Json.stringField(g, "changeType", st.changeType);
                    if (st.deleted != null) {
                        g.writeBooleanField("deleted", st.deleted);
                    }
                    Json.stringField(g, "fromPath", st.fromPath);
                    Json.stringField(g, "previousHash", st.previousHash);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            stringArray(g, "foldersAdded", line.foldersAdded);
            stringArray(g, "foldersRemoved", line.foldersRemoved);
            Gap gap = line.forgotten;
            if (gap != null) {
                g.writeObjectFieldStart("forgotten");
                g.writeNumberField("count", gap.count);
                Json.stringField(g, "oldest", gap.oldest);
                Json.stringField(g, "newest", gap.newest);
                Json.stringField(g, "at", gap.at);
                Json.stringField(g, "by", gap.by);
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void stringArray(JsonGenerator g, String name, @Nullable List<String> values) throws IOException {
        if (values != null) {
            g.writeArrayFieldStart(name);
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }

    /** Parses the committed prefix of the journal; every line must be a complete, valid record. */
    public static List<VersionRecord> decode(byte[] data, long length) {
        if (data.length < length) {
            throw new CorruptionException("The version journal is shorter (" + data.length + " bytes) than the manifest says ("
                    + length + "); some history is missing. Run verifyIntegrity with repair, or restore from a backup.",
                    Map.of("corruptedItem", JOURNAL_PATH, "expected", length, "actual", data.length));
        }
        List<int[]> lines = new ArrayList<>(); // {start, length, line number}
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
                lines.add(new int[] {start, nl - start, lineNo});
            }
            start = nl + 1;
        }
        // Lines are independent: decode them on every core (opening a long history is mostly this).
        // On a failure, decode in order so that the error names the first bad line, every time.
        try {
            return IntStream.range(0, lines.size()).parallel()
                    .mapToObj(i -> decodeLine(data, lines.get(i)[0], lines.get(i)[1], lines.get(i)[2])).toList();
        } catch (CorruptionException e) {
            List<VersionRecord> out = new ArrayList<>(lines.size());
            for (int[] l : lines) {
                out.add(decodeLine(data, l[0], l[1], l[2]));
            }
            return out;
        }
    }

    /** Where the second copy of a journal is kept: the same bytes, appended line by line with it. */
    public static String copyPath(String journalPath) {
        return journalPath + ".copy";
    }

    /** A committed line that neither copy holds intact: its place, and its id when that can still be seen. */
    public record LostLine(int line, long start, long end, @Nullable String id, @Nullable String why) {
        public String describe() {
            return "line " + line + " (bytes " + start + "-" + end + (id == null ? "" : ", version " + id) + "): " + why;
        }
    }

    /**
     * What {@link #recover} read: every version a line of either copy holds intact, the lines lost in
     * both, the 1-based numbers of the lines that are damaged or missing in each copy, and the
     * journal as it should be (each line from the copy that holds it intact; the bytes of a lost
     * line as the journal has them) — what repair writes back to both files.
     */
    public record Recovered(List<VersionRecord> records, List<LostLine> lost, List<Integer> badInJournal,
                            List<Integer> badInCopy, byte[] healed) {
        public boolean intact() {
            return lost.isEmpty() && badInJournal.isEmpty() && badInCopy.isEmpty();
        }
    }

    /**
     * Reads the committed prefix of the journal from two copies (the copy may be null: a project
     * written before copies existed, or one whose copy is gone), line by line: a line is taken from
     * the journal when it decodes with its checksum, else from the copy at the same offset; a line
     * intact in neither is reported and skipped, and every other version still loads. A line
     * without a checksum (written before they existed) is taken when it decodes and both copies agree.
     */
    public static Recovered recover(byte[] journal, byte @Nullable [] copy, long length) {
        List<VersionRecord> records = new ArrayList<>();
        List<LostLine> lost = new ArrayList<>();
        List<Integer> badJ = new ArrayList<>();
        List<Integer> badC = new ArrayList<>();
        ByteArrayOutputStream healed = new ByteArrayOutputStream((int) Math.min(length, 1 << 26));
        long pos = 0;
        int lineNo = 0;
        while (pos < length) {
            lineNo++;
            Candidate j = candidate(journal, pos, length, lineNo);
            Candidate c = copy == null ? null : candidate(copy, pos, length, lineNo);
            Candidate take = null;
            if (j.checked()) {
                take = j;
            } else if (c != null && c.checked()) {
                take = c;
            } else if (j.record() != null && (c == null || c.sameBytes(j))) {
                take = j; // an unchecked (old) line both copies agree on
            } else if (j.record() == null && c != null && c.record() != null && !c.checked()) {
                take = c;
            }
            if (take != null) {
                records.add(Objects.requireNonNull(take.record(), "a line is taken only when it decoded"));
                healed.write(take.data(), (int) pos, (int) (take.end() - pos));
                if (!take.sameBytes(j)) {
                    badJ.add(lineNo);
                }
                if (copy != null && (c == null || !take.sameBytes(c))) {
                    badC.add(lineNo);
                }
                pos = take.end();
                continue;
            }
            // Intact in neither: skip to the end of the line as the journal (else the copy) has it.
            Candidate skip = j.end() > pos ? j : c != null && c.end() > pos ? c : null;
            long end = skip == null ? length : skip.end();
            byte[] src = skip == null ? journal : skip.data();
            // A damaged newline joins two lines: the second begins where a checksummed line's prefix does.
            long next = indexOf(src, CHECKSUM_PREFIX, pos + 1, Math.min(end, src.length));
            if (next > pos && src[(int) next - 1] != '\n') {
                end = next;
            }
            int n = (int) (Math.min(end, src.length) - pos);
            if (n > 0) {
                healed.write(src, (int) pos, n);
            }
            lost.add(new LostLine(lineNo, pos, end, idIn(src, pos, end), j.why()));
            badJ.add(lineNo);
            if (copy != null) {
                badC.add(lineNo);
            }
            pos = end;
        }
        return new Recovered(records, lost, badJ, badC, healed.toByteArray());
    }

    /** One copy's line at an offset: its bytes' end (after the newline; -1 when cut short), and its record when it decodes. */
    private record Candidate(byte[] data, long start, long end, @Nullable VersionRecord record, boolean checked,
                             @Nullable String why) {
        boolean sameBytes(@Nullable Candidate o) {
            return o != null && o.end == end && end > start
                    && Arrays.equals(data, (int) start, (int) end, o.data, (int) start, (int) end);
        }
    }

    private static Candidate candidate(byte[] data, long pos, long length, int lineNo) {
        long limit = Math.min(length, data.length);
        int nl = (int) pos;
        while (nl < limit && data[nl] != '\n') {
            nl++;
        }
        if (nl >= limit) {
            return new Candidate(data, pos, -1, null, false, data.length < length
                    ? "the file is shorter than the manifest says" : "the last committed line is cut short");
        }
        try {
            VersionRecord r = decodeLine(data, (int) pos, nl - (int) pos, lineNo);
            return new Candidate(data, pos, nl + 1, r, hasChecksum(data, (int) pos, nl - (int) pos), null);
        } catch (CorruptionException e) {
            String m = Objects.requireNonNull(e.getMessage(), "corrupt() always says why");
            int a = m.indexOf(": ");
            int b = m.indexOf(". Run");
            return new Candidate(data, pos, nl + 1, null, false, a > 0 && b > a ? m.substring(a + 2, b) : m);
        }
    }

    private static long indexOf(byte[] data, byte[] what, long from, long to) {
        outer:
        for (long i = from; i + what.length <= to; i++) {
            for (int k = 0; k < what.length; k++) {
                if (data[(int) i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean hasChecksum(byte[] data, int start, int len) {
        int p = CHECKSUM_PREFIX.length;
        return len >= p + 67 && Arrays.equals(data, start, start + p, CHECKSUM_PREFIX, 0, p)
                && data[start + p + 64] == '"' && data[start + p + 65] == ',';
    }

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9A-Za-z-]{1,64})\"");

    /** The version id a damaged line still shows, or null. */
    private static @Nullable String idIn(byte[] data, long start, long end) {
        int to = (int) Math.min(Math.min(end, data.length), start + 400);
        Matcher m = ID.matcher(new String(data, (int) start, Math.max(0, to - (int) start),
                StandardCharsets.ISO_8859_1));
        return m.find() ? m.group(1) : null;
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
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static String sha256Hex(byte[] data, int off, int len) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update(data, off, len);
        return HexFormat.of().formatHex(md.digest());
    }

    private static VersionRecord decodeLine(byte[] data, int start, int len, int lineNo) {
        int p = CHECKSUM_PREFIX.length;
        if (len >= p + 67 && Arrays.equals(data, start, start + p, CHECKSUM_PREFIX, 0, p)
                && data[start + p + 64] == '"' && data[start + p + 65] == ',') {
            // The checksum covers '{' and the rest after the checksum member, hashed in place.
            MessageDigest md = SHA256.get();
            md.reset();
            md.update((byte) '{');
            md.update(data, start + p + 66, len - p - 66);
            String declared = new String(data, start + p, 64, StandardCharsets.ISO_8859_1);
            if (!HexFormat.of().formatHex(md.digest()).equals(declared)) {
                throw corrupt(lineNo, "its SHA-256 checksum does not match its contents", null);
            }
        }
        // The whole line is valid JSON: its "sha256" member is skipped like any unknown field.
        Line line;
        try (JsonParser parser = Json.FACTORY.createParser(data, start, len)) {
            line = readLine(parser);
            if (parser.nextToken() != null) {
                throw corrupt(lineNo, "it has data after its JSON object", null);
            }
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
            String ref = st.contentRef;
            if (Boolean.TRUE.equals(line.blobRefsImplied) && st.hash != null) {
                ref = ref == null ? BLOBS + st.hash : ref.isEmpty() ? null : ref;
            }
            // A line as read is kept as it is, as before: an entry without a hash (a hand-edited or foreign
            // journal) still loads with a null hash, which the readers of FileState check, rather than failing.
            @SuppressWarnings("NullAway")
            FileState state = new FileState(st.inodeId, st.path, st.hash, st.size, FileType.fromJson(st.type), ref,
                    ct, st.fromPath, st.previousHash);
            changes.add(state);
        }
        try {
            // As before, a blank timestamp reads as null rather than failing the line (it passed the check above).
            @SuppressWarnings("NullAway")
            VersionRecord record = new VersionRecord(line.id, line.parentId, Json.parseTime(line.timestamp),
                    line.message == null ? "" : line.message, line.author == null ? "unknown" : line.author, line.email,
                    line.tags == null ? List.of() : List.copyOf(line.tags), Boolean.TRUE.equals(line.autoSaved),
                    List.copyOf(changes), folders(line.foldersAdded, lineNo), folders(line.foldersRemoved, lineNo),
                    Boolean.TRUE.equals(line.automatic), gap(line.forgotten, lineNo));
            return record;
        } catch (RuntimeException e) {
            throw corrupt(lineNo, "a value is malformed (" + e.getMessage() + ")", e);
        }
    }

    /** A line's gap marker; a malformed one makes the line damaged. */
    private static @Nullable ForgottenVersions gap(@Nullable Gap gap, int lineNo) {
        if (gap == null) {
            return null;
        }
        if (gap.count < 1 || gap.oldest == null || gap.newest == null || gap.at == null || gap.by == null) {
            throw corrupt(lineNo, "its forgotten-versions note is incomplete", null);
        }
        Instant oldest = Json.parseTime(gap.oldest);
        Instant newest = Json.parseTime(gap.newest);
        Instant at = Json.parseTime(gap.at);
        if (oldest == null || newest == null || at == null) {
            throw corrupt(lineNo, "its forgotten-versions note has a blank time", null);
        }
        return new ForgottenVersions(gap.count, oldest, newest, at, gap.by);
    }

    /** A line's folder list; every entry must be a valid project path. */
    private static List<String> folders(@Nullable List<String> paths, int lineNo) {
        if (paths == null) {
            return List.of();
        }
        for (String p : paths) {
            if (p == null || PathRules.problemOf(p) != null) {
                throw corrupt(lineNo, "an empty folder has an invalid path", null);
            }
        }
        return List.copyOf(paths);
    }

    /*
     * Lines are read with Jackson's streaming parser rather than data binding: opening a project
     * reads one line per version, and in a freshly started JVM the binding machinery (reflection,
     * deserializer set-up per call) made this the largest part of opening 10,000 versions. The
     * rules are binding's: unknown members are skipped, scalars are accepted for text, a wrong
     * shape is an error.
     */

    private static Line readLine(JsonParser parser) throws IOException {
        expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
        Line line = new Line();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "id" -> line.id = text(parser, value);
                case "parentId" -> line.parentId = text(parser, value);
                case "timestamp" -> line.timestamp = text(parser, value);
                case "message" -> line.message = text(parser, value);
                case "author" -> line.author = text(parser, value);
                case "email" -> line.email = text(parser, value);
                case "autoSaved" -> line.autoSaved = bool(parser, value);
                case "automatic" -> line.automatic = bool(parser, value);
                case "blobRefsImplied" -> line.blobRefsImplied = bool(parser, value);
                case "tags" -> line.tags = strings(parser, value);
                case "foldersAdded" -> line.foldersAdded = strings(parser, value);
                case "foldersRemoved" -> line.foldersRemoved = strings(parser, value);
                case "forgotten" -> line.forgotten = readGap(parser, value);
                case "changes" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        expect(parser, value, JsonToken.START_ARRAY);
                        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                            line.changes.add(readState(parser, t));
                        }
                    }
                }
                default -> parser.skipChildren();
            }
        }
        expect(parser, parser.currentToken(), JsonToken.END_OBJECT);
        return line;
    }

    private static @Nullable Gap readGap(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, value, JsonToken.START_OBJECT);
        Gap gap = new Gap();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken v = parser.nextToken();
            switch (name) {
                case "count" -> gap.count = (int) number(parser, v);
                case "oldest" -> gap.oldest = text(parser, v);
                case "newest" -> gap.newest = text(parser, v);
                case "at" -> gap.at = text(parser, v);
                case "by" -> gap.by = text(parser, v);
                default -> parser.skipChildren();
            }
        }
        expect(parser, parser.currentToken(), JsonToken.END_OBJECT);
        return gap;
    }

    private static @Nullable List<String> strings(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, value, JsonToken.START_ARRAY);
        List<String> out = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            out.add(text(parser, t));
        }
        return out;
    }

    private static State readState(JsonParser parser, JsonToken start) throws IOException {
        expect(parser, start, JsonToken.START_OBJECT);
        State st = new State();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "inodeId" -> st.inodeId = text(parser, value);
                case "path" -> st.path = text(parser, value);
                case "hash" -> st.hash = text(parser, value);
                case "size" -> st.size = number(parser, value);
                case "type" -> st.type = text(parser, value);
                case "contentRef" -> st.contentRef = text(parser, value);
                case "changeType" -> st.changeType = text(parser, value);
                case "deleted" -> st.deleted = bool(parser, value);
                case "fromPath" -> st.fromPath = text(parser, value);
                case "previousHash" -> st.previousHash = text(parser, value);
                default -> parser.skipChildren();
            }
        }
        expect(parser, parser.currentToken(), JsonToken.END_OBJECT);
        return st;
    }

    private static @Nullable Boolean bool(JsonParser parser, @Nullable JsonToken value) throws IOException {
        return switch (value == null ? JsonToken.NOT_AVAILABLE : value) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(parser, "expected true or false, found " + value);
        };
    }

    private static long number(JsonParser parser, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NULL ? 0 : Json.whole(parser, value);
    }

    private static CorruptionException corrupt(int lineNo, String why, @Nullable Throwable cause) {
        return new CorruptionException("Version " + lineNo + " in the version journal cannot be read: " + why
                + ". Run verifyIntegrity with repair, or restore the project from a backup.",
                Map.of("corruptedItem", JOURNAL_PATH, "line", lineNo), cause);
    }
}
