package io.kamaros.app.settings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Whether the desktop asks for a dark theme. JavaFX 21 has no API for the platform's preference
 * ({@code Platform.getPreferences()} arrived in JavaFX 22), so Kamaros asks the desktop itself, in
 * this order: the {@code GTK_THEME} variable; GNOME's {@code color-scheme} and {@code gtk-theme}
 * (via {@code gsettings}); macOS's {@code AppleInterfaceStyle}; Windows'
 * {@code AppsUseLightTheme}. Read once, when the app starts or the settings open: a change of the
 * desktop's theme while Kamaros runs is not followed.
 */
public final class SystemTheme {
    /**
     * What was found.
     *
     * @param dark   true when the desktop prefers dark
     * @param found  false when nothing could be read (then light is used)
     * @param source where the answer came from, e.g. {@code GTK_THEME=Adwaita:dark}
     */
    public record Detection(boolean dark, boolean found, String source) {
    }

    private final Map<String, String> env;
    private final String osName;
    private final Function<List<String>, String> command;

    public SystemTheme(Map<String, String> env, String osName, Function<List<String>, String> command) {
        this.env = env;
        this.osName = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        this.command = command;
    }

    /** This machine: its environment, its OS and its commands. */
    public static SystemTheme ofThisMachine() {
        return new SystemTheme(System.getenv(), System.getProperty("os.name"), SystemTheme::run);
    }

    public Detection detect() {
        String gtk = env.get("GTK_THEME");
        if (gtk != null && !gtk.isBlank()) {
            return new Detection(gtk.toLowerCase(Locale.ROOT).contains("dark"), true, "GTK_THEME=" + gtk);
        }
        if (osName.contains("mac")) {
            String style = command.apply(List.of("defaults", "read", "-g", "AppleInterfaceStyle"));
            // the key exists only in dark mode: no answer means light
            return new Detection(style != null && style.toLowerCase(Locale.ROOT).contains("dark"), true,
                    "macOS AppleInterfaceStyle=" + (style == null ? "(light)" : style.strip()));
        }
        if (osName.contains("win")) {
            String out = command.apply(List.of("reg", "query",
                    "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize", "/v", "AppsUseLightTheme"));
            if (out != null && out.contains("AppsUseLightTheme")) {
                boolean light = out.strip().endsWith("0x1");
                return new Detection(!light, true, "Windows AppsUseLightTheme=" + (light ? "1" : "0"));
            }
            return new Detection(false, false, "");
        }
        String scheme = command.apply(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"));
        if (scheme != null && !scheme.isBlank()) {
            String s = scheme.strip().replace("'", "");
            if (!s.equals("default")) {
                return new Detection(s.contains("dark"), true, "GNOME color-scheme=" + s);
            }
        }
        String theme = command.apply(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme"));
        if (theme != null && !theme.isBlank()) {
            String t = theme.strip().replace("'", "");
            return new Detection(t.toLowerCase(Locale.ROOT).contains("dark"), true, "GNOME gtk-theme=" + t);
        }
        if (scheme != null && !scheme.isBlank()) {
            return new Detection(false, true, "GNOME color-scheme=default");
        }
        return new Detection(false, false, "");
    }

    /** Runs a short command and returns what it printed, or null when it is missing, fails or hangs. */
    static @Nullable String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(1500, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return null;
            }
            try (InputStream in = p.getInputStream()) {
                String out = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                return p.exitValue() == 0 ? out : null;
            }
        } catch (IOException e) {
            return null; // the command does not exist on this desktop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
