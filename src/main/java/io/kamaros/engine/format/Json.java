package io.kamaros.engine.format;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The one Jackson mapper of the engine, its streaming factory, and the manifest's timestamp format. */
public final class Json {
    /**
     * For the streaming readers (journal lines, the project manifest, settings): plain jackson-core,
     * without data binding, whose set-up alone is ≈ 140 ms in a fresh JVM.
     */
    public static final JsonFactory FACTORY = new JsonFactory();

    /** Made on first use: opening a project and the CLI's read-only commands never need it. */
    private static final class Mapper {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
    }

    /** The data-binding mapper (writing manifests and journal lines, archives' manifests). */
    public static ObjectMapper mapper() {
        return Mapper.MAPPER;
    }

    /**
     * Reads one JSON value the way data binding reads an untyped value: objects as ordered maps,
     * arrays as lists, whole numbers as Integer, Long or BigInteger, others as Double.
     */
    public static @Nullable Object readValue(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new JsonParseException(p, "unexpected end of input");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, readValue(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    l.add(readValue(p, v));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberValue(); // Integer, Long or BigInteger, the smallest that fits
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonParseException(p, "unexpected " + t);
        }
    }

    // Helpers of the streaming readers, with data binding's rules for the same Java types.

    /** Text as data binding reads a String: a scalar's text; null stays null; anything else is an error. */
    public static @Nullable String text(JsonParser p, @Nullable JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v == null || !v.isScalarValue()) {
            throw new JsonParseException(p, "expected text, found " + v);
        }
        return p.getText();
    }

    /** Writes {@code "name":"value"}, or nothing when the value is null (data binding's NON_NULL). */
    public static void stringField(JsonGenerator g, String name, @Nullable String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** A whole number that fits a long, also written as text ("123"), as data binding accepts. */
    public static long whole(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new JsonParseException(p, "number out of range: " + p.getText());
            }
            return p.getLongValue();
        }
        if (v == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(p.getText().strip());
            } catch (NumberFormatException e) {
                throw new JsonParseException(p, "not a whole number: " + p.getText());
            }
        }
        throw new JsonParseException(p, "expected a whole number, found " + v);
    }

    public static void expect(JsonParser p, JsonToken actual, JsonToken wanted) throws IOException {
        if (actual != wanted) {
            throw new JsonParseException(p, "expected " + wanted + ", found " + actual);
        }
    }

    /** A JSON document that must be an object, as an ordered map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "expected a JSON object");
            }
            // START_OBJECT reads as a map, never null
            Map<String, Object> m = (Map<String, Object>) Objects.requireNonNull(readValue(p, t));
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "data after the JSON object");
            }
            return m;
        }
    }

    private static final DateTimeFormatter WRITE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {
    }

    /** UTC with milliseconds, e.g. 2026-11-25T13:18:28.156Z (spec §2). */
    public static String formatTime(Instant instant) {
        return WRITE.format(instant);
    }

    /**
     * Accepts any ISO form: Z or an offset (the original core wrote +00:00 with nanoseconds) or no
     * zone at all (the Python wrapper wrote local time without a zone; read as UTC).
     */
    public static @Nullable Instant parseTime(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant ours = parseOwnFormat(text);
        if (ours != null) {
            return ours;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e2) {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
        }
    }

    /**
     * The exact form {@link #formatTime} writes, read by hand: opening a project reads one timestamp
     * per version, and java.time's general parser was a visible part of opening 10,000 versions in a
     * fresh JVM. Anything else (or an impossible date) returns null and takes the general path.
     */
    static @Nullable Instant parseOwnFormat(String t) {
        if (t.length() != 24 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(19) != '.' || t.charAt(23) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        int millis = digits(t, 20, 3);
        if ((year | month | day | hour | minute | second | millis) < 0 || month < 1 || month > 12 || day < 1
                || hour > 23 || minute > 59 || second > 59 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
    }

    /** The non-negative number in {@code t[from, from+count)}, or -1 if any character is not a digit. */
    private static int digits(String t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
