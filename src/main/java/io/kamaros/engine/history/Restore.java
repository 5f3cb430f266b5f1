package io.kamaros.engine.history;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileNotFoundException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.RestorePlan;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.objects.SealingAdapter;
import io.kamaros.engine.objects.pack.PackingAdapter;
import io.kamaros.engine.project.Ledger;
import io.kamaros.engine.model.PathRules;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.project.HistoryGuard;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.model.TextEncoding;
import org.jspecify.annotations.Nullable;

/**
 * Brings back a version (spec §3.3) — the whole version in place (HEAD moves there, later versions
 * stay), chosen files of it in place (HEAD stays), or into another folder (nothing in the project
 * changes). Every content is rebuilt and verified into {@code .store/temp/} first; only when all of
 * it is ready are files moved into the working copy, so a failure or Cancel before that point
 * leaves the working copy untouched.
 */
public final class Restore {
    /** Restores stage their files in the store's temp folder (same file system as the store). */
    public static final String TEMP = BlobStore.TEMP_DIR;

    /**
     * What to restore. {@code autoSave} saves uncommitted work and returns the new version id; it is
     * given the chosen paths whose unsaved changes the restore overwrites (empty for a whole restore,
     * which saves everything). {@code intoNewWorkingCopy}: the working copy is a new folder nobody has
     * seen yet (a clone's, built hidden and deleted if anything fails), so when the project has no
     * version and no file, the files are written in place rather than staged (see {@link #run}).
     */
    public record Request(String versionId, List<String> paths, @Nullable Path targetFolder, boolean force,
                          @Nullable Function<List<String>, String> autoSave, boolean intoNewWorkingCopy) {
        public Request(String versionId, List<String> paths, @Nullable Path targetFolder, boolean force,
                       @Nullable Function<List<String>, String> autoSave) {
            this(versionId, paths, targetFolder, force, autoSave, false);
        }
    }

    /** Contents up to this size are rebuilt whole in memory; larger ones stream. */
    private static final int IN_MEMORY_LIMIT = 1 << 20;
    private static final int IO_BUFFER = 64 * 1024;

    private final ProjectStore store;

    public Restore(ProjectStore store) {
        this.store = store;
    }

