package io.kamaros.app.diff;

import java.util.Locale;

/** Formats the diff viewer colours; picked by file extension. */
public enum Language {
    PLAIN, JAVA, JAVASCRIPT, TYPESCRIPT, PYTHON, JSON, YAML, XML, HTML, CSS, MARKDOWN;

    public static Language forPath(String path) {
        if (path == null) {
            return PLAIN;
        }
        String p = path.toLowerCase(Locale.ROOT);
        int dot = p.lastIndexOf('.');
        String ext = dot < 0 ? "" : p.substring(dot + 1);
        return switch (ext) {
            case "java", "kt", "kts", "groovy", "gradle", "c", "h", "cpp", "hpp", "cs", "go", "rs", "swift", "scala" -> JAVA;
            case "js", "mjs", "cjs", "jsx" -> JAVASCRIPT;
            case "ts", "tsx", "mts", "cts" -> TYPESCRIPT;
            case "py", "pyw" -> PYTHON;
            case "json", "jcfmanifest", "geojson" -> JSON;
            case "yml", "yaml" -> YAML;
            case "xml", "svg", "fxml", "xsd", "xsl", "plist", "pom" -> XML;
            case "html", "htm", "xhtml", "vue" -> HTML;
            case "css", "scss", "less" -> CSS;
            case "md", "markdown" -> MARKDOWN;
            default -> PLAIN;
        };
    }
}
