package io.kamaros.engine.history;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.FindingCode;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.RepairCode;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerificationReport.Finding;
import io.kamaros.engine.model.VerificationReport.FindingType;
import io.kamaros.engine.model.VerificationReport.Repair;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.format.JournalCodec;
import io.kamaros.engine.project.Ledger;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.objects.pack.PackReader;
import io.kamaros.engine.objects.ReversePatch;
import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.project.VersionGraph;
import org.jspecify.annotations.Nullable;

/**
 * Checks a project's integrity (spec §3.8) and, when asked, repairs what redundancy allows.
 *
 * <p>Checks, in order: manifest.json parses and its kept copy exists; the journal decodes up to the
 * committed length, version ids are unique, parents are known and acyclic, HEAD and tags name
 * known versions; every content of every version has a blob or a chain of existing patches from
 * one; every patch a version refers to exists. Deep: every needed blob (and its chunks) is
 * re-hashed, every patch is applied to its base and the result hash-checked, every content kept
 * only as patches is rebuilt. Warnings: working-copy drift against HEAD, unused objects, stale
 * temp files, uncommitted journal bytes. Errors also: complete versions in the journal past the
 * manifest's end, fewer committed journal lines than the manifest counts.
 *
 * <p>The journal, every dictionary and every reverse patch are kept twice (issue 12: one damaged
 * byte costs at most what it belongs to); a copy that is damaged or missing is an error even when
 * nothing is lost, and so is a damaged manifest.json.bak.
 *
 * <p>Repair rewrites a missing or damaged blob from a working-copy file with the same hash or by
 * rebuilding it through patches, rewrites a damaged or missing copy of a journal line, dictionary
 * or patch from the intact one, rewrites a patch lost in both copies when both of its contents
 * are readable, restores manifest.json from the kept copy, drops refs naming unknown versions,
 * deletes stale temp files, takes back complete versions the journal holds past the manifest's end
 * (their contents stored) and cuts the rest of an uncommitted tail. It never invents history: what it
 * cannot rebuild byte-exact stays an error. The caller holds the writer lock.
 */
public final class Verifier {
    private final ProjectStore store;

    public Verifier(ProjectStore store) {
        this.store = store;
    }

    /** One pass of checks: findings plus the facts repair needs. */
    private final class Pass {
        final List<Finding> errors = new ArrayList<>();
        final List<Finding> warnings = new ArrayList<>();
        boolean manifestDamaged;
        byte @Nullable [] goodBackup;
        boolean backupDamaged;
        long journalTail;
        /** Non-null when the journal and its copy differ over the committed length. */
        JournalCodec.@Nullable Recovered journal;
        final List<String> danglingRefs = new ArrayList<>();
        /** Contents whose blob must be rewritten: hash → damaged chunks to delete first. */
        final Map<String, Set<String>> badBlobs = new LinkedHashMap<>();
        /** Patches that are missing or damaged. */
        final Map<String, ContentStore.Patch> badPatches = new LinkedHashMap<>();
        /** Patches of which one copy is intact and the other missing or damaged. */
        final Map<String, ContentStore.Patch> patchCopies = new LinkedHashMap<>();
        /** Dictionaries of which one copy is intact and the other missing or damaged. */
        final Set<String> dictionaries = new LinkedHashSet<>();
        final List<String> temp = new ArrayList<>();
        /** A pack's index had to be rebuilt from its pack. */
        boolean packIndexes;
        Map<String, ChangeScanner.WorkingFile> working = Map.of();

        void error(FindingType type, FindingCode code, List<Object> arguments, String message, Map<String, String> details,
                   @Nullable String suggestion) {
            errors.add(new Finding(type, code, arguments, message, details, suggestion));
        }

        void warning(FindingType type, FindingCode code, List<Object> arguments, String message,
                     Map<String, String> details, @Nullable String suggestion) {
            warnings.add(new Finding(type, code, arguments, message, details, suggestion));
        }
    }

    public VerificationReport run(VerifyOptions options, Operation op) throws IOException {
        VerifyOptions opts = options == null ? VerifyOptions.defaults() : options;
        op.emit(new JcfEvent.VerifyStarted(op.id(), Instant.now(), opts));
        Pass pass = check(opts, op, 0, opts.repair() ? 60 : 100);
        List<Repair> repaired = new ArrayList<>();
        if (opts.repair()) {
            op.progress("repairing", 60, 0, 0, 0, 0, null);
            repair(pass, repaired, op);
            if (!repaired.isEmpty()) {
                pass = check(opts, op, 70, 100); // report what is left
            }
        }
        VerificationReport report = VerificationReport.of(pass.errors.isEmpty(), pass.errors, pass.warnings, repaired);
        op.progress("complete", 100, 0, 0, 0, 0, null);
        op.emit(new JcfEvent.VerifyCompleted(op.id(), Instant.now(), report));
        return report;
    }

    // ------------------------------------------------------------------------------------ checks

    /**
     * The checks in order; each part reports into {@code pass}. The contents part (and the deep
     * parts after it) work from one {@link Inventory} of what the versions need.
     */
    private Pass check(VerifyOptions opts, Operation op, double from, double to) throws IOException {
        boolean deep = opts.deep();
        Pass pass = new Pass();
        double span = to - from;

        op.progress("manifest", from, 0, 0, 0, 0, ProjectStore.MANIFEST);
        checkManifest(pass);
        op.checkpoint();

        op.progress("journal", from + span * 0.05, 0, 0, 0, 0, JournalCodec.JOURNAL_PATH);
        checkJournal(pass);
        List<VersionRecord> records = store.graph().all();
        checkGraph(pass, records);
        op.checkpoint();

        Inventory inv = inventory(records);
        op.progress("contents", from + span * 0.15, 0, inv.usedBy.size(), 0, 0, null);
        listStoredObjects(inv);
        checkReferencedPatchesExist(pass, inv);
        checkContentsReachable(pass, inv);
        op.checkpoint();

        if (deep) {
            checkPacks(pass);
            checkDictionaries(pass);
            checkBlobs(pass, inv, op, from, span);
            checkPatches(pass, inv, op, from, span);
            checkPatchOnlyContents(pass, inv, op, from, span);
        }

        op.progress("unused", from + span * 0.9, 0, 0, 0, 0, null);
        checkUnusedObjects(pass, inv, deep);
        checkTempFiles(pass);

        op.progress("working-copy", from + span * 0.95, 0, 0, 0, 0, null);
        // The scan reports its own 0-100 % progress: keep it out of verify's.
        checkWorkingCopy(pass, new Operation(op.name(), opts.cancel(), null, event -> { }));
        return pass;
    }

