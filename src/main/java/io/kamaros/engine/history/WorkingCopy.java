package io.kamaros.engine.history;

import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.PathRules;
import io.kamaros.engine.model.Args;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileChange;
import io.kamaros.engine.model.FileExistsException;
import io.kamaros.engine.model.FileNotFoundException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.FileTooLargeException;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.RenameInfo;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.VersionDiff;
import io.kamaros.engine.model.WorkingCopyStatus;
import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.project.HistoryGuard;
import io.kamaros.engine.project.Ledger;
import io.kamaros.engine.project.ManifestDoc;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Objects;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * The working copy's side of the facade: its status and its difference from any version, and the
 * file operations (add, append, remove, move) that change it and the ledger's identities. Each
 * operation takes the runner's lock itself.
 */
public final class WorkingCopy {
    private final OperationRunner run;
    private final HistoryQueries queries;

    public WorkingCopy(OperationRunner run, HistoryQueries queries) {
        this.run = run;
        this.queries = queries;
    }

    private ProjectStore store() {
        return run.store();
    }

    private FileSystemAdapter adapter() {
        return run.adapter();
    }

    /** Uncommitted changes: what a checkpoint made now would record. */
    public WorkingCopyStatus getStatus() {
        // Status only refreshes the in-memory scan cache: it needs no OS lock, so it works while
        // another program is committing.
        return run.exclusive("status", CancellationToken.NONE, false, op -> {
            Map<String, FileState> head = store().graph().stateOf(store().headId());
            ChangeScanner.Scan scan = scanRemembering(op, run.takeOpeningListing());
            List<String> added = new ArrayList<>();
            List<String> modified = new ArrayList<>();
            List<String> deleted = new ArrayList<>();
            List<RenameInfo> renamed = new ArrayList<>();
            for (FileState c : ChangeSet.compute(head, scan.files(), store().ledger().files())) {
                switch (typeOf(c)) {
                    case ADDED -> added.add(c.path());
                    case MODIFIED -> modified.add(c.path());
                    case DELETED -> deleted.add(c.path());
                    case RENAMED -> {
                        renamed.add(new RenameInfo(c.inodeId(), previousPathOf(c), c.path()));
                        if (c.previousHash() != null) {
                            modified.add(c.path());
                        }
                    }
                }
            }
            long size = 0;
            for (ChangeScanner.WorkingFile wf : scan.files().values()) {
                size += wf.size();
            }
            SortedSet<String> headFolders = store().graph().emptyFoldersOf(store().headId());
            return new WorkingCopyStatus(store().headId(), added, modified, deleted, renamed, scan.files().size(), size,
                    scan.unversionable(),
                    ChangeScanner.emptyFoldersOr(scan, headFolders).stream().filter(f -> !headFolders.contains(f)).toList(),
                    headFolders.stream().filter(f -> !ChangeScanner.emptyFoldersOr(scan, headFolders).contains(f)).toList());
        });
    }

    /** Adds or replaces a file from a stream (never held whole in memory). */
    public void addFile(String path, InputStream content) {
        PathRules.check(path);
        Args.required(content, "content", "The file's content");
        run.writeVoid("add", CancellationToken.NONE, op -> {
            HistoryGuard.checkPath(adapter(), path);
            checkPlace(path);
            checkCaseCollision(path);
            String target = ChangeScanner.CONTENT + "/" + path;
            boolean existed = adapter().fileExists(target);
            long limit = Math.min(adapter().maxFileSize(), run.config().maxFileSize() == null ? Long.MAX_VALUE : run.config().maxFileSize());
            MessageDigest md = sha256();
            long size;
            FileSystemAdapter.AtomicOutput out = adapter().openWrite(target);
            try (InputStream in = new DigestInputStream(content, md)) {
                size = copyLimited(in, out, limit, path);
                out.close();
            } catch (IOException | RuntimeException e) {
                out.abort();
                throw e;
            }
            Optional<FileStat> st = adapter().stat(target);
            ChangeScanner.WorkingFile written = null;
            if (st.isPresent()) {
                byte[] head = size <= ContentStore.MAX_DIFF_BYTES ? adapter().readFile(target) : new byte[0];
                FileType type = size <= ContentStore.MAX_DIFF_BYTES ? ContentStore.detectType(head, head.length) : FileType.BINARY;
                written = new ChangeScanner.WorkingFile(path, HexFormat.of().formatHex(md.digest()), size,
                        type, st.get(), System.currentTimeMillis() * 1_000_000L);
            }
            store().ledger().recordWrittenFile(path, written);
            run.markLedgerDirty();
            op.emit(new JcfEvent.FileChanged(op.id(), Instant.now(), path, existed ? ChangeType.MODIFIED : ChangeType.ADDED, size));
        });
    }

