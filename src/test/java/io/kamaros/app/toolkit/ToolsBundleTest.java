package io.kamaros.app.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.MessageFormat;
import io.kamaros.app.settings.AppSettings;
import io.kamaros.app.storage.StorageViewModel;
import io.kamaros.engine.model.VerificationReport.FindingType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every text the tools show is in English and in Polish, and every pattern formats. */
class ToolsBundleTest {
    private static final List<String> TOOL_PACKAGES = List.of("toolkit", "transfer", "verify", "gc", "storage", "settings");

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ToolsBundleTest.class.getResourceAsStream("/io/kamaros/app/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    /** The literal keys of {@code I18n.t("...")} calls in the tools' sources. */
    private static Set<String> keysUsedInSources() throws IOException {
        Set<String> keys = new TreeSet<>();
        Pattern call = Pattern.compile("I18n\\.t\\(\"([^\"]+)\"");
        for (String pkg : TOOL_PACKAGES) {
            Path dir = Path.of("src/main/java/io/kamaros/app", pkg);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                    Matcher m = call.matcher(Files.readString(f));
                    while (m.find()) {
                        keys.add(m.group(1));
                    }
                }
            }
        }
        return keys;
    }

    /** Keys built at run time from enums and prefixes. */
    private static List<String> dynamicKeys() {
        List<String> keys = new ArrayList<>(List.of("verify.task.quick", "verify.task.deep", "verify.severity.error",
                "verify.severity.note", "settings.theme.system.dark", "settings.theme.system.light",
                "settings.compression.none", "settings.compression.fast", "settings.compression.balanced",
                "settings.compression.small", "gc.part.blobs", "gc.part.deltas", "gc.part.temp", "gc.part.chunks",
                "gc.part.journal"));
        for (FindingType t : FindingType.values()) {
            String k = "verify.type." + t.name().toLowerCase(Locale.ROOT);
            keys.addAll(List.of(k + ".title", k + ".explain", k + ".todo"));
        }
        for (var part : StorageViewModel.Part.values()) {
            String k = "storage.part." + part.name().toLowerCase(Locale.ROOT);
            keys.addAll(List.of(k, k + ".hint"));
        }
        for (var t : AppSettings.Theme.values()) {
            keys.add("settings.theme." + t.name().toLowerCase(Locale.ROOT));
        }
        for (var l : AppSettings.Language.values()) {
            keys.add("settings.language." + l.name().toLowerCase(Locale.ROOT));
        }
        return keys;
    }

    @Test
    void englishAndPolishHaveTheSameKeys() throws IOException {
        assertThat(bundle("messages_pl.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(bundle("messages.properties").stringPropertyNames());
    }

    @Test
    void everyKeyTheToolsUseExistsInBothLanguages() throws IOException {
        Properties en = bundle("messages.properties");
        Properties pl = bundle("messages_pl.properties");
        Set<String> used = keysUsedInSources();
        used.removeIf(k -> k.endsWith(".")); // prefixes completed at run time, listed in dynamicKeys
        used.addAll(dynamicKeys());
        assertThat(used).hasSizeGreaterThan(150);
        for (String k : used) {
            assertThat(en.getProperty(k)).as("English " + k).isNotBlank();
            assertThat(pl.getProperty(k)).as("Polish " + k).isNotBlank();
        }
    }

    @Test
    void everyPatternFormatsInBothLanguages() throws IOException {
        Object[] args = {3, 7, 4, 12, 5}; // numbers fit both {0} and {0,number}
        for (String name : List.of("messages.properties", "messages_pl.properties")) {
            Properties p = bundle(name);
            Locale locale = name.contains("_pl") ? Locale.forLanguageTag("pl") : Locale.ENGLISH;
            for (String k : p.stringPropertyNames()) {
                String pattern = p.getProperty(k);
                if (pattern.contains("{0")) {
                    String out = new MessageFormat(pattern, locale).format(args);
                    assertThat(out).as(name + " " + k).doesNotContain("{0");
                }
            }
        }
    }
}