    /** What the versions need and what the store holds, shared by the content checks. */
    private static final class Inventory {
        /** hash → {versionId, path} where the content was first used. */
        final Map<String, String[]> usedBy = new LinkedHashMap<>();
        final List<ContentStore.Patch> patches = new ArrayList<>();
        /** patch path → the version that refers to it */
        final Map<String, String> patchVersion = new HashMap<>();
        final Set<String> referencedPatchFiles = new HashSet<>();
        Set<String> blobSet = Set.of();
        /** Stored patches (a patch or its copy: either gives the content). */
        final Set<String> patchFiles = new HashSet<>();
        /** Contents reachable from an existing blob through existing patches. */
        final Set<String> reachable = new HashSet<>();
        /** Chunks the needed blobs' recipes name (deep: every needed blob; else filled by the unused check). */
        final Set<String> neededChunks = new HashSet<>();
        /** False when a recipe could not be read: then unused chunks cannot be told. */
        boolean chunksKnown = true;
    }

    /** Which contents versions need, where they were first used, and the patches between them. */
    private Inventory inventory(List<VersionRecord> records) {
        Inventory inv = new Inventory();
        for (VersionRecord r : records) {
            for (FileState s : r.changes()) {
                if (s.changeType() == ChangeType.DELETED || s.hash() == null) {
                    continue;
                }
                inv.usedBy.putIfAbsent(s.hash(), new String[]{r.id(), s.path()});
                if (s.contentRef() != null && s.contentRef().startsWith(ContentStore.DELTAS)) {
                    inv.referencedPatchFiles.add(s.contentRef());
                    if (s.previousHash() != null) {
                        inv.patches.add(new ContentStore.Patch(s.hash(), s.previousHash(), s.contentRef()));
                        inv.patchVersion.put(s.contentRef(), r.id());
                    }
                }
            }
        }
        // Patches of a version whose journal line is lost, matched to the contents they give at open.
        for (ContentStore.Patch p : store.content().adopted()) {
            inv.referencedPatchFiles.add(p.path());
            inv.patches.add(p);
        }
        return inv;
    }

    private void listStoredObjects(Inventory inv) throws IOException {
        inv.blobSet = new HashSet<>(store.content().blobs().listBlobs());
        for (String name : store.adapter().listFiles(GarbageCollector.deltasDir())) {
            // A patch or its copy: either gives the content (which one is intact is checked below)
            inv.patchFiles.add(ContentStore.DELTAS + (name.endsWith(ContentStore.COPY)
                    ? name.substring(0, name.length() - ContentStore.COPY.length()) : name));
        }
    }

    private void checkReferencedPatchesExist(Pass pass, Inventory inv) {
        for (String ref : inv.referencedPatchFiles) {
            if (!inv.patchFiles.contains(ref)) {
                ContentStore.Patch p = inv.patches.stream().filter(x -> x.path().equals(ref)).findFirst().orElse(null);
                pass.error(FindingType.MISSING_DELTA, FindingCode.PATCH_MISSING, List.of(ref), "The reverse patch " + ref + " is missing.",
                        details(ref, inv.patchVersion.get(ref), p == null ? null : p.target()),
                        "Run verifyIntegrity with repair: it is rewritten when both of its contents are still readable.");
                if (p != null) {
                    pass.badPatches.put(ref, p);
                }
            }
        }
    }

    /** Every needed content has a blob or a chain of existing patches from one. */
    private void checkContentsReachable(Pass pass, Inventory inv) {
        Map<String, List<ContentStore.Patch>> byBase = new HashMap<>();
        for (ContentStore.Patch p : inv.patches) {
            if (inv.patchFiles.contains(p.path())) {
                byBase.computeIfAbsent(p.base(), k -> new ArrayList<>()).add(p);
            }
        }
        Deque<String> queue = new ArrayDeque<>();
        for (String h : inv.usedBy.keySet()) {
            if (inv.blobSet.contains(h)) {
                inv.reachable.add(h);
                queue.add(h);
            }
        }
        while (!queue.isEmpty()) {
            for (ContentStore.Patch p : byBase.getOrDefault(queue.poll(), List.of())) {
                if (inv.reachable.add(p.target())) {
                    queue.add(p.target());
                }
            }
        }
        for (Map.Entry<String, String[]> e : inv.usedBy.entrySet()) {
            String h = e.getKey();
            if (inv.reachable.contains(h)) {
                continue;
            }
            String missingPatch = inv.patches.stream()
                    .filter(p -> p.target().equals(h) && !inv.patchFiles.contains(p.path()))
                    .map(ContentStore.Patch::path).findFirst().orElse(null);
            String where = "'" + e.getValue()[1] + "' in version " + e.getValue()[0];
            if (missingPatch == null) {
                pass.error(FindingType.MISSING_BLOB, FindingCode.CONTENT_MISSING, List.of(e.getValue()[1], shortId(e.getValue()[0])), "The content of " + where + " (" + shortHash(h)
                                + ") is missing: no blob and no chain of patches gives it.",
                        details(e.getValue()[1], e.getValue()[0], h),
                        "Repair rewrites it if a working-copy file has exactly this content; otherwise restore a backup.");
                pass.badBlobs.putIfAbsent(h, new HashSet<>());
            } else if (pass.errors.stream().noneMatch(f -> missingPatch.equals(detailsOf(f).get("path")))) {
                pass.error(FindingType.MISSING_DELTA, FindingCode.CONTENT_PATCH_MISSING,
                        List.of(e.getValue()[1], shortId(e.getValue()[0]), missingPatch), "The content of " + where + " cannot be rebuilt: the patch "
                        + missingPatch + " is missing.", details(missingPatch, e.getValue()[0], h), null);
            }
        }
    }