    public RestoreResult run(Request req, Operation op) throws IOException {
        op.emit(new JcfEvent.RestoreStarted(op.id(), Instant.now(), req.versionId()));
        op.progress("validating", 5, 0, 0, 0, 0, null);
        Map<String, FileState> target = store.graph().stateOf(req.versionId());
        List<String> only = chosenPaths(req, target, store.adapter());
        if (req.targetFolder() != null) {
            return restoreToFolder(req, target, only, op);
        }
        SortedSet<String> targetFolders = store.graph().emptyFoldersOf(req.versionId());
        guard(target, only, targetFolders);
        cleanTemp();
        String previous = store.headId();
        String autoSaved = null;

        ChangeScanner.Scan scan;
        try (Operation.Span ignored = op.within(5, 7)) { // between "validating" (5 %) and "planning" (10 %)
            scan = scanWorkingCopy(op);
        }
        List<FileState> overwritten = uncommitted(req, only, scan, previous);
        if (overwritten != null) {
            List<String> saving = new ArrayList<>();
            if (!only.isEmpty()) {
                for (FileState c : overwritten) {
                    for (String p : new String[] {c.path(), c.previousPath()}) {
                        if (p != null && only.contains(p) && !saving.contains(p)) {
                            saving.add(p);
                        }
                    }
                }
            }
            try (Operation.Span ignored = op.within(7, 10)) { // its progress is the restore's 7-10 %
                autoSaved = Objects.requireNonNull(req.autoSave(), "a restore of the working copy is given its autoSave")
                        .apply(saving); // keeps uncommitted work: the restore can be undone
            }
        }
        String head = store.headId();
        Map<String, FileState> headState = store.graph().stateOf(head);

        // Plan: files to write (content differs) and tracked files to delete.
        op.progress("planning", 10, 0, 0, 0, 0, null);
        Changes changes = changes(req, target, only, scan, headState.keySet(), store.graph().emptyFoldersOf(head),
                targetFolders);
        List<FileState> writes = changes.writes();
        List<String> deletes = changes.deletes();

        // Rebuild every content into temp files (cancelable; nothing visible has changed yet).
        String tempDir = TEMP + "/restore-" + op.id();
        long bytesTotal = writes.stream().mapToLong(FileState::size).sum();
        long bytesDone = bytesTotal;
        AtomicInteger patched = new AtomicInteger();
        // The staged files are forced together before the first is moved into place, not one fsync each.
        FileAdapter disk = PackingAdapter.unpacked(SealingAdapter.unsealed(store.adapter())) instanceof FileAdapter fa
                ? fa : null;
        // A new working copy (a clone's) with no file and no version: nothing in it can be lost or shown half
        // restored to anyone, so each file is written at its place, and all are forced together before the
        // commit, as staged files are; a failure deletes them. Staging them cost a create and a rename each.
        boolean inPlace = req.intoNewWorkingCopy() && disk != null && previous == null && autoSaved == null
                && scan.files().isEmpty() && deletes.isEmpty();
        List<String> staged = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            staged.add(inPlace ? ChangeScanner.CONTENT + "/" + writes.get(i).path() : tempDir + "/" + i);
        }
        Queue<String> written = new ConcurrentLinkedQueue<>();
        Map<String, Optional<String>> encodings = new ConcurrentHashMap<>(); // of the text written, by version path
        long[] progress = new long[2]; // files, bytes; guarded by itself
        if (disk != null) {
            disk.deferSync(inPlace ? ChangeScanner.CONTENT : tempDir);
        }
        try {
            inParallel(writes.size(), (i, buffer) -> {
                op.checkpoint();
                FileState s = writes.get(i);
                if (!store.content().blobs().contains(s.hash())) {
                    patched.incrementAndGet();
                }
                written.add(staged.get(i));
                copy(s, staged.get(i), buffer, op, encodings);
                synchronized (progress) {
                    progress[0]++;
                    progress[1] += s.size();
                    op.progress("reconstructing", 20 + 50.0 * (bytesTotal == 0 ? progress[0] / (double) writes.size()
                            : progress[1] / (double) bytesTotal), progress[0], writes.size(), progress[1], bytesTotal,
                            s.path());
                }
            });
            if (disk != null) {
                disk.forceDeferred();
            }
        } catch (IOException | RuntimeException | Error e) {
            deleteAll(written);
            op.emit(new JcfEvent.RolledBack("restore", op.id(), Instant.now()));
            throw e;
        } finally {
            if (disk != null) {
                disk.deferSync(null);
            }
        }

