package io.kamaros.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    @AfterEach
    void english() {
        I18n.setLocale(Locale.ENGLISH);
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = I18n.class.getResourceAsStream("/io/kamaros/app/i18n/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void englishAndPolishHaveTheSameKeysAndNoEmptyTexts() throws IOException {
        Properties en = load("messages.properties");
        Properties pl = load("messages_pl.properties");
        assertThat(pl.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        en.forEach((k, v) -> assertThat((String) v).as(k.toString()).isNotBlank());
        pl.forEach((k, v) -> assertThat((String) v).as(k.toString()).isNotBlank());
    }

    @Test
    void everyKeyTheCodeUsesExists() throws IOException {
        Properties en = load("messages.properties");
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
        I18n.setLocale(Locale.forLanguageTag("pl"));
        assertThat(I18n.t("menu.project.checkpoint")).isEqualTo("Zapisz punkt kontrolny…");
        assertThat(I18n.t("timeline.count", 25)).isEqualTo("Wersje: 25");
    }
}
