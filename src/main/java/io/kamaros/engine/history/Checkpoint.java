package io.kamaros.engine.history;

import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.FileTooLargeException;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.NoChangesException;
import io.kamaros.engine.model.UnversionableFile;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.project.Ledger;
import io.kamaros.engine.project.ManifestDoc;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.FileStat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.project.VersionGraph;
import io.kamaros.engine.model.TextEncoding;
import org.jspecify.annotations.Nullable;

/**
 * Saves the working copy as a new version (spec §3.2): scan and store changed contents, write
 * reverse patches for changed text, append the version to the journal, then commit the manifest.
 * Anything written before the commit is removed again when the checkpoint fails or is cancelled,
 * so the project is exactly as it was. Everything before the commit step reads only the committed
 * state and builds the new one privately (a ledger draft, objects nothing refers to yet), so readers
 * may keep reading meanwhile ({@link OperationRunner#writeBesideReaders}).
 */
public final class Checkpoint {
    public static final int MAX_MESSAGE_LENGTH = 1000;

    /**
     * What a checkpoint produced; {@code bytesStored} counts the new objects it wrote;
     * {@code unversionable} what it left out, and the names it saved that Windows cannot hold.
     */
    public record Result(VersionRecord record, long bytesStored, List<UnversionableFile> unversionable,
                         int changesLeft) {
        public Result(VersionRecord record, long bytesStored, List<UnversionableFile> unversionable) {
            this(record, bytesStored, unversionable, 0);
        }
    }

    /**
     * Who and what a checkpoint records. {@code timestamp}: the moment recorded for the version,
     * null for now; {@code strict}: refuse when anything in the working copy would not be saved;
     * {@code paths}: save only the changes under these files and folders (empty: every change, see
     * {@code CheckpointOptions.paths}); {@code beside}: record the
     * version as a child of HEAD without moving HEAD (the automatic save of the files a restore of
     * chosen files replaces), so the rest of the working copy stays based on HEAD; {@code automatic}:
     * a version autosave makes (recorded as such).
     */
    public record Request(String message, String author, @Nullable String email, List<String> tags, boolean allowEmpty,
                          boolean autoSaved, @Nullable Instant timestamp, boolean strict, List<String> paths,
                          boolean beside, boolean automatic) {
        public Request {
            paths = List.copyOf(paths);
        }

        public Request(String message, String author, @Nullable String email, List<String> tags, boolean allowEmpty,
                       boolean autoSaved, @Nullable Instant timestamp, boolean strict, List<String> paths,
                       boolean beside) {
            this(message, author, email, tags, allowEmpty, autoSaved, timestamp, strict, paths, beside, false);
        }

        public Request(String message, String author, @Nullable String email, List<String> tags, boolean allowEmpty,
                       boolean autoSaved, @Nullable Instant timestamp, boolean strict) {
            this(message, author, email, tags, allowEmpty, autoSaved, timestamp, strict, List.of(), false);
        }

        public Request(String message, String author, @Nullable String email, List<String> tags, boolean allowEmpty,
                       boolean autoSaved, @Nullable Instant timestamp) {
            this(message, author, email, tags, allowEmpty, autoSaved, timestamp, false);
        }

        public Request(String message, String author, @Nullable String email, List<String> tags, boolean allowEmpty,
                       boolean autoSaved) {
            this(message, author, email, tags, allowEmpty, autoSaved, null);
        }
    }

    private final ProjectStore store;
    /** The largest content a version may take in (JcfConfig.maxFileSize and the adapter's limit). */
    private long maxFileSize = Long.MAX_VALUE;

    public Checkpoint(ProjectStore store) {
        this.store = store;
    }

    /** Refuses, before anything is stored, working-copy files larger than {@code bytes} that HEAD does not already hold. */
    public Checkpoint maxFileSize(long bytes) {
        this.maxFileSize = bytes;
        return this;
    }

