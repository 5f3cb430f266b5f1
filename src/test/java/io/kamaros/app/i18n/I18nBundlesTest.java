package io.kamaros.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class I18nBundlesTest {
    private static final Path RESOURCES = Path.of("src/main/resources");
    /** A count of one next to a plural noun: "1 files", "1 versions". */
    private static final Pattern ONE_WITH_PLURAL = Pattern.compile(
            "\\b1 (files|versions|changes|lines|items|problems|notes|entries|bytes|things|contents|records|pieces|names|minutes|hours|days|months|weeks|years)\\b");

    @AfterEach
    void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    /** Every bundle family of the app: the English base file of each {@code *_pl.properties}. */
    private static List<Path> englishBundles() throws IOException {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            List<Path> polish = files.filter(f -> f.getFileName().toString().endsWith("_pl.properties")).sorted().toList();
            List<Path> english = new ArrayList<>();
            for (Path pl : polish) {
                english.add(pl.resolveSibling(pl.getFileName().toString().replace("_pl.properties", ".properties")));
            }
            return english;
        }
    }

    private static Path polishOf(Path english) {
        return english.resolveSibling(english.getFileName().toString().replace(".properties", "_pl.properties"));
    }

    /** The top-level arguments of a pattern ({0}, {1}, ...); parsing also proves the pattern is valid. */
    private static Set<String> arguments(String pattern) {
        return new TreeSet<>(new MessageFormat(pattern, ULocale.ENGLISH).getArgumentNames());
    }

    @Test
    void bothBundleFamiliesAreFound() throws IOException {
        assertThat(englishBundles()).extracting(p -> RESOURCES.relativize(p).toString().replace('\\', '/'))
                .contains("io/kamaros/app/i18n/messages.properties", "io/kamaros/app/diff/diff.properties");
    }

    @Test
    void englishAndPolishHaveTheSameKeysAndNoEmptyTexts() throws IOException {
        for (Path enFile : englishBundles()) {
            Properties en = load(enFile);
            Properties pl = load(polishOf(enFile));
            assertThat(pl.stringPropertyNames()).as(enFile.toString()).isEqualTo(en.stringPropertyNames());
            en.forEach((k, v) -> assertThat((String) v).as(k.toString()).isNotBlank());
            pl.forEach((k, v) -> assertThat((String) v).as(k.toString()).isNotBlank());
        }
    }

    @Test
    void everyKeyHasTheSamePlaceholdersInBothLanguages() throws IOException {
        List<String> mismatches = new ArrayList<>();
        for (Path enFile : englishBundles()) {
            Properties en = load(enFile);
            Properties pl = load(polishOf(enFile));
            for (String key : new TreeSet<>(en.stringPropertyNames())) {
                Set<String> enArgs = arguments(en.getProperty(key));
                Set<String> plArgs = arguments(pl.getProperty(key, ""));
                if (!enArgs.equals(plArgs)) {
                    mismatches.add(enFile.getFileName() + " " + key + ": " + enArgs + " vs " + plArgs);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** Plural forms are ICU patterns in one key; the old key.one/.few/.many triples must not come back in a merge. */
    @Test
    void pluralsAreWrittenInThePatternNotAsKeySuffixes() throws IOException {
        List<String> old = new ArrayList<>();
        for (Path enFile : englishBundles()) {
            for (Path file : List.of(enFile, polishOf(enFile))) {
                Properties p = load(file);
                for (String k : p.stringPropertyNames()) {
                    String base = k.replaceFirst("\\.(one|few|many)$", "");
                    if (!base.equals(k) && (p.containsKey(base + ".many") || p.containsKey(base + ".few"))) {
                        old.add(file.getFileName() + " " + k);
                    }
                }
            }
        }
        assertThat(old).isEmpty();
    }

    @Test
    void noEnglishTextSaysOneWithAPluralNoun() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path enFile : englishBundles()) {
            Properties en = load(enFile);
            for (String key : new TreeSet<>(en.stringPropertyNames())) {
                String pattern = en.getProperty(key);
                Object[] ones = new Object[arguments(pattern).size()];
                Arrays.fill(ones, 1L);
                String text = new MessageFormat(pattern, ULocale.ENGLISH).format(ones);
                if (ONE_WITH_PLURAL.matcher(text).find()) {
                    wrong.add(key + " = " + text);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyKeyTheCodeUsesExists() throws IOException {
        Properties en = load(RESOURCES.resolve("io/kamaros/app/i18n/messages.properties"));
        Set<String> missing = new TreeSet<>();
        Pattern call = Pattern.compile("(?:I18n\\.t|item|button|bigButton)\\(\"([a-z][A-Za-z0-9.\\-]+)\"");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/kamaros/app"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = call.matcher(Files.readString(f));
                while (m.find()) {
                    String key = m.group(1);
                    if (!key.endsWith(".") && !en.containsKey(key)) {
                        missing.add(key + " (" + f.getFileName() + ")");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void formatsInBothLanguages() {
        I18n.setLocale(Locale.ENGLISH);
        assertThat(I18n.t("window.title.project", "Moonlit Garden")).isEqualTo("Moonlit Garden — Kamaros");
        assertThat(I18n.t("timeline.count", 1)).isEqualTo("1 version");
        assertThat(I18n.t("timeline.count", 10000)).isEqualTo("10,000 versions");
        assertThat(I18n.messages().size(1_572_864)).isEqualTo("1.5 MB");
        assertThat(I18n.messages().decimal(0.25, 2)).isEqualTo("0.25");
        I18n.setLocale(Locale.forLanguageTag("pl"));
        assertThat(I18n.t("menu.project.checkpoint")).isEqualTo("Zapisz punkt kontrolny…");
        assertThat(I18n.messages().size(1_572_864)).isEqualTo("1,5 MB");
        assertThat(I18n.messages().decimal(0.25, 2)).isEqualTo("0,25");
    }

    @Test
    void polishHasItsThreePluralForms() {
        I18n.setLocale(Locale.forLanguageTag("pl"));
        assertThat(I18n.t("timeline.count", 1)).isEqualTo("1 wersja");
        assertThat(I18n.t("timeline.count", 2)).isEqualTo("2 wersje");
        assertThat(I18n.t("timeline.count", 5)).isEqualTo("5 wersji");
        assertThat(I18n.t("timeline.count", 22)).isEqualTo("22 wersje");
        assertThat(I18n.t("timeline.count", 12)).isEqualTo("12 wersji");
        assertThat(I18n.t("timeline.files", "Moonlit Garden", 1)).isEqualTo("Moonlit Garden  (1 plik)");
        assertThat(I18n.t("timeline.files", "Moonlit Garden", 3)).isEqualTo("Moonlit Garden  (3 pliki)");
        assertThat(I18n.t("timeline.files", "Moonlit Garden", 5)).isEqualTo("Moonlit Garden  (5 plików)");
        I18n.setLocale(Locale.ENGLISH);
        assertThat(I18n.t("timeline.files", "Moonlit Garden", 1)).isEqualTo("Moonlit Garden  (1 file)");
        assertThat(I18n.t("timeline.files", "Moonlit Garden", 5)).isEqualTo("Moonlit Garden  (5 files)");
    }
}
