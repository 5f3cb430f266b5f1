package io.kamaros.app.welcome;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kamaros.frontend.ProjectLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The projects opened lately, newest first, kept in {@code ~/.kamaros/recent-projects.json}. */
public final class RecentProjects {
    public static final int MAX = 12;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One remembered project; public fields for Jackson. */
    @SuppressWarnings("NullAway.Init") // Jackson or remember() fills name and historyRoot; no constructor does
    public static final class Entry {
        public String name;
        public String historyRoot;
        public @Nullable String workTree;
        public long lastOpened;

        public ProjectLocation location() {
            return new ProjectLocation(Path.of(historyRoot), workTree == null ? null : Path.of(workTree));
        }

        public Instant lastOpenedAt() {
            return Instant.ofEpochMilli(lastOpened);
        }

        public boolean exists() {
            return Files.isRegularFile(Path.of(historyRoot).resolve("manifest.json"));
        }
    }

    private final Path file;

    public RecentProjects(Path file) {
        this.file = file;
    }

    public synchronized List<Entry> load() {
        if (!Files.isRegularFile(file)) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() { }));
        } catch (IOException | RuntimeException e) {
            return new ArrayList<>(); // a damaged list is forgotten, projects themselves are untouched
        }
    }

    /** Puts the project first (once) and returns the new list. */
    public synchronized List<Entry> remember(ProjectLocation location, Instant when) {
        List<Entry> entries = load();
        entries.removeIf(e -> e.location().equals(location));
        Entry e = new Entry();
        e.name = location.displayName();
        e.historyRoot = location.historyRoot().toString();
        e.workTree = location.workTree() == null ? null : location.workTree().toString();
        e.lastOpened = when.toEpochMilli();
        entries.add(0, e);
        while (entries.size() > MAX) {
            entries.remove(entries.size() - 1);
        }
        write(entries);
        return entries;
    }

    public synchronized List<Entry> forget(ProjectLocation location) {
        List<Entry> entries = load();
        entries.removeIf(e -> e.location().equals(location));
        write(entries);
        return entries;
    }

    private void write(List<Entry> entries) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), entries);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the list is a convenience; failing to write it must not stop opening a project
        }
    }
}
