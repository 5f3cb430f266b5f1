package io.kamaros.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.RetentionSettings;
import io.kamaros.frontend.DurationText;
import io.kamaros.frontend.ProjectLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Per-project CLI settings in {@code <project>/.jcf/config.json} (spec §5: flags › {@code JCF_*}
 * environment › this file). The engine only records author and e-mail when a project is created,
 * so the CLI keeps the settings people change later, and the work tree of a project that versions
 * a folder in place, here.
 */
public final class CliSettings {
    public static final String FILE = ProjectLocation.SETTINGS_FILE;
    /** Keys people may set with {@code kamaros config}, in the order they are listed. */
    public static final List<String> KEYS = List.of("author", "email", "compressionLevel", "autoGC", "maxFileSize",
            "snapshotInterval", "workTree", "autosave", WatchCommand.SETTLE_KEY, WatchCommand.INTERVAL_KEY,
            RetentionSettings.THIN_MANUAL_KEY, RetentionSettings.THIN_TAGGED_KEY, RetentionSettings.AUTO_KEY,
            RetentionSettings.AUTO_INTERVAL_KEY);
    /** Keys that hold true or false. */
    private static final List<String> SWITCHES = List.of("autoGC", RetentionSettings.THIN_MANUAL_KEY,
            RetentionSettings.THIN_TAGGED_KEY, RetentionSettings.AUTO_KEY);

    private final Path file;
    private final Map<String, Object> values;

    private CliSettings(Path file, Map<String, Object> values) {
        this.file = file;
        this.values = values;
    }

    public static CliSettings load(Path projectRoot) {
        Path file = projectRoot.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new CliSettings(file, new LinkedHashMap<>());
        }
        try {
            return new CliSettings(file, readObject(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new CliException(ExitCodes.GENERAL, "BAD_CONFIG", "Cannot read " + file + " (" + firstLine(e)
                    + "); fix or delete it.");
        }
    }

    /**
     * The file as an ordered map, read with jackson-core's streaming parser: this runs before every
     * command, and data binding's set-up alone takes about 140 ms in a fresh JVM.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> readObject(byte[] json) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "expected a JSON object");
            }
            // START_OBJECT reads as a map, never as null
            Map<String, Object> m = (Map<String, Object>) Objects.requireNonNull(readValue(p, t));
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "data after the JSON object");
            }
            return m;
        }
    }

    /** One value as data binding reads an untyped one: ordered maps, lists, the smallest number type. */
    private static @Nullable Object readValue(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new JsonParseException(p, "unexpected end of input");
        }
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
                    String name = p.currentName();
                    m.put(name, readValue(p, p.nextToken()));
                }
                yield m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    l.add(readValue(p, v));
                }
                yield l;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(p, "unexpected " + t);
        };
    }

    private static String firstLine(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.lines().findFirst().orElse(m);
    }

    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    public @Nullable String get(String key) {
        Object v = values.get(key);
        return v == null ? null : String.valueOf(v);
    }

    /** Sets (null: removes) a key after checking that the engine accepts the value. */
    public void set(String key, @Nullable String value) {
        if (!KEYS.contains(key)) {
            throw CliException.badArgument("Unknown setting '" + key + "'. Known: " + String.join(", ", KEYS) + ".");
        }
        Map<String, Object> next = new LinkedHashMap<>(values);
        if (value == null) {
            next.remove(key);
        } else {
            next.put(key, typed(key, value));
        }
        try {
            toConfig(next, Map.of()); // validation only: a bad value never reaches the file
        } catch (JcfException e) {
            throw CliException.badArgument(e.getMessage());
        }
        values.clear();
        values.putAll(next);
    }

    private static Object typed(String key, String value) {
        if (SWITCHES.contains(key)) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw CliException.badArgument(key + " must be true or false (got " + value + ").");
            }
            return Boolean.parseBoolean(value);
        }
        try {
            return switch (key) {
                case "compressionLevel", "snapshotInterval" -> Integer.parseInt(value.trim());
                case "maxFileSize" -> Long.parseLong(value.trim());
                case RetentionSettings.AUTO_INTERVAL_KEY -> {
                    if (DurationText.parse(value) == null) {
                        throw CliException.badArgument(key + " must be a time such as 30m or 1h (got " + value + ").");
                    }
                    yield value.strip();
                }
                case "workTree" -> Path.of(value).toAbsolutePath().normalize().toString();
                default -> value;
            };
        } catch (NumberFormatException e) {
            throw CliException.badArgument(key + " must be a whole number (got " + value + ").");
        }
    }

    public void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), values);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException(ExitCodes.GENERAL, "STORAGE_ERROR", "Cannot write " + file + ": " + e.getMessage());
        }
    }

    public JcfConfig toConfig(Map<String, String> env) {
        return toConfig(values, env);
    }

    private static JcfConfig toConfig(Map<String, Object> values, Map<String, String> env) {
        JcfConfig.Builder b = JcfConfig.builder();
        if (values.get("author") != null) {
            b.author(String.valueOf(values.get("author")));
        }
        if (values.get("email") != null) {
            b.email(String.valueOf(values.get("email")));
        }
        if (values.get("compressionLevel") instanceof Number n) {
            b.compressionLevel(n.intValue());
        }
        if (values.get("autoGC") instanceof Boolean g) {
            b.autoGc(g);
        }
        if (values.get("maxFileSize") instanceof Number n) {
            b.maxFileSize(n.longValue());
        }
        if (values.get("snapshotInterval") instanceof Number n) {
            b.snapshotInterval(n.intValue());
        }
        return b.fromEnvironment(env).build();
    }
}