    /** Deep: both copies of every dictionary. */
    /**
     * Deep: every pack read whole. A damaged object is named with its pack (the contents checks
     * below name what it costs); a pack whose bytes no longer match its name, or whose index had
     * to be rebuilt, is an error even when every object still reads (repair writes the index again).
     */
    private void checkPacks(Pass pass) throws IOException {
        PackReader packs = store.packing().packs();
        for (String pack : packs.packs().keySet()) {
            PackReader.PackCheck c = packs.check(pack);
            String path = ".store/packs/" + pack + ".pack";
            for (String object : c.damagedObjects()) {
                if (hasIntactCopy(object)) {
                    pass.warning(FindingType.CORRUPT_BLOB, FindingCode.PACK_OBJECT_DAMAGED_COPY_INTACT,
                            List.of(object, shortHash(pack)), "The stored object " + object + " in pack " + shortHash(pack)
                            + " is damaged; another copy of it is intact, so nothing is lost.", details(path, null, null),
                            "runGc with aggressive drops the damaged copy.");
                } else {
                    pass.error(FindingType.CORRUPT_BLOB, FindingCode.PACK_OBJECT_DAMAGED, List.of(object, shortHash(pack)),
                            "The stored object " + object + " in pack " + shortHash(pack)
                            + " is damaged.", details(path, null, null), "Run verifyIntegrity with repair: it is "
                            + "rewritten from the working copy or through patches where it can be.");
                }
            }
            if (!c.indexIntact() && packs.indexWasMissing(pack)) {
                pass.packIndexes = true;
                pass.warning(FindingType.STALE_TEMP, FindingCode.PACK_INDEX_MISSING, List.of(shortHash(pack)),
                        "The pack " + shortHash(pack) + " has no index: a save was "
                        + "interrupted after writing it. Its objects are read all the same.", details(path, null, null),
                        "Repair writes its index; runGc removes it when no version uses its objects.");
            } else if (!c.indexIntact()) {
                pass.packIndexes = true;
                pass.error(FindingType.CORRUPT_BLOB, FindingCode.PACK_INDEX_DAMAGED, List.of(shortHash(pack)),
                        "The index of pack " + shortHash(pack) + " was missing or damaged; "
                        + "it was rebuilt from the pack, so nothing is lost.", details(path, null, null),
                        "Run verifyIntegrity with repair: the index is written again.");
            }
            if (!c.nameMatches() && c.damagedObjects().isEmpty()) {
                pass.error(FindingType.CORRUPT_BLOB, FindingCode.PACK_DAMAGED_OUTSIDE_OBJECTS, List.of(shortHash(pack)),
                        "The pack " + shortHash(pack) + " has a damaged byte outside its "
                        + "objects (every object in it still reads intact).", details(path, null, null),
                        "runGc with aggressive rewrites it.");
            }
        }
    }