        // Apply: quick renames, no longer cancelable. Files about to be replaced or deleted are moved
        // aside first, so that a failure before the commit puts the working copy back as it was.
        op.progress("applying", 70, 0, writes.size(), bytesDone, bytesTotal, null);
        FileSystemAdapter a = store.adapter();
        String aside = tempDir + "/previous/";
        List<String[]> movedAside = new ArrayList<>(); // {working-copy path, where it was put}
        List<String> placed = new ArrayList<>();
        List<String> madeFolders = new ArrayList<>();
        long hashedAt = System.currentTimeMillis() * 1_000_000L;
        try {
            for (String p : deletes) {
                String path = ChangeScanner.CONTENT + "/" + p;
                String keep = aside + movedAside.size();
                a.moveFile(path, keep);
                movedAside.add(new String[] {path, keep});
            }
            for (int i = 0; i < writes.size(); i++) {
                String path = ChangeScanner.CONTENT + "/" + writes.get(i).path();
                if (inPlace) {
                    placed.add(path); // written there already
                    continue;
                }
                if (a.fileExists(path)) {
                    String keep = aside + movedAside.size();
                    a.moveFile(path, keep);
                    movedAside.add(new String[] {path, keep});
                }
                a.moveFile(staged.get(i), path);
                placed.add(path);
            }
            // Empty folders follow the files: HEAD's that the version does not have are removed (only
            // while still empty), then the version's that are not there are made (a file deleted above
            // may have taken its emptied folder with it).
            for (String f : changes.foldersRemoved()) {
                a.deleteEmptyFolder(ChangeScanner.CONTENT + "/" + f);
            }
            for (String f : changes.foldersMade()) {
                madeFolders.add(f);
                a.createFolder(ChangeScanner.CONTENT + "/" + f);
            }

            op.progress("saving", 90, writes.size(), writes.size(), bytesDone, bytesTotal, null);
            a.sync(); // the working copy's renames are durable before the commit step, which readers wait for
            op.committing(() -> {
                store.commit(nextManifest(req, target, headState, only, writes, deletes, hashedAt, encodings));
                return Boolean.TRUE;
            });
        } catch (IOException | RuntimeException | Error e) {
            putBack(placed, movedAside, e);
            if (scan.emptyFolders() != null) {
                putFoldersBack(madeFolders, scan.emptyFolders(), e);
            }
            deleteAll(staged);
            op.emit(new JcfEvent.RolledBack("restore", op.id(), Instant.now()));
            throw e;
        }
        // Every working-copy file the restore changed, as the file API reports its own changes.
        for (FileState s : writes) {
            op.emit(new JcfEvent.FileChanged(op.id(), Instant.now(), s.path(), scan.files().containsKey(s.path())
                    ? ChangeType.MODIFIED : ChangeType.ADDED, s.size()));
        }
        for (String p : deletes) {
            op.emit(new JcfEvent.FileChanged(op.id(), Instant.now(), p, ChangeType.DELETED, 0));
        }
        try {
            cleanTemp(); // committed: leftovers are only space, and GC removes them
        } catch (IOException | RuntimeException e) {
            op.emit(new JcfEvent.Warning(op.id(), Instant.now(), "Restored, but temporary files could not be removed ("
                    + e.getMessage() + "); garbage collection will remove them."));
        }
        op.progress("saving", 100, writes.size(), writes.size(), bytesDone, bytesTotal, null);
        // Undone by restoring the same files from the auto-save (or HEAD): those it does not hold are removed.
        return new RestoreResult(req.versionId(), previous, autoSaved, writes.size(), deletes.size(), patched.get(),
                op.elapsed(), only);
    }

    /**
     * Exactly what {@link #run} would do with the same request, changing nothing: it takes the same
     * steps (the paths checked, the working copy scanned, the automatic save decided, the files to
     * write and delete chosen) up to the point where {@code run} starts writing. When the automatic
     * save would be made, the files are chosen against the version it would record (the working copy).
     */
    public RestorePlan plan(Request req, Operation op) throws IOException {
        Map<String, FileState> target = store.graph().stateOf(req.versionId());
        List<String> only = chosenPaths(req, target, store.adapter());
        String previous = store.headId();
        if (req.targetFolder() != null) {
            Path root = req.targetFolder().toAbsolutePath().normalize();
            HistoryGuard.checkTarget(store.adapter(), req.targetFolder(), "target");
            List<String> written = new ArrayList<>();
            List<String> created = new ArrayList<>();
            for (FileState s : chosen(target, only)) {
                written.add(s.path());
                if (!Files.exists(root.resolve(s.path()))) {
                    created.add(s.path());
                }
            }
            List<String> folders = new ArrayList<>();
            if (only.isEmpty()) {
                for (String f : store.graph().emptyFoldersOf(req.versionId())) {
                    if (!Files.isDirectory(root.resolve(f))) {
                        folders.add(f);
                    }
                }
            }
            return new RestorePlan(req.versionId(), previous, req.targetFolder(), only, sorted(written),
                    sorted(created), List.of(), folders, List.of(), false, List.of());
        }
        SortedSet<String> targetFolders = store.graph().emptyFoldersOf(req.versionId());
        guard(target, only, targetFolders);
        ChangeScanner.Scan scan = scanWorkingCopy(op);
        List<FileState> uncommitted = uncommitted(req, only, scan, previous);
        Set<String> headPaths;
        SortedSet<String> headFolders;
        if (uncommitted != null) { // the automatic save would record the working copy as it is
            headPaths = scan.files().keySet();
            headFolders = ChangeScanner.emptyFoldersOr(scan, store.graph().emptyFoldersOf(previous));
        } else {
            headPaths = store.graph().stateOf(previous).keySet();
            headFolders = store.graph().emptyFoldersOf(previous);
        }
        Changes changes = changes(req, target, only, scan, headPaths, headFolders, targetFolders);
        List<String> written = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (FileState s : changes.writes()) {
            written.add(s.path());
            if (!scan.files().containsKey(s.path())) {
                created.add(s.path());
            }
        }
        return new RestorePlan(req.versionId(), previous, null, only, sorted(written), sorted(created),
                sorted(changes.deletes()), changes.foldersMade(), changes.foldersRemoved(), uncommitted != null,
                uncommitted == null ? List.of() : sorted(uncommitted.stream().map(FileState::path).toList()));
    }

    private static List<String> sorted(List<String> paths) {
        return paths.stream().sorted().toList();
    }

    /** What an in-place restore writes, deletes and does to empty folders; decided before anything is written. */
    private record Changes(List<FileState> writes, List<String> deletes, List<String> foldersRemoved,
                           List<String> foldersMade) {
    }

    /**
     * The paths asked for (empty: the whole version), each in the version — or, for a restore in
     * place, a working-copy file the version does not hold: restoring the version's state of it
     * removes it (what undoing a restore that brought a file back, or discarding a new file, needs).
     */
    private static List<String> chosenPaths(Request req, Map<String, FileState> target, FileSystemAdapter adapter)
            throws IOException {
        List<String> only = new ArrayList<>();
        for (String p : req.paths()) {
            PathRules.check(p);
            if (!target.containsKey(p)
                    && (req.targetFolder() != null || !adapter.fileExists(ChangeScanner.CONTENT + "/" + p))) {
                throw new FileNotFoundException(p, req.versionId());
            }
            only.add(p);
        }
        return only;
    }

    /** The version's files a restore writes into another folder: all of them, or the chosen ones. */
    private static List<FileState> chosen(Map<String, FileState> target, List<String> only) {
        List<FileState> out = new ArrayList<>();
        for (FileState s : target.values()) {
            if (only.isEmpty() || only.contains(s.path())) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * A version (an imported one, say) may hold a name that would land in the history: refused
     * before anything, the automatic checkpoint included, is written.
     */
    private void guard(Map<String, FileState> target, List<String> only, SortedSet<String> targetFolders)
            throws IOException {
        List<String> guarded = new ArrayList<>(only.isEmpty() ? target.keySet() : only);
        if (only.isEmpty()) {
            guarded.addAll(targetFolders);
        }
        HistoryGuard.checkPaths(store.adapter(), guarded);
    }

    private ChangeScanner.Scan scanWorkingCopy(Operation op) throws IOException {
        ChangeScanner scanner = new ChangeScanner(store.adapter(), store.content().blobs());
        return scanner.scan(store.ledger().files(), false, Set.of(), op);
    }

    /**
     * The uncommitted changes when the restore would overwrite some of them, so that it saves them
     * first (the restore can then be undone); null when it would not save (nothing touched, or force).
     */
    private @Nullable List<FileState> uncommitted(Request req, List<String> only, ChangeScanner.Scan scan,
                                                  @Nullable String previous) {
        if (req.force()) {
            return null;
        }
        List<FileState> dirty = ChangeSet.compute(store.graph().stateOf(previous), scan.files(),
                store.ledger().files());
        // A new or removed empty folder is work too (a whole restore may remove folders).
        boolean touchesWork = only.isEmpty()
                ? !dirty.isEmpty() || !ChangeScanner.emptyFoldersOr(scan, store.graph().emptyFoldersOf(previous))
                        .equals(store.graph().emptyFoldersOf(previous))
                : dirty.stream().anyMatch(c -> only.contains(c.path()) || only.contains(c.previousPath()));
        if (!touchesWork) {
            return null;
        }
        // Restoring chosen files saves only the changes it overwrites (see JcfManager's auto-save).
        return only.isEmpty() ? dirty
                : dirty.stream().filter(c -> only.contains(c.path()) || only.contains(c.previousPath())).toList();
    }

    /**
     * Files to write (content differs from the working copy), tracked files to delete (in HEAD, or
     * known to the ledger when {@code force}) and empty folders to remove and make.
     */
    private Changes changes(Request req, Map<String, FileState> target, List<String> only, ChangeScanner.Scan scan,
                            Set<String> headPaths, SortedSet<String> headFolders, SortedSet<String> targetFolders) {
        List<FileState> writes = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (FileState s : target.values()) {
            if (!only.isEmpty() && !only.contains(s.path())) {
                continue;
            }
            ChangeScanner.WorkingFile wf = scan.files().get(s.path());
            if (wf == null || !wf.hash().equals(s.hash())) {
                writes.add(s);
            }
        }
        for (String p : only) {
            if (!target.containsKey(p) && scan.files().containsKey(p)) {
                deletes.add(p); // a chosen file the version does not hold
            }
        }
        if (only.isEmpty()) {
            for (String p : scan.files().keySet()) {
                if (!target.containsKey(p) && (headPaths.contains(p) || req.force() && store.ledger().file(p) != null)) {
                    deletes.add(p);
                }
            }
        }
        List<String> foldersRemoved = new ArrayList<>();
        List<String> foldersMade = new ArrayList<>();
        if (only.isEmpty() && scan.emptyFolders() != null) {
            for (String f : headFolders) {
                if (!targetFolders.contains(f) && scan.emptyFolders().contains(f)) {
                    foldersRemoved.add(f);
                }
            }
            for (String f : targetFolders) {
                if (!scan.emptyFolders().contains(f)) {
                    foldersMade.add(f);
                }
            }
        }
        return new Changes(writes, deletes, foldersRemoved, foldersMade);
    }

    /**
     * The encoding of text content just restored to {@code path}: detected while it was written, else read back from
     * the working copy (else the store).
     */
    private @Nullable String encodingOf(String path, String hash, Map<String, Optional<String>> encodings,
                                        String versionPath) throws IOException {
        Optional<String> detected = encodings.get(versionPath);
        if (detected != null) {
            return detected.orElse(null);
        }
        byte[] data;
        try {
            data = store.adapter().readFile(path);
        } catch (NoSuchFileException e) {
            data = store.content().read(hash);
        }
        return TextEncoding.detect(data, data.length);
    }

    /** The manifest after an in-place restore: ledger entries of the written files, and HEAD for a whole version. */
    private Ledger nextManifest(Request req, Map<String, FileState> target, Map<String, FileState> headState,
                                     List<String> only, List<FileState> writes, List<String> deletes, long hashedAt,
                                     Map<String, Optional<String>> encodings)
            throws IOException {
        Ledger next = store.draft();
        for (String p : deletes) {
            next.forgetFile(p);
        }
        for (FileState s : writes) {
            FileState inHead = headState.get(s.path());
            Optional<FileStat> st = store.adapter().stat(ChangeScanner.CONTENT + "/" + s.path());
            next.recordRestoredFile(s.path(), only.isEmpty() || inHead == null ? s.inodeId() : inHead.inodeId(),
                    s.type(), s.hash(), s.size(), st.orElse(null), hashedAt);
        }
        if (only.isEmpty()) {
            for (FileState s : target.values()) {
                // when HEAD's content of this path changes its text encoding is recorded (the file was just written)
                next.recordHeadContent(s.path(), s.inodeId(), s.hash(), s.type(),
                        () -> encodingOf(ChangeScanner.CONTENT + "/" + s.path(), s.hash(), encodings, s.path()));
            }
            next.moveHead(req.versionId());
        }
        return next;
    }

    /** Undoes the apply step: removes the restored files, then moves the previous ones back. */
    private void putBack(List<String> placed, List<String[]> movedAside, Throwable failure) {
        FileSystemAdapter a = store.adapter();
        for (int i = placed.size() - 1; i >= 0; i--) {
            try {
                a.deleteFile(placed.get(i));
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        for (int i = movedAside.size() - 1; i >= 0; i--) {
            try {
                a.moveFile(movedAside.get(i)[1], movedAside.get(i)[0]);
            } catch (IOException | RuntimeException e) {
                // Left in .store/temp: its content is in history (HEAD or the auto-save made
                // before the restore), unless force asked to discard it.
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * Undoes the empty-folder step of a failed restore: the folders it made are removed again (while
     * empty), and every empty folder the working copy had is there again.
     */
    private void putFoldersBack(List<String> made, SortedSet<String> before, Throwable failure) {
        FileSystemAdapter a = store.adapter();
        for (int i = made.size() - 1; i >= 0; i--) {
            try {
                a.deleteEmptyFolder(ChangeScanner.CONTENT + "/" + made.get(i));
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        for (String f : before) {
            try {
                a.createFolder(ChangeScanner.CONTENT + "/" + f);
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Threads that write a restore into a folder: reading, decoding and file creation overlap. */
    private static final int FOLDER_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /**
     * Writes a version into another folder (nothing in the project changes), on a few threads.
     * Folders are made first, one mkdir each. A file that does not exist yet is created and written
     * in place (a new name holds nothing to lose, so the temp file and rename per file are saved; a
     * crash can leave the file being written short, as with git); an existing one is replaced through
     * a temp file and an atomic rename, so it is whole either way. A small content is rebuilt and verified before its file is opened.
     * On failure or Cancel every file written so far is removed again.
     */
    private RestoreResult restoreToFolder(Request req, Map<String, FileState> target, List<String> only, Operation op)
            throws IOException {
        Path targetFolder = Objects.requireNonNull(req.targetFolder(), "called for a restore into a folder");
        Path root = targetFolder.toAbsolutePath().normalize();
        HistoryGuard.checkTarget(store.adapter(), targetFolder, "target");
        List<FileState> writes = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Set<Path> folders = new TreeSet<>(); // sorted: parents before children
        for (FileState s : chosen(target, only)) {
            Path file = root.resolve(s.path()).normalize();
            if (!file.startsWith(root) || file.equals(root)) {
                throw new IllegalStateException("path escapes the target folder: " + s.path());
            }
            writes.add(s);
            files.add(file);
            folders.add(file.getParent());
        }
        if (only.isEmpty()) {
            for (String f : store.graph().emptyFoldersOf(req.versionId())) { // the version's empty folders
                Path folder = root.resolve(f).normalize();
                if (!folder.startsWith(root) || folder.equals(root)) {
                    throw new IllegalStateException("path escapes the target folder: " + f);
                }
                folders.add(folder);
            }
        }
        for (Path folder : folders) {
            // a link inside the target folder must not lead a file into the history
            HistoryGuard.checkWrittenFolder(store.adapter(), folder, root.relativize(folder).toString());
        }
        Files.createDirectories(root);
        long total = writes.stream().mapToLong(FileState::size).sum();
        Queue<Path> written = new ConcurrentLinkedQueue<>();
        AtomicInteger patched = new AtomicInteger();
        long[] progress = new long[2]; // files, bytes; guarded by itself
        try {
            for (Path folder : folders) {
                Files.createDirectories(folder);
            }
            inParallel(writes.size(), (i, buffer) -> {
                FileState s = writes.get(i);
                op.checkpoint();
                writeInto(s, files.get(i), buffer, op, patched, written);
                synchronized (progress) {
                    progress[0]++;
                    progress[1] += s.size();
                    op.progress("reconstructing", 10 + 85.0 * (total == 0 ? progress[0] / (double) writes.size()
                            : progress[1] / (double) total), progress[0], writes.size(), progress[1], total, s.path());
                }
            });
        } catch (IOException | RuntimeException | Error e) {
            for (Path p : written) {
                Files.deleteIfExists(p);
            }
            op.emit(new JcfEvent.RolledBack("restore", op.id(), Instant.now()));
            throw e;
        }
        op.progress("saving", 100, writes.size(), writes.size(), total, total, null);
        return new RestoreResult(req.versionId(), store.headId(), null, writes.size(), 0, patched.get(), op.elapsed());
    }

    /** One file's work in {@link #inParallel}: the file's index and a buffer of the thread's own. */
    private interface FileTask {
        void run(int index, byte[] buffer) throws IOException;
    }

    /**
     * Runs {@code task} for every index below {@code count} on up to {@link #FOLDER_THREADS} threads (the caller's
     * among them): reading, decoding and file creation overlap. The first failure or Cancel stops every thread and
     * is thrown once they all stopped.
     */
    private static void inParallel(int count, FileTask task) throws IOException {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            byte[] buffer = new byte[IO_BUFFER];
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < count) {
                try {
                    task.run(i, buffer);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    return;
                }
            }
        };
        int helpers = Math.min(FOLDER_THREADS - 1, count / 64);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < helpers; t++) {
            Thread th = new Thread(worker, "kamaros-restore-" + t);
            th.setDaemon(true);
            th.start();
            threads.add(th);
        }
        worker.run();
        for (Thread th : threads) {
            joinUninterruptibly(th);
        }
        Throwable t = failure.get();
        if (t instanceof IOException e) {
            throw e;
        } else if (t instanceof RuntimeException e) {
            throw e;
        } else if (t instanceof Error e) {
            throw e;
        } else if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /** Waits for a worker; it stops on its own once a failure or Cancel is seen. */
    private static void joinUninterruptibly(Thread th) {
        boolean interrupted = false;
        while (true) {
            try {
                th.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One file of a restore into a folder; see {@link #restoreToFolder}. */
    private void writeInto(FileState s, Path file, byte[] buffer, Operation op,
                           AtomicInteger patched, Queue<Path> written)
            throws IOException {
        byte[] small = null;
        if (s.size() <= IN_MEMORY_LIMIT) {
            ContentStore.Read r = store.content().readTracked(s.hash());
            small = r.bytes();
            if (r.rebuilt()) {
                patched.incrementAndGet();
            }
        } else if (!store.content().blobs().contains(s.hash())) {
            patched.incrementAndGet();
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            written.add(file);
            write(s, small, out, buffer, op);
            return;
        } catch (FileAlreadyExistsException exists) {
            // replaced below, whole or not at all
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(file);
            throw e;
        }
        Path temp = file.resolveSibling(FileAdapter.TEMP_PREFIX + op.id() + "-"
                + Thread.currentThread().getId());
        try (OutputStream out = Files.newOutputStream(temp)) {
            write(s, small, out, buffer, op);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        written.add(file);
    }

    private void write(FileState s, byte @Nullable [] small, OutputStream out, byte[] buffer, Operation op) throws IOException {
        if (small != null) {
            out.write(small);
        } else {
            writeContent(s, out, buffer, op);
        }
    }

    /**
     * Writes a version's content: small contents are rebuilt in memory in one call (one pooled zstd
     * context, no stream set-up per file), large ones stream through {@code buffer}.
     */
    private void writeContent(FileState s, OutputStream out, byte[] buffer, Operation op) throws IOException {
        if (s.size() <= IN_MEMORY_LIMIT) {
            out.write(store.content().read(s.hash()));
            return;
        }
        try (InputStream in = store.content().open(s.hash())) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                op.checkpoint();
            }
        }
    }

    /**
     * Writes a version's content to {@code path}; the text encoding of a small text content is detected from the bytes
     * in hand into {@code encodings} (reading 2,500 files back for it after a clone's restore took a tenth of it).
     */
    private void copy(FileState s, String path, byte[] buffer, Operation op, Map<String, Optional<String>> encodings)
            throws IOException {
        FileSystemAdapter.AtomicOutput out = store.adapter().openWrite(path);
        try {
            if (s.size() <= IN_MEMORY_LIMIT) {
                byte[] data = store.content().read(s.hash());
                out.write(data);
                if (s.type() == FileType.TEXT) {
                    encodings.put(s.path(), Optional.ofNullable(TextEncoding.detect(data, data.length)));
                }
            } else {
                writeContent(s, out, buffer, op);
            }
            out.close();
        } catch (IOException | RuntimeException | Error e) {
            out.abort();
            throw e;
        }
    }

    private void deleteAll(Collection<String> paths) {
        for (String p : paths) {
            try {
                store.adapter().deleteFile(p);
            } catch (IOException | RuntimeException ignored) {
                // a temp file left behind is removed by the next restore's cleanup
            }
        }
    }

    /** Removes temp files of restores that a crash interrupted. Runs under the writer lock. */
    public void cleanTemp() throws IOException {
        for (String name : store.adapter().listFiles(TEMP)) {
            store.adapter().deleteFile(TEMP + "/" + name);
        }
    }

}
