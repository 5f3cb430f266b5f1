package io.kamaros.app.home;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Remembers window bounds and divider positions between runs ({@code ~/.kamaros/layout.json}). */
public final class LayoutStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What is remembered; public fields for Jackson. */
    public static final class Layout {
        public double x = Double.NaN;
        public double y = Double.NaN;
        public double width = 1360;
        public double height = 860;
        public boolean maximized;
        public Map<String, double[]> dividers = new LinkedHashMap<>();
    }

    private final Path file;
    private @Nullable Layout layout; // read on first use

    public LayoutStore(Path file) {
        this.file = file;
    }

    public synchronized Layout get() {
        Layout l = layout;
        if (l == null) {
            l = new Layout();
            if (Files.isRegularFile(file)) {
                try {
                    l = JSON.readValue(file.toFile(), Layout.class);
                } catch (IOException | RuntimeException e) {
                    l = new Layout(); // a damaged layout file only costs the remembered sizes
                }
            }
            layout = l;
        }
        return l;
    }

    public synchronized void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), get());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // not worth bothering the person: the layout falls back to defaults next time
        }
    }
}