    /** True when the object reads intact from another pack or a loose file (repair wrote it again). */
    private boolean hasIntactCopy(String objectId) {
        try {
            store.adapter().readFile(".store/" + objectId);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void checkDictionaries(Pass pass) throws IOException {
        FileSystemAdapter adapter = store.adapter();
        BlobStore blobs = store.content().blobs();
        for (String d : blobs.listDictionaries()) {
            List<String> bad = blobs.damagedDictionaryCopies(d);
            if (bad.size() == 2) {
                pass.error(FindingType.CORRUPT_BLOB, FindingCode.DICTIONARY_LOST, List.of(shortHash(d)), "The compression dictionary " + shortHash(d) + " is damaged in both "
                                + "of its copies: small blobs compressed with it cannot be read (each is listed below).",
                        details(BlobStore.DICTS_DIR + "/" + d, null, d), "Restore the project from a backup or an export.");
                continue;
            }
            for (String f : bad) {
                pass.dictionaries.add(d);
                if (f.endsWith(".copy") && !adapter.fileExists(f)) {
                    pass.warning(FindingType.CORRUPT_BLOB, FindingCode.DICTIONARY_NO_COPY, List.of(shortHash(d)), "The compression dictionary " + shortHash(d) + " has no "
                            + "second copy: if it is damaged, the small blobs made with it cannot be read.",
                            details(f, null, d), "Repair writes the copy.");
                } else {
                    pass.error(FindingType.CORRUPT_BLOB, adapter.fileExists(f) ? FindingCode.DICTIONARY_COPY_DAMAGED
                            : FindingCode.DICTIONARY_COPY_MISSING, List.of(f), "The compression dictionary file " + f + " is "
                            + (adapter.fileExists(f) ? "damaged" : "missing") + "; its other copy is intact, so "
                            + "nothing is lost.", details(f, null, d), "Run verifyIntegrity with repair: it is "
                            + "rewritten from the intact copy.");
                }
            }
        }
    }

    /** Deep: every needed blob (and its chunks) re-hashed. */
    private void checkBlobs(Pass pass, Inventory inv, Operation op, double from, double span) throws IOException {
        FileSystemAdapter adapter = store.adapter();
        BlobStore blobs = store.content().blobs();
        int i = 0;
        List<String> needed = inv.usedBy.keySet().stream().filter(inv.blobSet::contains).toList();
        for (String h : needed) {
            op.checkpoint();
            op.progress("blobs", from + span * (0.2 + 0.35 * i / Math.max(1, needed.size())), i, needed.size(), 0, 0, h);
            i++;
            String[] use = Objects.requireNonNull(inv.usedBy.get(h), "needed lists only used contents");
            try {
                inv.neededChunks.addAll(blobs.chunkHashes(h));
            } catch (CorruptionException e) {
                inv.chunksKnown = false;
            }
            try (InputStream in = blobs.openStream(h)) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (NoSuchFileException e) {
                continue; // deleted meanwhile: reported by the next run
            } catch (CorruptionException e) {
                Object chunk = e.details().get("chunk");
                Map<String, String> d = new LinkedHashMap<>(details(use[1], use[0], h));
                Set<String> damagedChunks = pass.badBlobs.computeIfAbsent(h, k -> new HashSet<>());
                if (chunk != null) {
                    d.put("chunk", chunk.toString());
                    boolean missing = !adapter.fileExists(BlobStore.CHUNKS_DIR + "/" + chunk);
                    if (!missing) {
                        damagedChunks.add(chunk.toString());
                    }
                    pass.error(missing ? FindingType.MISSING_CHUNK : FindingType.CORRUPT_BLOB,
                            missing ? FindingCode.BLOB_CHUNK_MISSING : FindingCode.BLOB_CHUNK_DAMAGED,
                            List.of(use[1], shortId(use[0]), shortHash(chunk.toString())),
                            "The blob " + shortHash(h) + " of '" + use[1] + "' (version " + use[0] + ") is damaged: "
                                    + (missing ? "its recipe lists a chunk " + chunk + " that is missing (or the recipe itself is "
                                    + "damaged: it has no checksum of its own)." : "its chunk " + chunk
                                    + " does not match its hash."), d, repairHint(h));
                } else {
                    pass.error(FindingType.CORRUPT_BLOB, FindingCode.BLOB_DAMAGED, List.of(use[1], shortId(use[0])), "The blob " + shortHash(h) + " of '" + use[1]
                            + "' (version " + use[0] + ") is damaged: " + e.getMessage(), d, repairHint(h));
                }
            }
        }
    }

    /** Deep: every patch, applied to its base, must give its target, in both of its copies. */
    private void checkPatches(Pass pass, Inventory inv, Operation op, double from, double span) throws IOException {
        FileSystemAdapter adapter = store.adapter();
        Map<String, byte[]> cache = new HashMap<>();
        long[] cached = {0};
        int j = 0;
        for (ContentStore.Patch p : inv.patches) {
            op.checkpoint();
            op.progress("patches", from + span * (0.55 + 0.25 * j / Math.max(1, inv.patches.size())), j,
                    inv.patches.size(), 0, 0, p.path());
            j++;
            if (!inv.patchFiles.contains(p.path())) {
                continue;
            }
            byte[] base = readOrNull(p.base(), cache, cached);
            if (base == null) {
                continue; // the base itself is reported
            }
            String why = null;
            List<String> bad = store.content().damagedCopies(p, base);
            if (bad.size() == 2) {
                try {
                    byte[] result = ReversePatch.apply(base, adapter.readFile(p.path()));
                    why = "neither it nor its copy gives its content (it produces " + shortHash(BlobStore.sha256Hex(result))
                            + " instead of " + shortHash(p.target()) + ")";
                } catch (NoSuchFileException e) {
                    why = "it is missing and its copy does not give its content";
                } catch (RuntimeException e) {
                    why = "neither it nor its copy applies (" + e.getMessage() + ")";
                }
            } else if (bad.size() == 1) {
                String f = bad.get(0);
                pass.patchCopies.put(p.path(), p);
                if (f.endsWith(ContentStore.COPY) && !adapter.fileExists(f)) {
                    pass.warning(FindingType.CORRUPT_DELTA, FindingCode.PATCH_NO_COPY, List.of(p.path()), "The reverse patch " + p.path() + " has no second copy: if "
                            + "it is damaged, the older contents rebuilt through it are lost.", details(f,
                            inv.patchVersion.get(p.path()), p.target()), "Repair writes the copy.");
                } else {
                    pass.error(FindingType.CORRUPT_DELTA, adapter.fileExists(f) ? FindingCode.PATCH_COPY_DAMAGED
                            : FindingCode.PATCH_COPY_MISSING, List.of(f), "The reverse patch file " + f + " is "
                            + (adapter.fileExists(f) ? "damaged" : "missing") + "; its other copy is intact, so "
                            + "nothing is lost.", details(f, inv.patchVersion.get(p.path()), p.target()),
                            "Run verifyIntegrity with repair: it is rewritten from the intact copy.");
                }
            }
            if (why != null) {
                String[] use = inv.usedBy.get(p.target());
                pass.error(FindingType.CORRUPT_DELTA, FindingCode.PATCH_DAMAGED, List.of(p.path()), "The reverse patch " + p.path() + " is damaged: " + why + ".",
                        details(p.path(), inv.patchVersion.get(p.path()), p.target()),
                        "Run verifyIntegrity with repair: it is rewritten when both of its contents are still readable"
                                + (use == null ? "." : " ('" + use[1] + "')."));
                pass.badPatches.put(p.path(), p);
            }
        }
    }

    /** Deep: every content kept only as patches is rebuilt and checked. */
    private void checkPatchOnlyContents(Pass pass, Inventory inv, Operation op, double from, double span)
            throws IOException {
        int k = 0;
        for (Map.Entry<String, String[]> e : inv.usedBy.entrySet()) {
            String h = e.getKey();
            if (inv.blobSet.contains(h) || !inv.reachable.contains(h)) {
                continue;
            }
            op.checkpoint();
            op.progress("rebuilding", from + span * (0.8 + 0.1 * k / Math.max(1, inv.usedBy.size())), k,
                    inv.usedBy.size(), 0, 0, e.getValue()[1]);
            k++;
            try {
                store.content().read(h);
            } catch (CorruptionException ex) {
                pass.error(FindingType.CORRUPT_DELTA, FindingCode.CONTENT_NOT_REBUILT,
                        List.of(e.getValue()[1], shortId(e.getValue()[0])), "The content of '" + e.getValue()[1] + "' in version "
                        + e.getValue()[0] + " (" + shortHash(h) + ") cannot be rebuilt from its patches: "
                        + ex.getMessage(), details(e.getValue()[1], e.getValue()[0], h), null);
            }
        }
    }

    /** Warnings: blobs, chunks and patches no version uses. */
    private void checkUnusedObjects(Pass pass, Inventory inv, boolean deep) throws IOException {
        BlobStore blobs = store.content().blobs();
        for (String h : inv.blobSet) {
            if (!inv.usedBy.containsKey(h)) {
                pass.warning(FindingType.ORPHANED_OBJECT, FindingCode.UNUSED_BLOB, List.of(shortHash(h)), "The blob " + shortHash(h) + " is not used by any version.",
                        details(BlobStore.BLOBS_DIR + "/" + h, null, h), "runGc removes it.");
            } else if (!deep) {
                try {
                    inv.neededChunks.addAll(blobs.chunkHashes(h));
                } catch (CorruptionException e) {
                    inv.chunksKnown = false;
                }
            }
        }
        if (inv.chunksKnown) {
            for (String c : blobs.listChunks()) {
                if (!inv.neededChunks.contains(c)) {
                    pass.warning(FindingType.ORPHANED_OBJECT, FindingCode.UNUSED_CHUNK, List.of(shortHash(c)), "The chunk " + shortHash(c) + " is not used by any kept blob.",
                            details(BlobStore.CHUNKS_DIR + "/" + c, null, c), "runGc removes it.");
                }
            }
        }
        for (String p : inv.patchFiles) {
            if (!inv.referencedPatchFiles.contains(p)) {
                pass.warning(FindingType.ORPHANED_OBJECT, FindingCode.UNUSED_PATCH, List.of(p), "The patch " + p + " is not used by any version.",
                        details(p, null, null), "runGc removes it.");
            }
        }
    }

    /** Warnings: temp files an interrupted operation left (repair deletes them). */
    private void checkTempFiles(Pass pass) throws IOException {
        for (String name : store.adapter().listFiles(BlobStore.TEMP_DIR)) {
            String path = BlobStore.TEMP_DIR + "/" + name;
            pass.temp.add(path);
            pass.warning(FindingType.STALE_TEMP, FindingCode.STALE_TEMP_FILE, List.of(path), "A temp file was left by an interrupted operation: " + path + ".",
                    details(path, null, null), "runGc or repair deletes it.");
        }
    }

    private void checkManifest(Pass pass) throws IOException {
        FileSystemAdapter adapter = store.adapter();
        String problem = null;
        if (!adapter.fileExists(ProjectStore.MANIFEST)) {
            problem = "manifest.json is missing";
        } else {
            try {
                ProjectStore.parse(adapter.readFile(ProjectStore.MANIFEST), ProjectStore.MANIFEST);
            } catch (RuntimeException e) {
                problem = e.getMessage();
            }
        }
        if (adapter.fileExists(ProjectStore.MANIFEST_BACKUP)) {
            byte[] bak;
            try {
                bak = ProjectStore.readBackup(adapter);
            } catch (CorruptionException e) {
                bak = new byte[0]; // parsed below: reported as damaged
            }
            try {
                ProjectStore.parse(bak, ProjectStore.MANIFEST_BACKUP);
                pass.goodBackup = bak;
            } catch (RuntimeException e) {
                pass.backupDamaged = true;
                pass.error(FindingType.INVALID_MANIFEST, FindingCode.BACKUP_DAMAGED, List.of(), "The kept previous manifest (manifest.json.bak) is damaged: "
                        + e.getMessage(), details(ProjectStore.MANIFEST_BACKUP, null, null),
                        problem == null ? "Repair replaces it with a copy of manifest.json." : null);
            }
        } else if (store.ledger().revision() > 0) {
            pass.warning(FindingType.INVALID_MANIFEST, FindingCode.BACKUP_MISSING, List.of(), "manifest.json.bak is missing: if manifest.json is damaged there "
                    + "is no previous manifest to fall back on.", details(ProjectStore.MANIFEST_BACKUP, null, null),
                    "Any save or repair writes it again.");
            pass.backupDamaged = true;
        }
        if (problem != null) {
            pass.manifestDamaged = true;
            pass.error(FindingType.INVALID_MANIFEST, store.fallback() != null || pass.goodBackup != null
                            ? FindingCode.MANIFEST_DAMAGED_ON_BACKUP : FindingCode.MANIFEST_DAMAGED, List.of(), "manifest.json is damaged (" + problem + "). The project is "
                            + (store.fallback() != null ? "running on the kept previous manifest: "
                            + store.fallback().describe()
                            : pass.goodBackup != null ? "running on the kept previous manifest (manifest.json.bak)."
                            : "unreadable."),
                    details(ProjectStore.MANIFEST, null, null), pass.goodBackup != null
                            ? "Run verifyIntegrity with repair to restore manifest.json from manifest.json.bak."
                            : "Restore the project from a backup.");
        }
    }

    private void checkJournal(Pass pass) throws IOException {
        Ledger m = store.ledger();
        FileSystemAdapter adapter = store.adapter();
        String path = m.journalPath();
        Optional<FileStat> st = adapter.stat(path);
        long size = st.map(FileStat::size).orElse(0L);
        if (m.journalLength() > 0) {
            checkJournalCopies(pass, path); // damaged lines and copies; pass.journal holds what was read
            try {
                int lines = pass.journal != null ? pass.journal.records().size() + pass.journal.lost().size()
                        : JournalCodec.decode(adapter.readFile(path), m.journalLength()).size();
                if (lines < m.journalCount()) {
                    pass.error(FindingType.INVALID_MANIFEST, FindingCode.JOURNAL_SHORT, List.of(m.journalCount(), lines), "manifest.json counts " + m.journalCount()
                                    + " versions, but the journal's committed part holds only " + lines + ".",
                            details(path, null, null), "Restore the project from a backup.");
                }
            } catch (NoSuchFileException e) {
                pass.error(FindingType.INVALID_MANIFEST, FindingCode.JOURNAL_MISSING, List.of(path), "The version journal " + path + " is missing.",
                        details(path, null, null), "Restore the project from a backup.");
            } catch (CorruptionException e) {
                if (pass.journal == null) { // else reported line by line above
                    // CorruptionException is always built with a message
                    pass.error(FindingType.INVALID_MANIFEST, FindingCode.JOURNAL_UNREADABLE, List.of(path), Objects.requireNonNull(e.getMessage()), details(path, null, null),
                            "Restore the project from a backup.");
                }
            }
        }
        ProjectStore.JournalTail tail = size > m.journalLength() ? store.examineTail() : null;
        if (tail != null) {
            pass.journalTail = size - m.journalLength();
            for (JournalCodec.TailLine t : tail.adoptable()) {
                // A complete version whose contents are stored, which manifest.json does not list:
                // a save whose manifest was lost or replaced, or one killed just before its commit.
                pass.error(FindingType.INVALID_MANIFEST, FindingCode.JOURNAL_UNLISTED_VERSION,
                        List.of(shortId(t.record().id()), t.record().message()), "The version journal holds version " + t.record().id() + " \""
                                + t.record().message() + "\" past the end that manifest.json commits: a saved version that "
                                + "the manifest does not list.", details(path, t.record().id(), null),
                        "Repair takes it back into the history.");
            }
            if (!tail.garbage().isEmpty()) {
                pass.warning(FindingType.STALE_TEMP, FindingCode.JOURNAL_UNCOMMITTED_BYTES, List.of(), "The version journal has uncommitted bytes at its end (a save that "
                                + "did not finish): " + String.join("; ", tail.garbage()) + ".", details(path, null, null),
                        "runGc or repair cuts them off.");
            }
        }
    }

    /**
     * The journal and its copy, line by line: a line damaged in one copy is an error repair fixes
     * from the other; a line intact in neither is a lost version (its id when the line still shows
     * it), and the versions after it that name it as parent are reported by the graph check.
     */
    private void checkJournalCopies(Pass pass, String path) throws IOException {
        JournalCodec.Recovered r = store.checkJournalCopies();
        if (r == null) {
            return;
        }
        String copy = JournalCodec.copyPath(path);
        boolean noCopy = !store.adapter().fileExists(copy);
        for (JournalCodec.LostLine l : r.lost()) {
            pass.error(FindingType.INVALID_MANIFEST, FindingCode.VERSION_LOST,
                    List.of(l.line(), l.id() == null ? "?" : shortId(l.id()), noCopy ? "nocopy" : "copy"), "A version is lost: " + l.describe() + ", in the version journal"
                            + (noCopy ? " (which has no copy)" : " and in its copy") + ". Every other version still loads; "
                            + "versions made after it miss the files it recorded (see the unknown parent below).",
                    details(path, l.id(), null), "Restore the project from a backup to get this version back.");
        }
        Set<Integer> lostLines = new HashSet<>(r.lost().stream().map(JournalCodec.LostLine::line).toList());
        List<Integer> badJ = r.badInJournal().stream().filter(n -> !lostLines.contains(n)).toList();
        List<Integer> badC = r.badInCopy().stream().filter(n -> !lostLines.contains(n)).toList();
        if (!badJ.isEmpty()) {
            pass.error(FindingType.INVALID_MANIFEST, FindingCode.JOURNAL_LINES_DAMAGED, List.of(badJ.size(), lineList(badJ)), "The version journal " + path + " is damaged at line(s) " + badJ
                    + "; each was read from its copy, so no version is lost.", details(path, null, null),
                    "Run verifyIntegrity with repair: the lines are rewritten from the copy.");
        }
        if (noCopy) {
            pass.warning(FindingType.INVALID_MANIFEST, FindingCode.JOURNAL_NO_COPY, List.of(), "The version journal has no second copy (" + copy + "): a damaged "
                    + "line would lose its version.", details(copy, null, null), "Repair or the next save writes it.");
        } else if (!badC.isEmpty()) {
            pass.error(FindingType.INVALID_MANIFEST, FindingCode.JOURNAL_COPY_DAMAGED, List.of(badC.size(), lineList(badC)), "The copy of the version journal " + copy + " is damaged at line(s) "
                    + badC + ".", details(copy, null, null), "Run verifyIntegrity with repair: it is rewritten from the journal.");
        }
        pass.journal = r;
    }

    private void checkGraph(Pass pass, List<VersionRecord> records) {
        VersionGraph g = store.graph();
        Set<String> seen = new HashSet<>();
        for (VersionRecord r : records) {
            if (!seen.add(r.id())) {
                pass.error(FindingType.INVALID_MANIFEST, FindingCode.DUPLICATE_VERSION_ID, List.of(shortId(r.id())), "Version id " + r.id() + " appears twice in the journal.",
                        details(JournalCodec.JOURNAL_PATH, r.id(), null), "Restore the project from a backup.");
            }
            if (r.parentId() != null && !g.contains(r.parentId())) {
                pass.error(FindingType.BROKEN_CHAIN, FindingCode.UNKNOWN_PARENT, List.of(shortId(r.id()), shortId(r.parentId())), "Version " + r.id() + " names an unknown parent " + r.parentId() + ".",
                        details(null, r.id(), null), "Restore the project from a backup.");
            }
        }
        // Cycles: following parents from any version must end at a root.
        Set<String> ok = new HashSet<>();
        for (VersionRecord r : records) {
            Set<String> path = new LinkedHashSet<>();
            VersionRecord cur = r;
            while (cur != null && !ok.contains(cur.id())) {
                if (!path.add(cur.id())) {
                    pass.error(FindingType.BROKEN_CHAIN, FindingCode.PARENT_CYCLE, List.of(shortId(r.id())), "The parents of version " + r.id() + " form a cycle.",
                            details(null, r.id(), null), "Restore the project from a backup.");
                    break;
                }
                cur = cur.parentId() == null ? null : g.get(cur.parentId());
            }
            ok.addAll(path);
        }
        String head = store.headId();
        if (head != null && !g.contains(head)) {
            pass.error(FindingType.BROKEN_CHAIN, FindingCode.HEAD_UNKNOWN, List.of(shortId(head)), "HEAD names an unknown version " + head + ".", details(null, head, null),
                    "Restore the project from a backup.");
        }
        if (head == null && !records.isEmpty()) {
            pass.error(FindingType.BROKEN_CHAIN, FindingCode.NO_HEAD, List.of(), "The project has versions but no HEAD.", details(null, null, null),
                    "Restore a version to set HEAD.");
        }
        for (Map.Entry<String, String> ref : store.ledger().refs().entrySet()) {
            if (ref.getKey().equals("head") || ref.getValue() == null || g.contains(ref.getValue())) {
                continue;
            }
            pass.danglingRefs.add(ref.getKey());
            pass.error(FindingType.BROKEN_CHAIN, FindingCode.REF_UNKNOWN, List.of(ref.getKey(), shortId(ref.getValue())), "The ref '" + ref.getKey() + "' names an unknown version "
                    + ref.getValue() + ".", details(null, ref.getValue(), null), "Repair drops the ref.");
        }
    }

    private void checkWorkingCopy(Pass pass, Operation op) throws IOException {
        ChangeScanner scanner = new ChangeScanner(store.adapter(), store.content().blobs());
        ChangeScanner.Scan scan = scanner.scan(store.ledger().files(), false, Set.of(), op);
        pass.working = scan.files();
        Map<String, FileState> head = store.graph().stateOf(store.headId());
        for (FileState c : ChangeSet.compute(head, scan.files(), store.ledger().files())) {
            String what = switch (Objects.requireNonNull(c.changeType(), "every computed change has a type")) {
                case ADDED -> "is new since HEAD";
                case MODIFIED -> "was changed since HEAD";
                case DELETED -> "was deleted since HEAD";
                case RENAMED -> "was moved from '" + c.previousPath() + "' since HEAD";
            };
            Map<String, String> d = details(c.path(), store.headId(), c.hash());
            d.put("change", Objects.requireNonNull(c.changeType(), "every computed change has a type").name());
            String from = c.previousPath();
            if (from != null) {
                d.put("previousPath", from);
            }
            pass.warning(FindingType.WORKING_COPY_DRIFT, drift(c.changeType()),
                    from == null ? List.of(c.path()) : List.of(c.path(), from),
                    "'" + c.path() + "' " + what + " (not saved yet).", d,
                    "Save a checkpoint to keep it, or restore HEAD to drop it.");
        }
    }

    // ------------------------------------------------------------------------------------ repair

    private void repair(Pass pass, List<Repair> repaired, Operation op) throws IOException {
        FileSystemAdapter adapter = store.adapter();
        boolean manifestRestored = false;
        if (pass.manifestDamaged && store.fallback() != null) {
            // The project runs on the backup plus the versions the journal proves after it: save that.
            ProjectStore.Fallback f = store.fallback();
            store.commit(store.draft());
            store.load();
            manifestRestored = true;
            String replayed = String.join(", ", f.replayed().stream().map(VersionRecord::id).toList());
            String lost = String.join("; ", f.lost());
            repaired.add(f.replayed().isEmpty() && f.lost().isEmpty()
                    ? repair(RepairCode.MANIFEST_RESTORED, List.of(), "Restored manifest.json from manifest.json.bak.")
                    : repair(RepairCode.MANIFEST_RESTORED_WITH_JOURNAL,
                            List.of(f.replayed().size(), replayed, f.lost().size(), lost),
                            "Restored manifest.json from manifest.json.bak"
                                    + (f.replayed().isEmpty() ? "" : " and " + f.replayed().size()
                                    + " newer version(s) from the journal (" + replayed + ")")
                                    + (f.lost().isEmpty() ? "" : "; not recoverable: " + lost) + "."));
        } else if (pass.manifestDamaged && pass.goodBackup != null) {
            adapter.writeFile(ProjectStore.MANIFEST, pass.goodBackup);
            store.load();
            manifestRestored = true;
            repaired.add(repair(RepairCode.MANIFEST_RESTORED, List.of(), "Restored manifest.json from manifest.json.bak."));
        } else if (!pass.manifestDamaged && pass.backupDamaged) {
            adapter.writeFile(ProjectStore.MANIFEST_BACKUP, ProjectStore.backupBytes(adapter.readFile(ProjectStore.MANIFEST)));
            repaired.add(repair(RepairCode.BACKUP_REWRITTEN, List.of(), "Rewrote manifest.json.bak as a copy of manifest.json."));
        }
        op.checkpoint();
        if (pass.packIndexes) {
            int written = store.packing().packs().writeRebuiltIndexes();
            repaired.add(repair(RepairCode.PACK_INDEXES_REWRITTEN, List.of(written),
                    "Wrote " + written + " pack index(es) again from their packs."));
        }
        if (!pass.danglingRefs.isEmpty() && !pass.manifestDamaged) {
            Ledger next = store.draft();
            for (String ref : pass.danglingRefs) {
                next.removeRef(ref);
            }
            store.commit(next);
            String refs = String.join(", ", pass.danglingRefs);
            repaired.add(repair(RepairCode.REFS_DROPPED, List.of(refs), "Dropped refs naming unknown versions: " + refs + "."));
        }
        if (pass.journal != null && !pass.manifestDamaged && !manifestRestored) {
            JournalCodec.Recovered r = pass.journal;
            boolean copyMissing = !adapter.fileExists(JournalCodec.copyPath(store.ledger().journalPath()));
            boolean healed = store.healJournal(r);
            if (!r.badInJournal().isEmpty() && r.lost().isEmpty()) {
                String lines = String.join(", ", r.badInJournal().stream().map(String::valueOf).toList());
                repaired.add(repair(RepairCode.JOURNAL_LINES_REWRITTEN, List.of(lines),
                        "Rewrote line(s) " + r.badInJournal() + " of the version journal from its copy."));
            }
            if (r.healed().length == store.ledger().journalLength() && (copyMissing || !r.badInCopy().isEmpty())) {
                repaired.add(copyMissing
                        ? repair(RepairCode.JOURNAL_COPY_WRITTEN, List.of(), "Wrote the second copy of the version journal.")
                        : healed ? repair(RepairCode.JOURNAL_COPY_REWRITTEN, List.of(), "Rewrote the copy of the version journal.")
                        : repair(RepairCode.JOURNAL_COPY_REWRITTEN_FROM_INTACT_LINES, List.of(),
                                "Rewrote the copy of the version journal from every line still intact."));
            }
            store.load();
        }
        if (pass.journalTail > 0 && !pass.manifestDamaged && !manifestRestored) {
            Repair settled = store.settleJournal(false); // takes complete versions back, cuts only the rest
            if (settled != null) {
                repaired.add(settled);
            }
        }
        for (String t : pass.temp) {
            adapter.deleteFile(t);
        }
        if (!pass.temp.isEmpty()) {
            repaired.add(repair(RepairCode.TEMP_FILES_DELETED, List.of(pass.temp.size()),
                    "Deleted " + pass.temp.size() + " stale temp file(s)."));
        }

        // Blobs: from a working-copy file with the same content, else rebuilt through patches.
        for (Map.Entry<String, Set<String>> e : pass.badBlobs.entrySet()) {
            op.checkpoint();
            String hash = e.getKey();
            Repair rewritten = rewriteBlob(hash, e.getValue(), pass.working);
            if (rewritten != null) {
                repaired.add(rewritten);
            }
        }
        // Dictionaries and patches kept twice: the missing or damaged copy from the intact one.
        for (String d : pass.dictionaries) {
            if (store.content().blobs().healDictionary(d)) {
                repaired.add(repair(RepairCode.DICTIONARY_COPY_REWRITTEN, List.of(d),
                        "Rewrote the copy of the compression dictionary " + d + " that was missing or damaged."));
            }
        }
        for (ContentStore.Patch p : pass.patchCopies.values()) {
            op.checkpoint();
            try {
                byte[] base = store.content().read(p.base());
                byte[] good = null;
                List<String> bad = store.content().damagedCopies(p, base);
                for (String f : List.of(p.path(), ContentStore.copyOf(p.path()))) {
                    if (!bad.contains(f)) {
                        good = adapter.readFile(f);
                    }
                }
                if (good != null && bad.size() == 1) {
                    adapter.writeFile(bad.get(0), good);
                    repaired.add(repair(RepairCode.COPY_REWRITTEN, List.of(bad.get(0)),
                            "Rewrote " + bad.get(0) + " from its intact copy."));
                }
            } catch (CorruptionException | NoSuchFileException e) {
                // its base is lost meanwhile: reported by the next check
            }
        }
        // Patches: made again when both of their contents are readable.
        for (ContentStore.Patch p : pass.badPatches.values()) {
            op.checkpoint();
            try {
                byte[] base = store.content().read(p.base());
                byte[] target = store.content().read(p.target());
                byte[] patch = ReversePatch.create(base, target);
                if (BlobStore.sha256Hex(ReversePatch.apply(base, patch)).equals(p.target())) {
                    adapter.writeFile(p.path(), patch);
                    adapter.writeFile(ContentStore.copyOf(p.path()), patch);
                    repaired.add(repair(RepairCode.PATCH_REMADE, List.of(p.path()),
                            "Rewrote the patch " + p.path() + " from the contents it links."));
                }
            } catch (CorruptionException | NoSuchFileException e) {
                // one of its contents is lost too: stays an error
            }
        }
    }

    /** Rewrites one content's blob; returns the repair (saying where the bytes came from), or null when no verified source exists. */
    private @Nullable Repair rewriteBlob(String hash, Set<String> damagedChunks, Map<String, ChangeScanner.WorkingFile> working)
            throws IOException {
        FileSystemAdapter adapter = store.adapter();
        BlobStore blobs = store.content().blobs();
        if (blobs.contains(hash) && readable(hash)) {
            return null; // fixed meanwhile (a shared chunk was rewritten for another blob)
        }
        for (ChangeScanner.WorkingFile wf : working.values()) {
            if (!wf.hash().equals(hash)) {
                continue;
            }
            String path = ChangeScanner.CONTENT + "/" + wf.path();
            for (String c : damagedChunks) {
                blobs.deleteChunk(c);
            }
            String backup = null;
            if (blobs.contains(hash)) {
                // Keep the damaged body aside until the new one is verified.
                backup = BlobStore.TEMP_DIR + "/repair-" + hash;
                adapter.moveFile(BlobStore.BLOBS_DIR + "/" + hash, backup);
            }
            boolean done = false;
            try {
                BlobStore.PutResult put = null;
                // Each pass finds the first damaged chunk only: delete it and store again.
                for (int attempt = 0; attempt < 64 && !done; attempt++) {
                    try (InputStream in = adapter.openRead(path)) {
                        put = blobs.putStream(in, true, CancellationToken.NONE, null);
                    }
                    String bad = put.hash().equals(hash) ? firstDamage(hash) : "";
                    done = bad == null;
                    if (bad == null || bad.isEmpty() || !adapter.fileExists(BlobStore.CHUNKS_DIR + "/" + bad)) {
                        break;
                    }
                    blobs.deleteChunk(bad);
                }
                if (!done) {
                    // The file changed since it was hashed: take back what was written.
                    // the first attempt always runs (or throws), so put is set here
                    for (String created : Objects.requireNonNull(put).newObjects()) {
                        if (created.startsWith(BlobStore.BLOBS_DIR + "/")) {
                            adapter.deleteFile(created);
                        }
                    }
                }
            } finally {
                if (backup != null) {
                    if (done) {
                        adapter.deleteFile(backup);
                    } else if (!blobs.contains(hash)) {
                        adapter.moveFile(backup, BlobStore.BLOBS_DIR + "/" + hash);
                    }
                }
            }
            if (done) {
                return repair(RepairCode.BLOB_REWRITTEN_FROM_FILE, List.of(shortHash(hash), wf.path()),
                        "Rewrote blob " + hash + " from the working-copy file '" + wf.path() + "'.");
            }
        }
        // Through patches (text): ContentStore.read skips a damaged blob and checks every step.
        byte[] data;
        try {
            data = store.content().read(hash);
        } catch (CorruptionException | NoSuchFileException e) {
            return null;
        }
        if (blobs.contains(hash)) {
            blobs.deleteBlob(hash);
        }
        blobs.put(data);
        return readable(hash) ? repair(RepairCode.BLOB_REWRITTEN_FROM_PATCHES, List.of(shortHash(hash)),
                "Rewrote blob " + hash + " from its reverse patches.") : null;
    }

    /** Null when the blob reads back intact; else the damaged chunk's hash, or "" when no chunk is to blame. */
    private @Nullable String firstDamage(String hash) throws IOException {
        try (InputStream in = store.content().blobs().openStream(hash)) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        } catch (CorruptionException e) {
            Object chunk = e.details().get("chunk");
            return chunk == null ? "" : chunk.toString();
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    private boolean readable(String hash) throws IOException {
        try (InputStream in = store.content().blobs().openStream(hash)) {
            in.transferTo(OutputStream.nullOutputStream());
            return true;
        } catch (CorruptionException | NoSuchFileException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------ helpers

    private static Repair repair(RepairCode code, List<Object> arguments, String message) {
        return new Repair(code, arguments, message);
    }

    /** A content's bytes for checking patches, or null when it cannot be read (reported elsewhere). */
    private byte @Nullable [] readOrNull(String hash, Map<String, byte[]> cache, long[] cachedBytes) throws IOException {
        byte[] data = cache.get(hash);
        if (data != null) {
            return data;
        }
        try {
            data = store.content().read(hash);
        } catch (CorruptionException | NoSuchFileException e) {
            return null;
        }
        if (cachedBytes[0] + data.length <= 64L * 1024 * 1024) {
            cache.put(hash, data);
            cachedBytes[0] += data.length;
        }
        return data;
    }

    private static String repairHint(String hash) {
        return "Run verifyIntegrity with repair: the blob is rewritten if a working-copy file has exactly this content "
                + "or patches rebuild it.";
    }

    private static Map<String, String> details(@Nullable String path, @Nullable String versionId, @Nullable String hash) {
        Map<String, String> d = new LinkedHashMap<>();
        if (path != null) {
            d.put("path", path);
        }
        if (versionId != null) {
            d.put("versionId", versionId);
        }
        if (hash != null) {
            d.put("hash", hash);
        }
        return d;
    }

    /** A finding's details: never null in practice, Finding's constructor makes a missing map empty. */
    private static Map<String, String> detailsOf(Finding f) {
        Map<String, String> d = f.details();
        return d == null ? Map.of() : d;
    }

    /** The code of a working-copy change found by the drift check. */
    private static FindingCode drift(@Nullable ChangeType change) {
        return switch (Objects.requireNonNull(change, "every computed change has a type")) {
            case ADDED -> FindingCode.DRIFT_ADDED;
            case MODIFIED -> FindingCode.DRIFT_MODIFIED;
            case DELETED -> FindingCode.DRIFT_DELETED;
            case RENAMED -> FindingCode.DRIFT_RENAMED;
        };
    }

    /** Line numbers for a finding's wording: "3, 7, 12". */
    private static String lineList(List<Integer> lines) {
        return String.join(", ", lines.stream().map(String::valueOf).toList());
    }

    /** A version id as people see it (Version.shortId): the first 8 characters. */
    private static String shortId(@Nullable String id) {
        return id == null ? "?" : id.length() <= 8 ? id : id.substring(0, 8);
    }

    private static String shortHash(@Nullable String hash) {
        return hash == null ? "?" : hash.substring(0, Math.min(12, hash.length())) + "…";
    }
}