    private static long copyLimited(InputStream in, OutputStream out, long limit, String path) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > limit) {
                throw new FileTooLargeException("'" + path + "' is larger than the limit of " + limit + " bytes.",
                        Map.of("path", path, "size", total, "maxSize", limit));
            }
            out.write(buf, 0, n);
        }
        return total;
    }

    /** Appends bytes to a working-copy file (creating it), e.g. to write a large file piece by piece. */
    public void appendToFile(String path, byte[] chunk) {
        PathRules.check(path);
        Args.required(chunk, "chunk", "The bytes to append");
        run.writeVoid("append", CancellationToken.NONE, op -> {
            HistoryGuard.checkPath(adapter(), path);
            String target = ChangeScanner.CONTENT + "/" + path;
            boolean existed = adapter().fileExists(target);
            if (!existed) {
                checkPlace(path);
                checkCaseCollision(path);
            }
            long limit = Math.min(adapter().maxFileSize(), run.config().maxFileSize() == null ? Long.MAX_VALUE : run.config().maxFileSize());
            long size = adapter().stat(target).map(FileStat::size).orElse(0L);
            if (size + chunk.length > limit) {
                throw new FileTooLargeException("Appending would make '" + path + "' larger than the limit of " + limit
                        + " bytes.", Map.of("path", path, "size", size + chunk.length, "maxSize", limit));
            }
            adapter().appendFile(target, chunk);
            store().ledger().recordChangedContent(path); // hashed again at the next scan
            run.markLedgerDirty();
            op.emit(new JcfEvent.FileChanged(op.id(), Instant.now(), path, existed ? ChangeType.MODIFIED : ChangeType.ADDED,
                    size + chunk.length));
        });
    }

    /** Removes a file from the working copy (recorded at the next checkpoint); {@code recursive} removes a folder. */
    public void removeFile(String path, boolean recursive) {
        Args.required(path, "path", "The path of the file to remove (\"\" with recursive=true empties the project)");
        String p = PathRules.checkDirectory(path);
        if (p.isEmpty() && !recursive) {
            throw new ValidationException("Give the path of the file to remove; removing the whole project's files "
                    + "needs recursive=true.", Map.of("field", "path", "value", path));
        }
        run.writeVoid("remove", CancellationToken.NONE, op -> {
            if (!p.isEmpty()) {
                HistoryGuard.checkPath(adapter(), p);
            }
            String target = ChangeScanner.CONTENT + "/" + p;
            List<String> victims = new ArrayList<>();
            if (!p.isEmpty() && adapter().fileExists(target)) {
                victims.add(p);
            } else if (recursive) {
                for (String child : adapter().listFiles(p.isEmpty() ? ChangeScanner.CONTENT : target)) {
                    victims.add(p.isEmpty() ? child : p + "/" + child);
                }
            }
            if (victims.isEmpty()) {
                throw new FileNotFoundException(p);
            }
            for (String v : victims) {
                HistoryGuard.checkPath(adapter(), v);
            }
            for (String v : victims) {
                adapter().deleteFile(ChangeScanner.CONTENT + "/" + v);
                store().ledger().forgetFile(v);
                op.emit(new JcfEvent.FileChanged(op.id(), Instant.now(), v, ChangeType.DELETED, 0));
            }
            run.markLedgerDirty();
        });
    }

    /** Moves or renames a file, keeping its identity (history follows it). */
    public void moveFile(String from, String to, boolean replace) {
        PathRules.check(from);
        PathRules.check(to);
        run.writeVoid("move", CancellationToken.NONE, op -> {
            HistoryGuard.checkPath(adapter(), from);
            HistoryGuard.checkPath(adapter(), to);
            String src = ChangeScanner.CONTENT + "/" + from;
            String dst = ChangeScanner.CONTENT + "/" + to;
            if (!adapter().fileExists(src)) {
                throw new FileNotFoundException(from);
            }
            if (from.equals(to)) {
                return;
            }
            if (adapter().fileExists(dst) && !replace) {
                throw new FileExistsException("'" + to + "' already exists. Remove it first or move with replace.",
                        Map.of("path", to));
            }
            if (!from.equalsIgnoreCase(to)) {
                checkPlace(to);
                checkCaseCollision(to);
            }
            adapter().moveFile(src, dst);
            Optional<FileStat> st = adapter().stat(dst);
            store().ledger().recordMovedFile(from, to, st.orElse(null));
            run.markLedgerDirty();
            op.emit(new JcfEvent.FileChanged(op.id(), Instant.now(), to, ChangeType.RENAMED, st.map(FileStat::size).orElse(0L)));
        });
    }

    /**
     * A file cannot be written where a folder is, nor below a file: the caller's mistake, said as
     * such (not as a storage error telling the person to check the disk).
     */
    private void checkPlace(String path) throws IOException {
        String target = ChangeScanner.CONTENT + "/" + path;
        if (!adapter().fileExists(target) && !adapter().listFiles(target).isEmpty()) {
            throw new ValidationException("'" + path + "' is a folder in the project; a file cannot take its place. "
                    + "Use another name, or remove the folder first.",
                    Map.of("field", "path", "value", path, "reason", "folder"));
        }
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            String parent = path.substring(0, slash);
            if (adapter().fileExists(ChangeScanner.CONTENT + "/" + parent)) {
                throw new ValidationException("'" + parent + "' is a file, so '" + path + "' cannot be put below it. "
                        + "Use another folder name.", Map.of("field", "path", "value", path, "conflictsWith", parent));
            }
        }
    }

    /** Two paths differing only in case break the project on macOS and Windows. */
    private void checkCaseCollision(String path) throws IOException {
        String lower = path.toLowerCase(Locale.ROOT);
        for (String existing : adapter().listFiles(ChangeScanner.CONTENT)) {
            if (!existing.equals(path) && existing.toLowerCase(Locale.ROOT).equals(lower)) {
                throw new ValidationException("'" + path + "' differs from the existing '" + existing
                        + "' only in letter case, which macOS and Windows cannot keep apart. Use another name.",
                        Map.of("field", "path", "value", path, "conflictsWith", existing));
            }
        }
    }

    /**
     * Hashes the working copy (only files whose size or time changed since the ledger's last look,
     * or whose time was too close to it) and remembers what it may trust in the ledger, so the next
     * scan is quick (only when no write is running: see {@link OperationRunner#exclusive}); closing
     * the project writes it back when it can take the project's lock without waiting.
     * {@code listed}: a listing made while the project opened, or null to list now.
     */
    private ChangeScanner.Scan scanRemembering(Operation op, @Nullable CompletableFuture<ChangeScanner.Listing> listed)
            throws IOException {
        ChangeScanner scanner = new ChangeScanner(adapter(), store().content().blobs());
        if (listed != null) {
            try {
                scanner.using(listed.join());
            } catch (CompletionException e) {
                run.debug("listing made at open failed, listing again: {}", e.toString());
            }
        }
        ChangeScanner.Scan scan = scanner.scan(store().ledger().files(), false, Set.of(), op);
        run.debug("{}: {} of {} files hashed ({} bytes)", op.name(), scan.filesRead(), scan.files().size(),
                scan.bytesRead());
        if (scan.filesRead() == 0) {
            return scan; // every file came from the scan cache as it is recorded: nothing new to remember
        }
        // A racy file hashed to what the ledger holds stays out: a later scan would not trust its new time
        // either, so writing it back would only cost a write.
        Ledger ledger = store().ledger();
        List<ChangeScanner.WorkingFile> worth = scan.files().values().stream().filter(wf -> ChangeScanner.trustworthy(wf)
                || !wf.hash().equals(scanHashOf(ledger, wf.path()))).toList();
        if (run.ownsLedger() && ledger.rememberScans(worth)) { // not while a write runs
            run.markLedgerDirty();
        }
        return scan;
    }

    /**
     * What differs from a version to the working copy, as {@link HistoryQueries#getVersionDiff}
     * reports two versions ({@code toVersion} null): renames are found as a checkpoint finds them
     * (the identity a move keeps, else equal content). {@code versionRef} null: against no version,
     * every file added.
     */
    public VersionDiff getWorkingCopyDiff(@Nullable String versionRef) {
        if (versionRef != null) {
            Args.versionRef(versionRef, "versionRef");
        }
        return run.exclusive("diff", CancellationToken.NONE, false, op -> {
            String from = versionRef == null ? null : queries.resolve(versionRef);
            Map<String, FileState> before = from == null ? Map.of() : store().graph().stateOf(from);
            ChangeScanner.Scan scan = scanRemembering(op, null);
            List<FileChange> added = new ArrayList<>();
            List<FileChange> modified = new ArrayList<>();
            List<FileChange> deleted = new ArrayList<>();
            List<RenameInfo> renamed = new ArrayList<>();
            long sizeChange = 0;
            for (FileState c : ChangeSet.compute(before, scan.files(), store().ledger().files())) {
                FileState was = c.changeType() == ChangeType.RENAMED ? before.get(c.previousPath()) : before.get(c.path());
                switch (typeOf(c)) {
                    case ADDED -> {
                        added.add(new FileChange(ChangeType.ADDED, c.path(), null, c));
                        sizeChange += c.size();
                    }
                    case MODIFIED -> {
                        modified.add(new FileChange(ChangeType.MODIFIED, c.path(), was, c));
                        sizeChange += c.size() - Objects.requireNonNull(was, "changed and moved files were in before").size();
                    }
                    case DELETED -> {
                        deleted.add(new FileChange(ChangeType.DELETED, c.path(), c, null));
                        sizeChange -= c.size();
                    }
                    case RENAMED -> {
                        renamed.add(new RenameInfo(c.inodeId(), previousPathOf(c), c.path()));
                        if (c.previousHash() != null) {
                            modified.add(new FileChange(ChangeType.MODIFIED, c.path(), was, c));
                        }
                        sizeChange += c.size() - Objects.requireNonNull(was, "changed and moved files were in before").size();
                    }
                }
            }
            return new VersionDiff(from, null, added, modified, deleted, renamed,
                    new VersionDiff.Stats(added.size(), modified.size(), deleted.size(), renamed.size(), sizeChange));
        });
    }

    private static @Nullable String scanHashOf(Ledger ledger, String path) {
        ManifestDoc.FileEntry e = ledger.file(path);
        return e == null ? null : e.scanHash();
    }

    /** ChangeSet.compute sets the type of every change it returns. */
    private static ChangeType typeOf(FileState c) {
        return Objects.requireNonNull(c.changeType(), "a computed change has its type");
    }

    /** ChangeSet.compute sets the previous path of every rename. */
    private static String previousPathOf(FileState c) {
        return Objects.requireNonNull(c.previousPath(), "a rename has its previous path");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
