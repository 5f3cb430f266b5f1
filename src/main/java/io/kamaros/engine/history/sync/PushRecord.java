package io.kamaros.engine.history.sync;

import io.kamaros.engine.remote.RemoteStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.format.JournalCodec;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.objects.ObjectCipher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One push's never-overwritten record on a remote ({@code pushes/<time>-<sha256>.json}): the versions it adds
 * (their journal lines, exactly as the local journal holds them: parents, author, message, the files they
 * change), the packs and dictionaries it uploaded, and who pushed from which machine. Readers merge every
 * record (docs/storage-format.md, "Remotes"). The name ends with the SHA-256 of the stored bytes, so a reader
 * checks a record before it uses it, as it checks packs.
 *
 * <p>A push from a project that forgot versions also carries {@code forgotten} (the ids: readers treat them as
 * absent, whatever record lists them) and {@code rewritten} (the journal lines those forgets changed: kept versions
 * re-parented past them; a reader takes the newest record's line of a version). See "Forgotten versions on a remote"
 * in docs/storage-format.md.
 *
 * <p>In an encrypted project the stored bytes are {@code "KRS1"} and the JSON sealed with the project's key
 * ({@link ObjectCipher}, object id {@value #SEALED_ID}): the remote holds no path, message or author in the clear.
 */
public record PushRecord(String writer, String machine, String user, Instant time, List<VersionRecord> versions,
                         List<String> packs, List<String> dictionaries, List<String> forgotten,
                         List<VersionRecord> rewritten) {
    public static final String PREFIX = "pushes/";
    static final String SEALED_ID = "pushes/record";
    private static final byte[] SEALED_MAGIC = "KRS1".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern NAME = Pattern.compile("pushes/[0-9TZ]+-([0-9a-f]{64})\\.json");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    public PushRecord {
        versions = List.copyOf(versions);
        packs = List.copyOf(packs);
        dictionaries = List.copyOf(dictionaries);
        forgotten = List.copyOf(forgotten);
        rewritten = List.copyOf(rewritten);
    }

    /** A record that forgets nothing and rewrites no line (every push before forgets reached remotes). */
    public PushRecord(String writer, String machine, String user, Instant time, List<VersionRecord> versions,
                      List<String> packs, List<String> dictionaries) {
        this(writer, machine, user, time, versions, packs, dictionaries, List.of(), List.of());
    }

    /** The bytes stored on the remote (sealed when {@code cipher} is given). */
    public byte[] encode(@Nullable ObjectCipher cipher) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("format", 1);
        root.put("writer", writer);
        root.put("machine", machine);
        root.put("user", user);
        root.put("time", Json.formatTime(time));
        ArrayNode p = root.putArray("packs");
        packs.forEach(p::add);
        ArrayNode d = root.putArray("dictionaries");
        dictionaries.forEach(d::add);
        root.put("journal", lines(versions));
        if (!forgotten.isEmpty() || !rewritten.isEmpty()) { // written only then: other records stay as they were
            ArrayNode f = root.putArray("forgotten");
            forgotten.forEach(f::add);
            root.put("rewritten", lines(rewritten));
        }
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
        if (cipher == null) {
            return json;
        }
        byte[] sealed = cipher.seal(json, SEALED_ID);
        byte[] out = Arrays.copyOf(SEALED_MAGIC, SEALED_MAGIC.length + sealed.length);
        System.arraycopy(sealed, 0, out, SEALED_MAGIC.length, sealed.length);
        return out;
    }

    private static String lines(List<VersionRecord> versions) {
        ByteArrayOutputStream journal = new ByteArrayOutputStream();
        for (VersionRecord v : versions) {
            journal.writeBytes(JournalCodec.encode(v));
        }
        return journal.toString(StandardCharsets.UTF_8);
    }

    /** The name a record with these stored bytes gets: its time and the bytes' SHA-256. */
    public static String nameFor(Instant time, byte[] stored) {
        return PREFIX + STAMP.format(time) + "-" + sha256Hex(stored) + ".json";
    }

    /** The time in a push record's (or prune mark's) name, {@code <prefix><time>-<sha256>.json}; null if none. */
    static @Nullable Instant timeInName(String name) {
        int slash = name.lastIndexOf('/');
        int dash = name.indexOf('-', slash + 1);
        if (dash < 0) {
            return null;
        }
        try {
            return STAMP.parse(name.substring(slash + 1, dash), Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String stamp(Instant time) {
        return STAMP.format(time);
    }

    /** Whether {@code name} is a push record's name. */
    public static boolean isRecordName(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * Reads a record downloaded from {@code name}: its bytes must hash to the name, open with the project's key
     * when sealed, and hold intact journal lines; anything else is a {@link CorruptionException} naming it.
     */
    public static PushRecord decode(String name, byte[] stored, @Nullable ObjectCipher cipher, String where) {
        Matcher m = NAME.matcher(name);
        if (!m.matches() || !m.group(1).equals(sha256Hex(stored))) {
            throw damaged(name, where, "its bytes do not match the checksum in its name (changed or cut short)", null);
        }
        boolean sealed = stored.length >= SEALED_MAGIC.length
                && Arrays.equals(Arrays.copyOf(stored, SEALED_MAGIC.length), SEALED_MAGIC);
        byte[] json = stored;
        if (sealed) {
            if (cipher == null) {
                throw damaged(name, where, "it is encrypted but this project is not", null);
            }
            try {
                json = cipher.open(Arrays.copyOfRange(stored, SEALED_MAGIC.length, stored.length), SEALED_ID);
            } catch (RuntimeException e) {
                throw damaged(name, where, "it does not open with this project's key", e);
            }
        } else if (cipher != null) {
            throw damaged(name, where, "it is not encrypted but this project is", null);
        }
        try {
            JsonNode root = Json.mapper().readTree(json);
            if (root == null || root.path("format").asInt(0) != 1) {
                throw damaged(name, where, "it is not a push record this version reads", null);
            }
            List<VersionRecord> versions = decodeLines(root.path("journal"));
            List<VersionRecord> rewritten = decodeLines(root.path("rewritten"));
            Instant time = Json.parseTime(root.path("time").asText(null));
            return new PushRecord(root.path("writer").asText(""), root.path("machine").asText(""),
                    root.path("user").asText(""), time == null ? Instant.EPOCH : time, versions,
                    strings(root.path("packs")), strings(root.path("dictionaries")), strings(root.path("forgotten")),
                    rewritten);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CorruptionException c && c.getMessage() != null && c.getMessage().contains(name)) {
                throw c;
            }
            throw damaged(name, where, "it cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static List<VersionRecord> decodeLines(JsonNode text) throws IOException {
        byte[] journal = text.asText("").getBytes(StandardCharsets.UTF_8);
        return JournalCodec.decode(journal, journal.length);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static CorruptionException damaged(String name, String where, String why, @Nullable Throwable cause) {
        return new CorruptionException("The remote object " + name + " on " + where + " is damaged: " + why
                + ". Nothing was taken from it.", Map.of("path", name, "remote", where), cause);
    }

    static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(RemoteStore.digest("SHA-256").digest(data));
    }
}