    public static void validateMessage(String message) {
        if (message == null) {
            throw new ValidationException("A checkpoint needs a message saying what changed.",
                    Map.of("field", "message", "value", "null"));
        }
        if (message.length() > MAX_MESSAGE_LENGTH) {
            throw new ValidationException("The checkpoint message is " + message.length() + " characters; at most "
                    + MAX_MESSAGE_LENGTH + " are allowed (under 200 reads best).",
                    Map.of("field", "message", "value", message.substring(0, 50) + "…"));
        }
    }

    public Result run(Request req, Operation op) throws IOException {
        validateMessage(req.message());
        PathSelection selection = PathSelection.of(req.paths());
        for (String tag : req.tags()) {
            Tags.validate(tag);
            String taggedBefore = store.ledger().ref(Tags.ref(tag));
            if (taggedBefore != null) {
                throw new ValidationException("The tag '" + tag + "' is already used by version "
                        + taggedBefore + ". Pick another name.",
                        Map.of("field", "tags", "value", tag));
            }
        }
        op.emit(new JcfEvent.CheckpointStarted(op.id(), Instant.now(), req.message()));
        List<String> written = new ArrayList<>();
        AtomicBoolean committed = new AtomicBoolean(); // set inside the commit step
        try {
            String headId = store.headId();
            Map<String, FileState> head = store.graph().stateOf(headId);
            Set<String> headHashes = new HashSet<>();
            head.values().forEach(s -> headHashes.add(s.hash()));
            Ledger next = store.draft();

            ChangeScanner scanner = new ChangeScanner(store.adapter(), store.content().blobs());
            if (selection != null) {
                scanner.storingOnly(selection::contains); // the other files' contents are not saved now
            }
            if (maxFileSize != Long.MAX_VALUE) {
                ChangeScanner.Listing listing = scanner.list();
                refuseTooLarge(listing, next.files(), headHashes, selection, op);
                scanner.using(listing); // the scan below works on the listing checked here
            }
            ChangeScanner.Scan scan;
            try (Operation.Span ignored = op.within(0, 60)) { // scanning and storing: 0-60 %, diffing 60-80
                scan = scanner.scan(next.files(), true, headHashes, op, written);
            }
            SortedSet<String> headFolders = store.graph().emptyFoldersOf(headId);
            SortedSet<String> nowFolders = ChangeScanner.emptyFoldersOr(scan, headFolders);
            if (selection != null) {
                List<String> listed = new ArrayList<>(scan.files().keySet());
                scan.unversionable().forEach(u -> listed.add(u.path()));
                selection.requireKnown(listed, nowFolders, head.keySet(), headFolders);
            }
            List<UnversionableFile> notSaved = scan.unversionable().stream()
                    .filter(u -> !u.saved() && (selection == null || selection.contains(u.path()))).toList();
            if (req.strict() && !notSaved.isEmpty()) {
                throw refuseStrict(notSaved);
            }
            String dictionary = store.content().blobs().dictionary();
            if (dictionary != null && !dictionary.equals(next.dictionary())) {
                next.setDictionary(dictionary); // trained by this scan
            }
            List<FileState> allChanges = ChangeSet.compute(head, scan.files(), next.files());
            List<FileState> changes = selection == null ? allChanges : selected(allChanges, selection, head);
            List<UnversionableFile> reported = reported(scan.unversionable(), changes);
            List<String> allFoldersAdded = nowFolders.stream().filter(f -> !headFolders.contains(f)).toList();
            List<String> allFoldersRemoved = headFolders.stream().filter(f -> !nowFolders.contains(f)).toList();
            List<String> foldersAdded = allFoldersAdded.stream().filter(f -> selection == null || selection.contains(f)).toList();
            List<String> foldersRemoved = allFoldersRemoved.stream().filter(f -> selection == null || selection.contains(f)).toList();
            int changesLeft = selection == null ? 0 : changesLeft(allChanges, selection)
                    + allFoldersAdded.size() - foldersAdded.size() + allFoldersRemoved.size() - foldersRemoved.size();
            // The first checkpoint of a new project is always allowed, even of an empty folder (the
            // seed's versioning example starts so); later ones need something new unless allowEmpty.
            if (changes.isEmpty() && foldersAdded.isEmpty() && foldersRemoved.isEmpty() && !req.allowEmpty()
                    && (headId != null || selection != null)) {
                throw selection == null || selection.contains("")
                        ? new NoChangesException("Nothing changed since the last checkpoint, so there is nothing to save.",
                                Map.of("headVersionId", String.valueOf(headId)))
                        : new NoChangesException("Nothing under '" + String.join("', '", selection.roots())
                                + "' changed since the last checkpoint, so there is nothing to save.",
                                Map.of("headVersionId", String.valueOf(headId), "paths", selection.roots()));
            }
            op.checkpoint();

            String versionId = UUID.randomUUID().toString();
            List<FileState> recorded = new ArrayList<>(changes.size());
            List<String> superseded = new ArrayList<>();
            long bytesStored = scan.bytesStored();
            int diffed = 0;
            long diffTotal = changes.stream().filter(Checkpoint::isTextEdit).count();
            for (FileState c : changes) {
                String ref = c.changeType() == ChangeType.DELETED ? null : blobRef(c.hash());
                if (isTextEdit(c) && !req.beside()) { // a version beside HEAD keeps whole copies: HEAD's must stay whole
                    op.checkpoint();
                    op.progress("diffing", 60 + 20.0 * diffed / Math.max(1, diffTotal), diffed, diffTotal, 0, 0, c.path());
                    byte[] newer = store.content().blobs().read(c.hash());
                    String previousHash = Objects.requireNonNull(c.previousHash(), "a text edit has a previous content");
                    byte[] older = store.content().read(previousHash);
                    String patch = store.content().writeReversePatch(versionId, c.path(), newer, older, previousHash);
                    if (patch != null) {
                        written.add(patch);
                        bytesStored += store.adapter().stat(patch).map(st -> st.size()).orElse(0L);
                        ref = patch;
                        superseded.add(c.previousHash());
                    }
                    diffed++;
                    op.emit(new JcfEvent.FileCompleted("checkpoint", op.id(), Instant.now(), c.path()));
                }
                recorded.add(new FileState(c.inodeId(), c.path(), c.hash(), c.size(), c.type(), ref, c.changeType(),
                        c.previousPath(), c.previousHash()));
            }

            op.progress("creating-version", 80, changes.size(), changes.size(), 0, 0, null);
            VersionRecord record = new VersionRecord(versionId, headId,
                    req.timestamp() != null ? req.timestamp() : Instant.now(), req.message().strip(),
                    req.author(), req.email(), List.copyOf(req.tags()), req.autoSaved(), List.copyOf(recorded),
                    foldersAdded, foldersRemoved, req.automatic());
            // A version beside HEAD leaves the ledger as it is: the working copy stays based on HEAD.
            if (!req.beside()) {
                Map<String, FileState> saved = null; // a whole checkpoint saved exactly the scanned files
                if (selection != null) {
                    saved = new TreeMap<>(head);
                    VersionGraph.apply(saved, record);
                }
                next.recordCheckpointFiles(scan.files().values(), ChangeSet.byPath(record.changes()), saved,
                        record.timestamp());
            }
            next.resolveEncodings(hash -> {
                byte[] data = store.content().read(hash); // new text content the scan took from its cache
                return TextEncoding.detect(data, data.length);
            });
            op.checkpoint();

            op.progress("writing", 90, changes.size(), changes.size(), 0, 0, null);
            store.adapter().sync(); // the new objects are durable before the commit step, which readers wait for
            op.committing(() -> {
                long journalEnd = store.appendJournal(record, next);
                if (req.beside()) {
                    next.recordSideVersion(record, journalEnd, store.graph().size() + 1);
                } else {
                    next.recordVersion(record, journalEnd, store.graph().size() + 1);
                }
                store.commit(next); // the commit point
                committed.set(true);
                store.graph().add(record);
                store.content().index(record);

                Set<String> keep = new HashSet<>();
                store.graph().stateOf(versionId).values().forEach(s -> keep.add(s.hash()));
                try {
                    store.content().compact(superseded, keep); // replaces whole old copies: no reader may be reading them
                } catch (IOException | RuntimeException e) {
                    op.emit(new JcfEvent.Warning(op.id(), Instant.now(),
                            "Saved, but old copies could not be compacted yet (" + e.getMessage() + "); the next save retries."));
                }
                return Boolean.TRUE;
            });
            for (UnversionableFile u : reported) {
                op.emit(new JcfEvent.Warning(op.id(), Instant.now(),
                        (u.saved() ? "Saved with a warning: '" : "Not saved: '") + u.path() + "': " + u.detail() + ".", u));
            }
            op.progress("finalizing", 100, changes.size(), changes.size(), 0, 0, null);
            return new Result(record, bytesStored, reported, changesLeft);
        } catch (IOException | RuntimeException | Error e) {
            if (!committed.get()) {
                store.content().blobs().useDictionary(store.ledger().dictionary());
                rollback(written);
                op.emit(new JcfEvent.RolledBack("checkpoint", op.id(), Instant.now()));
            }
            throw e;
        }
    }

