package io.kamaros.app.tree;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.RenameInfo;
import io.kamaros.engine.model.WorkingCopyStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The working copy as a list of files with badges (added, modified, deleted, renamed since the last
 * checkpoint), a filter, adding dropped files and folders, and removing files.
 */
public final class FileTreeViewModel {
    private final ProjectSession session;
    private final ObservableList<FileEntry> all = FXCollections.observableArrayList();
    private final ObservableList<FileEntry> visible = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");

    public FileTreeViewModel(ProjectSession session) {
        this.session = session;
        session.refreshCountProperty().addListener((o, a, b) -> reload());
        session.projectProperty().addListener((o, a, b) -> {
            all.clear();
            visible.clear();
        });
        filter.addListener((o, a, b) -> applyFilter());
    }

    /** The files matching the filter, sorted by path. */
    public ObservableList<FileEntry> getVisibleFiles() {
        return visible;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** Reads the working copy's files (the status comes from the session's last refresh). */
    public void reload() {
        if (!session.isOpen()) {
            return;
        }
        JcfManager jcf = session.manager();
        WorkingCopyStatus status = session.getStatus();
        session.runner().task(I18n.t("task.listFiles"), ctx -> merge(jcf.listFiles(), status))
                .onSuccess(list -> {
                    all.setAll(list);
                    applyFilter();
                })
                .start();
    }

    static List<FileEntry> merge(List<FileInfo> files, WorkingCopyStatus status) {
        Map<String, ChangeType> change = new HashMap<>();
        Map<String, String> previous = new HashMap<>();
        if (status != null) {
            status.added().forEach(p -> change.put(p, ChangeType.ADDED));
            status.modified().forEach(p -> change.put(p, ChangeType.MODIFIED));
            for (RenameInfo r : status.renamed()) {
                change.putIfAbsent(r.toPath(), ChangeType.RENAMED);
                previous.put(r.toPath(), r.fromPath());
            }
        }
        List<FileEntry> out = new ArrayList<>();
        for (FileInfo f : files) {
            out.add(new FileEntry(f.path(), f.size(), change.get(f.path()), previous.get(f.path())));
        }
        if (status != null) {
            for (String d : status.deleted()) {
                out.add(new FileEntry(d, 0, ChangeType.DELETED, null));
            }
        }
        out.sort(Comparator.comparing(FileEntry::path));
        return out;
    }

    private void applyFilter() {
        String f = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        visible.setAll(f.isEmpty() ? all : all.stream().filter(e -> e.path().toLowerCase(Locale.ROOT).contains(f)).toList());
    }

    /** Copies dropped files and folders into the project's folder (kept in {@code targetFolder}, "" for the top). */
    public void addDropped(List<Path> dropped, String targetFolder) {
        if (!session.isOpen() || dropped.isEmpty()) {
            return;
        }
        JcfManager jcf = session.manager();
        session.runner().task(I18n.t("task.addFiles"), ctx -> {
            List<Path[]> files = new ArrayList<>(); // {source, path inside the project}
            for (Path p : dropped) {
                Path base = p.toAbsolutePath().getParent(); // null only for a file-system root
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.walk(p)) {
                        s.filter(Files::isRegularFile).forEach(f -> files.add(new Path[] {f, Objects.requireNonNull(base, "a root cannot be copied").relativize(f)}));
                    }
                } else if (Files.isRegularFile(p)) {
                    files.add(new Path[] {p, p.getFileName()});
                }
            }
            int done = 0;
            for (Path[] f : files) {
                ctx.cancellation().throwIfCancelled("adding files");
                String rel = (targetFolder == null || targetFolder.isEmpty() ? "" : targetFolder + "/")
                        + f[1].toString().replace('\\', '/');
                ctx.progress(I18n.t("progress.adding", rel), done, files.size());
                try (InputStream in = Files.newInputStream(f[0])) {
                    jcf.addFile(rel, in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                done++;
            }
            return done;
        }).visible().writes().progressFrom(jcf)
                .onSuccess(n -> session.runner().announce(I18n.t("status.added", n)))
                .onDone(session::refresh)
                .start();
    }

    /** Removes a file (or a folder's files) from the working copy; the last checkpoint still has it. */
    public void remove(String path, boolean folder) {
        JcfManager jcf = session.manager();
        session.runner().task(I18n.t("task.remove", path), ctx -> {
            jcf.removeFile(path, folder);
            return null;
        }).onSuccess(x -> {
            session.runner().announce(I18n.t("status.removed", path));
            session.refresh();
        }).start();
    }

    /** Where the file is on disk, for "reveal in file manager". */
    public @Nullable Path absolutePath(String path) {
        return session.location().map(l -> l.workingFolder().resolve(path)).orElse(null);
    }

    public void showHistory(String path) {
        session.selectedFileProperty().set(path);
    }

    public ProjectSession session() {
        return session;
    }
}
