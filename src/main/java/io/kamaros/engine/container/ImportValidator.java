package io.kamaros.engine.container;

import static io.kamaros.engine.container.JcfImporter.printable;

import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.PathRules;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.history.Checkpoint;
import io.kamaros.engine.history.Operation;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.objects.ReversePatch;
import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.project.VersionGraph;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks an archive's manifest and staged objects before anything reaches the project's real
 * names, and turns its versions (each a complete file set) into journal records: the {@link Plan}
 * the import commits. One method per rule family, in the order {@link #validate} runs them:
 * versions (ids, parents, file states), blobs (each hashes to its name), reverse patches (each
 * rebuilds its parent's text), contents (every content of every version available, converted into
 * changes), the journal's replay (it gives back every listed file set) and refs.
 */
final class ImportValidator {
    static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    static final Pattern PATCH_NAME = Pattern.compile("[A-Za-z0-9._-]+\\.patch");

    private final ImportOptions options;
    private final Operation op;

    ImportValidator(ImportOptions options, Operation op) {
        this.options = options;
        this.op = op;
    }

    /** What validation established: the versions as journal records, HEAD, refs. */
    static final class Plan {
        List<VersionRecord> records = new ArrayList<>();
        @Nullable String head;
        Map<String, String> refs = new TreeMap<>();
        Map<String, FileState> headState = Map.of();
        /** Set by validation, before the plan is written. */
        @Nullable ContentStore content;
    }

    /** What one content hash is: its size and type. */
    private record Info(long size, FileType type) {
    }

    /**
     * The archive's versions in manifest order: where each id is listed, and each version's live
     * (not deleted) file states by path.
     */
    private record Versions(Map<String, Integer> index, List<Map<String, JcfManifestCodec.StateIn>> live) {
    }

    /** Runs every rule family; the first broken rule throws and nothing was imported. */
    Plan validate(JcfManifestCodec.Manifest m, StagingAdapter staging) throws IOException {
        Versions versions = checkVersions(m);
        BlobStore blobs = new BlobStore(staging, 0, false);
        Set<String> blobSet = new HashSet<>(blobs.listBlobs());
        checkBlobs(blobs, blobSet);
        List<FileState> patches = checkPatches(m, versions, staging, blobs, blobSet);
        Plan plan = new Plan();
        plan.content = contentStore(staging, blobs, patches);
        convertVersions(m, versions, blobSet, patches, plan);
        VersionGraph graph = checkReplay(m, versions, plan);
        checkRefs(m, versions, graph, plan);
        return plan;
    }

    /** Versions: ids unique and valid, every parent listed before its child (so no cycle), file states valid. */
    private Versions checkVersions(JcfManifestCodec.Manifest m) {
        Map<String, Integer> index = new HashMap<>();
        List<Map<String, JcfManifestCodec.StateIn>> live = new ArrayList<>();
        for (JcfManifestCodec.VersionIn v : m.versions()) {
            checkId(v.id(), "version id");
            if (index.containsKey(v.id())) {
                throw broken("the version id " + v.id() + " appears twice");
            }
            if (v.parentId() != null && !v.parentId().isEmpty() && !index.containsKey(v.parentId())) {
                throw broken(m.versions().stream().anyMatch(x -> x.id().equals(v.parentId()))
                        ? "version " + v.id() + " is listed before its parent " + v.parentId() + " (or the parents form a cycle)"
                        : "version " + v.id() + " names an unknown parent " + v.parentId());
            }
            Map<String, JcfManifestCodec.StateIn> states = new TreeMap<>();
            for (JcfManifestCodec.StateIn s : v.states()) {
                if (s.encrypted()) {
                    throw new ValidationException("The archive holds encrypted content (" + printable(s.path())
                            + "), which this version of Kamaros cannot import.", Map.of("field", "encrypted", "value", s.path()));
                }
                if (s.path() == null || PathRules.problemOf(s.path()) != null) {
                    throw broken("version " + v.id() + " lists an invalid path '" + printable(s.path()) + "'"
                            + (s.path() == null ? "" : " (" + PathRules.problemOf(s.path()) + ")"));
                }
                if (s.deleted()) {
                    continue;
                }
                if (s.inodeId() == null || s.inodeId().isEmpty()) {
                    throw broken("version " + v.id() + ": '" + printable(s.path()) + "' has no inodeId");
                }
                if (s.hash() == null || !HASH.matcher(s.hash()).matches()) {
                    throw broken("version " + v.id() + ": '" + printable(s.path()) + "' has no valid SHA-256 hash");
                }
                if (states.put(s.path(), s) != null) {
                    throw broken("version " + v.id() + " lists '" + printable(s.path()) + "' twice");
                }
            }
            for (String f : v.emptyFolders()) {
                if (PathRules.problemOf(f) != null) {
                    throw broken("version " + v.id() + " lists an invalid empty folder '" + printable(f) + "' ("
                            + PathRules.problemOf(f) + ")");
                }
                if (states.containsKey(f)) {
                    throw broken("version " + v.id() + " lists '" + printable(f) + "' both as a file and as an empty folder");
                }
            }
            index.put(v.id(), live.size());
            live.add(states);
        }
        return new Versions(index, live);
    }

    /** Blobs: every staged blob's SHA-256 equals its name (peer blobs are raw bytes). */
    private void checkBlobs(BlobStore blobs, Set<String> blobSet) throws IOException {
        if (options.validate()) {
            int i = 0;
            for (String h : blobSet) {
                op.checkpoint();
                op.progress("validating", 50 + 15.0 * i++ / Math.max(1, blobSet.size()), i, blobSet.size(), 0, 0, h);
                try (InputStream in = blobs.openStream(h)) {
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (CorruptionException e) {
                    throw new CorruptionException("The archive's blob " + h + " is damaged: " + e.getMessage()
                            + " Nothing was imported.", Map.of("corruptedItem", "blob:" + h), e);
                }
            }
        }
    }

    /**
     * Reverse patches: candidates are delta contentRefs of changed files; each must rebuild its
     * parent's text. Returns the good ones (a bad one is ignored when a whole copy exists).
     */
    private List<FileState> checkPatches(JcfManifestCodec.Manifest m, Versions versions, StagingAdapter staging,
                                         BlobStore blobs, Set<String> blobSet) throws IOException {
        Map<String, Integer> index = versions.index();
        List<Map<String, JcfManifestCodec.StateIn>> live = versions.live();
        List<FileState> candidates = new ArrayList<>();
        for (int vi = 0; vi < live.size(); vi++) {
            JcfManifestCodec.VersionIn v = m.versions().get(vi);
            Map<String, JcfManifestCodec.StateIn> parent = parentStates(v, index, live);
            Map<String, JcfManifestCodec.StateIn> byInode = byInode(parent);
            for (JcfManifestCodec.StateIn s : live.get(vi).values()) {
                JcfManifestCodec.StateIn p = byInode.get(s.inodeId());
                String ref = s.contentRef();
                if (p != null && !hashOf(p).equals(s.hash()) && ref != null && ref.startsWith(ContentStore.DELTAS)
                        && PATCH_NAME.matcher(ref.substring(ContentStore.DELTAS.length())).matches()
                        && staging.fileExists(ref)) {
                    candidates.add(new FileState(inodeOf(s), pathOf(s), hashOf(s), 0, FileType.TEXT, ref,
                            ChangeType.MODIFIED, null, hashOf(p)));
                }
            }
        }
        ContentStore content = contentStore(staging, blobs, candidates);
        Set<String> goodPatches = new HashSet<>();
        for (FileState c : candidates) {
            op.checkpoint();
            try {
                byte[] base = content.read(c.hash());
                byte[] rebuilt = ReversePatch.apply(base, staging.readFile(Objects.requireNonNull(c.contentRef(), "candidates carry a patch")));
                if (BlobStore.sha256Hex(rebuilt).equals(c.previousHash())) {
                    goodPatches.add(c.contentRef() + "\n" + c.hash() + "\n" + c.previousHash());
                    continue;
                }
            } catch (CorruptionException e) {
                // judged below
            }
            if (!blobSet.contains(c.previousHash())) {
                throw new CorruptionException("The archive's reverse patch " + c.contentRef() + " does not rebuild the "
                        + "previous content of '" + printable(c.path()) + "', and no other copy of it exists. Nothing was imported.",
                        Map.of("corruptedItem", c.contentRef(), "expected", c.previousHash()));
            }
            op.emit(new JcfEvent.Warning(op.id(), Instant.now(), "Ignored the reverse patch " + c.contentRef()
                    + ": it does not rebuild its content exactly (a whole copy is kept instead)."));
        }
        candidates.removeIf(c -> !goodPatches.contains(c.contentRef() + "\n" + c.hash() + "\n" + c.previousHash()));
        return candidates;
    }

    /**
     * Contents: every content of every version is available and hashes right (sizes and types);
     * each version's file set becomes its changes against its parent, matched by inode.
     */
    private void convertVersions(JcfManifestCodec.Manifest m, Versions versions, Set<String> blobSet,
                                 List<FileState> candidates, Plan plan) throws IOException {
        Map<String, Integer> index = versions.index();
        List<Map<String, JcfManifestCodec.StateIn>> live = versions.live();
        ContentStore content = Objects.requireNonNull(plan.content, "validated first");
        Map<String, Info> infos = new HashMap<>();
        Map<String, String> patchOf = new HashMap<>();
        candidates.forEach(c -> patchOf.put(c.inodeId() + "\n" + c.hash() + "\n" + c.previousHash(), c.contentRef()));
        for (int vi = 0; vi < live.size(); vi++) {
            op.checkpoint();
            JcfManifestCodec.VersionIn v = m.versions().get(vi);
            op.progress("validating", 65 + 20.0 * vi / Math.max(1, live.size()), vi, live.size(), 0, 0, v.id());
            Map<String, JcfManifestCodec.StateIn> parent = parentStates(v, index, live);
            Map<String, JcfManifestCodec.StateIn> parentByInode = byInode(parent);
            Map<String, JcfManifestCodec.StateIn> current = live.get(vi);
            Set<String> continued = new HashSet<>();
            Set<String> keptParentPaths = new HashSet<>();
            List<FileState> changes = new ArrayList<>();
            for (JcfManifestCodec.StateIn s : current.values()) {
                Info info = info(s, blobSet, content, infos);
                JcfManifestCodec.StateIn p = parentByInode.get(s.inodeId());
                if (p != null && !continued.contains(s.inodeId())) {
                    boolean samePath = pathOf(p).equals(s.path());
                    JcfManifestCodec.StateIn atOldPath = current.get(p.path());
                    // The file keeps its identity here unless it also still sits at its old path.
                    if (samePath || atOldPath == null || !inodeOf(atOldPath).equals(s.inodeId())) {
                        continued.add(s.inodeId());
                        keptParentPaths.add(p.path());
                        boolean changed = !hashOf(p).equals(s.hash());
                        if (samePath && !changed) {
                            continue;
                        }
                        String ref = changed ? patchOf.get(s.inodeId() + "\n" + s.hash() + "\n" + p.hash()) : null;
                        if (ref == null) {
                            ref = blobSet.contains(s.hash()) ? BlobStore.BLOBS_DIR + "/" + s.hash() : null;
                        }
                        changes.add(new FileState(inodeOf(s), pathOf(s), hashOf(s), info.size(), info.type(), ref,
                                samePath ? ChangeType.MODIFIED : ChangeType.RENAMED, samePath ? null : p.path(),
                                changed ? p.hash() : null));
                        continue;
                    }
                }
                changes.add(new FileState(inodeOf(s), pathOf(s), hashOf(s), info.size(), info.type(),
                        blobSet.contains(s.hash()) ? BlobStore.BLOBS_DIR + "/" + s.hash() : null, ChangeType.ADDED, null, null));
            }
            for (JcfManifestCodec.StateIn p : parent.values()) {
                if (!keptParentPaths.contains(p.path())) {
                    Info info = info(p, blobSet, content, infos);
                    changes.add(new FileState(inodeOf(p), pathOf(p), hashOf(p), info.size(), info.type(), null,
                            ChangeType.DELETED, null, null));
                }
            }
            changes.sort(Comparator.comparing(FileState::path)
                    .thenComparing(c -> c.changeType() == ChangeType.DELETED ? 0 : 1));
            String parentId = v.parentId() == null || v.parentId().isEmpty() ? null : v.parentId();
            // The archive lists each version's full set of empty folders; the journal keeps the change.
            SortedSet<String> folders = new TreeSet<>(v.emptyFolders());
            SortedSet<String> parentFolders = parentId == null ? new TreeSet<>()
                    : new TreeSet<>(m.versions().get(Objects.requireNonNull(index.get(parentId), "parent checked to be listed")).emptyFolders());
            plan.records.add(new VersionRecord(v.id(), parentId, v.timestamp(), v.message() == null ? "" : v.message(),
                    v.author() == null || v.author().isBlank() ? "unknown" : v.author(), v.email(),
                    List.copyOf(validTags(v.tags())), v.autoSaved(), List.copyOf(changes),
                    folders.stream().filter(f -> !parentFolders.contains(f)).toList(),
                    parentFolders.stream().filter(f -> !folders.contains(f)).toList(), v.automatic(), v.forgotten()));
        }
    }

    /** The journal's replay must give back every listed file set exactly. */
    private VersionGraph checkReplay(JcfManifestCodec.Manifest m, Versions versions, Plan plan) {
        List<Map<String, JcfManifestCodec.StateIn>> live = versions.live();
        VersionGraph graph = new VersionGraph(plan.records);
        for (int vi = 0; vi < live.size(); vi++) {
            Map<String, FileState> replayed = graph.stateOf(m.versions().get(vi).id());
            Map<String, JcfManifestCodec.StateIn> listed = live.get(vi);
            boolean same = replayed.size() == listed.size();
            for (FileState s : replayed.values()) {
                JcfManifestCodec.StateIn l = listed.get(s.path());
                same &= l != null && hashOf(l).equals(s.hash()) && inodeOf(l).equals(s.inodeId());
            }
            if (!same) {
                throw broken("the file set of version " + m.versions().get(vi).id() + " cannot be represented "
                        + "(a file identity appears at several paths)");
            }
        }
        return graph;
    }

    /** Refs: HEAD and every ref name known versions, tag refs valid; tags listed on versions become refs. */
    private void checkRefs(JcfManifestCodec.Manifest m, Versions versions, VersionGraph graph, Plan plan) {
        Map<String, Integer> index = versions.index();
        String head = m.refs().get("head");
        if (head == null || head.isEmpty()) {
            head = m.versions().isEmpty() ? null : m.versions().get(m.versions().size() - 1).id();
        }
        if (head != null && !index.containsKey(head)) {
            throw broken("refs.head names an unknown version " + head);
        }
        plan.head = head;
        for (Map.Entry<String, String> e : m.refs().entrySet()) {
            if (e.getKey().equals("head") || e.getKey().isEmpty()) {
                continue;
            }
            if (!index.containsKey(e.getValue())) {
                throw broken("refs['" + printable(e.getKey()) + "'] names an unknown version " + e.getValue());
            }
            if (e.getKey().startsWith("tags/")) {
                try {
                    Checkpoint.Tags.validate(e.getKey().substring(5));
                } catch (ValidationException bad) {
                    throw broken("refs['" + printable(e.getKey()) + "'] is not a valid tag");
                }
            }
            plan.refs.put(e.getKey(), e.getValue());
        }
        for (VersionRecord r : plan.records) {
            for (String t : r.tags()) {
                plan.refs.putIfAbsent(Checkpoint.Tags.ref(t), r.id());
            }
        }
        if (head != null) {
            plan.refs.put("head", head);
            plan.headState = graph.stateOf(head);
        }
    }

    private static List<String> validTags(List<String> tags) {
        List<String> out = new ArrayList<>();
        for (String t : tags) {
            try {
                Checkpoint.Tags.validate(t);
                if (!out.contains(t)) {
                    out.add(t);
                }
            } catch (ValidationException ignored) {
                // a tag name this engine cannot hold; the version is kept without it
            }
        }
        return out;
    }

    private ContentStore contentStore(StagingAdapter staging, BlobStore blobs, List<FileState> patches) {
        ContentStore cs = new ContentStore(staging, blobs, Integer.MAX_VALUE);
        cs.index(new VersionRecord("import", null, Instant.EPOCH, "", "", null, List.of(), false, List.copyOf(patches)));
        return cs;
    }

    private static Map<String, JcfManifestCodec.StateIn> parentStates(JcfManifestCodec.VersionIn v,
                                                                     Map<String, Integer> index,
                                                                     List<Map<String, JcfManifestCodec.StateIn>> live) {
        if (v.parentId() == null || v.parentId().isEmpty()) {
            return Map.of();
        }
        return live.get(Objects.requireNonNull(index.get(v.parentId()), "parent checked to be listed"));
    }

    private static Map<String, JcfManifestCodec.StateIn> byInode(Map<String, JcfManifestCodec.StateIn> states) {
        Map<String, JcfManifestCodec.StateIn> out = new HashMap<>();
        for (JcfManifestCodec.StateIn s : states.values()) {
            out.putIfAbsent(s.inodeId(), s);
        }
        return out;
    }

    // checkVersions lets into the live sets only states with a path, an inodeId and a valid hash.

    private static String pathOf(JcfManifestCodec.StateIn live) {
        return Objects.requireNonNull(live.path(), "a live state has a path");
    }

    private static String inodeOf(JcfManifestCodec.StateIn live) {
        return Objects.requireNonNull(live.inodeId(), "a live state has an inodeId");
    }

    private static String hashOf(JcfManifestCodec.StateIn live) {
        return Objects.requireNonNull(live.hash(), "a live state has a hash");
    }

    /** Size and type of a content, reading it (verified) when the manifest does not say or no blob exists. */
    private Info info(JcfManifestCodec.StateIn s, Set<String> blobSet, ContentStore content, Map<String, Info> cache)
            throws IOException {
        String hash = hashOf(s); // info is asked for live states only
        Info known = cache.get(hash);
        if (known != null) {
            return known;
        }
        Info info;
        boolean typed = "text".equals(s.type()) || "binary".equals(s.type());
        if (blobSet.contains(hash) && typed && s.size() != null) {
            info = new Info(s.size(), FileType.fromJson(Objects.requireNonNull(s.type(), "typed")));
            long actual = content.blobs().size(hash);
            if (actual != s.size()) {
                throw broken("'" + printable(s.path()) + "' is said to have " + s.size() + " bytes but its content has " + actual);
            }
        } else if (blobSet.contains(hash) && content.blobs().size(hash) > ContentStore.MAX_DIFF_BYTES) {
            info = new Info(content.blobs().size(hash), FileType.BINARY);
        } else {
            byte[] data;
            try {
                data = content.read(hash);
            } catch (CorruptionException e) {
                throw new CorruptionException("The archive lacks the content its manifest lists for '" + printable(s.path()) + "' ("
                        + hashOf(s).substring(0, 12) + "…): " + e.getMessage() + " Nothing was imported.",
                        Map.of("corruptedItem", "blob:" + hash, "path", s.path()), e);
            }
            FileType type = typed ? FileType.fromJson(Objects.requireNonNull(s.type(), "typed")) : ContentStore.detectType(data, data.length);
            info = new Info(data.length, type);
        }
        cache.put(hash, info);
        return info;
    }

    private static void checkId(String id, String what) {
        if (id == null || id.isEmpty() || id.length() > 200 || id.contains("/") || id.contains("\\")
                || id.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || id.equalsIgnoreCase("head")) {
            throw broken("the " + what + " '" + printable(String.valueOf(id)) + "' is not valid");
        }
    }

    private static CorruptionException broken(String why) {
        return JcfManifestCodec.bad(why, null);
    }
}