    /**
     * What a checkpoint reports: every entry it left out, and Windows-name warnings for the paths
     * this version saves (added, modified or renamed), so an unchanged file is not warned about at
     * every checkpoint.
     */
    private static List<UnversionableFile> reported(List<UnversionableFile> found, List<FileState> changes) {
        Set<String> saved = new HashSet<>();
        for (FileState c : changes) {
            if (c.changeType() != ChangeType.DELETED) {
                saved.add(c.path());
            }
        }
        return found.stream().filter(u -> !u.saved() || saved.contains(u.path())).toList();
    }

    /**
     * The changes under the selection. A rename with only one side selected is split: the selected
     * new path is added as a new file, or the selected old path is deleted; the other side stays an
     * unsaved change.
     */
    private static List<FileState> selected(List<FileState> all, PathSelection selection, Map<String, FileState> head) {
        List<FileState> out = new ArrayList<>();
        for (FileState c : all) {
            if (c.changeType() != ChangeType.RENAMED) {
                if (selection.contains(c.path())) {
                    out.add(c);
                }
                continue;
            }
            boolean to = selection.contains(c.path());
            boolean from = selection.contains(c.previousPath());
            if (to && from) {
                out.add(c);
            } else if (to) {
                out.add(new FileState(UUID.randomUUID().toString(), c.path(), c.hash(), c.size(), c.type(), null,
                        ChangeType.ADDED, null, null));
            } else if (from) {
                FileState old = Objects.requireNonNull(head.get(c.previousPath()), "a rename's source is HEAD's");
                out.add(new FileState(old.inodeId(), old.path(), old.hash(), old.size(), old.type(), null,
                        ChangeType.DELETED, null, null));
            }
        }
        // As ChangeSet orders them: by path; for a replaced path the deletion first.
        out.sort(Comparator.comparing(FileState::path).thenComparing(c -> c.changeType() == ChangeType.DELETED ? 0 : 1));
        return out;
    }

    /** How many of the working copy's changes a partial checkpoint leaves unsaved (a split rename counts once). */
    private static int changesLeft(List<FileState> all, PathSelection selection) {
        int left = 0;
        for (FileState c : all) {
            boolean saved = selection.contains(c.path())
                    && (c.changeType() != ChangeType.RENAMED || selection.contains(c.previousPath()));
            if (!saved) {
                left++;
            }
        }
        return left;
    }

    private static ValidationException refuseStrict(List<UnversionableFile> notSaved) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < notSaved.size() && i < 20; i++) {
            list.append("\n  ").append(notSaved.get(i).describe());
        }
        if (notSaved.size() > 20) {
            list.append("\n  … and ").append(notSaved.size() - 20).append(" more");
        }
        return new ValidationException("Nothing was saved: " + notSaved.size()
                + (notSaved.size() == 1 ? " entry" : " entries") + " of the working copy cannot be versioned, "
                + "and a strict checkpoint saves all or nothing:" + list,
                Map.of("field", "workingCopy", "value", notSaved.get(0).path(),
                        "reason", notSaved.get(0).reason().name(), "count", String.valueOf(notSaved.size())));
    }

    /**
     * The limit holds for files that appear in the working copy as for addFile: every listed file
     * over it is refused (all named at once), unless it is content HEAD already holds (saved before
     * the limit was lowered) — a touched file is hashed to tell.
     */
    private void refuseTooLarge(ChangeScanner.Listing listing, Map<String, ManifestDoc.FileEntry> ledger,
                                Set<String> headHashes, @Nullable PathSelection selection, Operation op) throws IOException {
        List<String> tooLarge = new ArrayList<>();
        long largest = 0;
        for (Map.Entry<String, FileStat> e : listing.files().entrySet()) {
            long size = e.getValue().size();
            if (size <= maxFileSize || selection != null && !selection.contains(e.getKey())) {
                continue;
            }
            ChangeScanner.WorkingFile known = ChangeScanner.cached(e.getKey(), ledger.get(e.getKey()), e.getValue());
            String hash = known != null ? known.hash() : hashOf(ChangeScanner.CONTENT + "/" + e.getKey(), op);
            if (hash != null && !headHashes.contains(hash)) {
                tooLarge.add(e.getKey());
                largest = Math.max(largest, size);
            }
        }
        if (!tooLarge.isEmpty()) {
            String names = tooLarge.size() <= 10 ? String.join("', '", tooLarge)
                    : String.join("', '", tooLarge.subList(0, 10)) + "' and " + (tooLarge.size() - 10) + " more";
            throw new FileTooLargeException((tooLarge.size() == 1 ? "The file '" : "The files '")
                    + names + (tooLarge.size() == 1 ? "' is" : "' are") + " larger than the limit of " + maxFileSize
                    + " bytes (maxFileSize), so nothing was saved. Move "
                    + (tooLarge.size() == 1 ? "it" : "them") + " out of the project or raise the limit.",
                    Map.of("path", tooLarge.get(0), "paths", List.copyOf(tooLarge), "size", largest, "maxSize", maxFileSize));
        }
    }

    /** SHA-256 of a working-copy file, streamed; null if it vanished meanwhile. */
    private @Nullable String hashOf(String path, Operation op) throws IOException {
        try (InputStream in = store.adapter().openRead(path)) {
            return ChangeScanner.sha256(in, op);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static boolean isTextEdit(FileState c) {
        return c.previousHash() != null && c.type() == FileType.TEXT && c.size() <= ContentStore.MAX_DIFF_BYTES
                && (c.changeType() == ChangeType.MODIFIED || c.changeType() == ChangeType.RENAMED);
    }

    static String blobRef(String hash) {
        return ".store/blobs/" + hash;
    }

    private void rollback(List<String> written) {
        for (String path : written) {
            try {
                store.adapter().deleteFile(path);
            } catch (IOException | RuntimeException ignored) {
                // an object left behind is only unused space; GC removes it
            }
        }
    }

    /** Helpers for tag refs ({@code tags/<name>} in refs, spec §2). */
    public static final class Tags {
        private Tags() {
        }

        public static String ref(String tag) {
            return Ledger.tagRef(tag);
        }

        public static void validate(String tag) {
            if (tag == null || tag.isBlank() || tag.length() > 100 || tag.contains("/") || tag.contains("\\")
                    || tag.chars().anyMatch(ch -> ch < 0x20) || tag.equalsIgnoreCase("HEAD")
                    || !tag.strip().equals(tag)) {
                throw new ValidationException("Invalid tag '" + tag + "': use 1–100 characters without '/', '\\', "
                        + "control characters or surrounding spaces, and not 'HEAD'.", Map.of("field", "tag",
                        "value", String.valueOf(tag)));
            }
        }
    }

}
