package io.kamaros.engine.history.sync;

import io.kamaros.engine.remote.CasResult;
import io.kamaros.engine.remote.ObjectInfo;
import io.kamaros.engine.remote.PutOutcome;
import io.kamaros.engine.remote.RemoteStore;
import io.kamaros.engine.remote.Tagged;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.format.Json;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.format.JournalCodec;
import io.kamaros.engine.history.Forget;
import io.kamaros.engine.history.ForgottenIds;
import io.kamaros.engine.history.GarbageCollector;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.history.Operation;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.RemoteException;
import io.kamaros.engine.model.RemotePruneResult;
import io.kamaros.engine.model.RemoteStatus;
import io.kamaros.engine.model.RemoteTransferResult;
import io.kamaros.engine.model.RemoteVerifyResult;
import io.kamaros.engine.model.VersionOrigin;
import io.kamaros.engine.objects.ObjectCipher;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.objects.ProjectKey;
import io.kamaros.engine.objects.SealingAdapter;
import io.kamaros.engine.objects.pack.PackFormat;
import io.kamaros.engine.objects.pack.PackName;
import io.kamaros.engine.objects.pack.PackIndex;
import io.kamaros.engine.objects.pack.PackReader;
import io.kamaros.engine.objects.pack.PackWriter;
import io.kamaros.engine.objects.pack.PackingAdapter;
import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.project.Ledger;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.project.VersionGraph;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.FolderTrees;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Push and fetch of a project's history over one {@link RemoteStore}, following the lock-free rules of
 * docs/storage-format.md ("Remotes"): packs and dictionaries are created once under their content names, each push
 * adds its own {@link PushRecord}, and only then is the branch head (a hint) moved by compare-and-set.
 *
 * <p>Runs inside an operation of the project's {@link io.kamaros.engine.history.OperationRunner} (a fetch under
 * the write lock, since it commits). Everything downloaded is checked before use: a pack must match its name, a
 * record to the checksum in its name; object contents are checked by the readers above the packs as for local
 * packs.
 */
public final class HistorySync {
    /** What the remote is: its format and, for an encrypted project, the password-wrapped key (created once). */
    public static final String DESCRIPTOR = "kamaros-remote.json";
    /** The one branch head this version keeps (the graph's branches are found from the records, not heads). */
    public static final String HEAD = "heads/main";
    static final String PACKS = "packs/";
    static final String DICTS = "dicts/";
    private static final String LOCAL_DICTS = ".store/dicts";
    private static final List<String> LOOSE_DIRS = List.of(".store/blobs", ".store/chunks", ".store/deltas");
    private static final int DOWNLOAD_SLICE = 8 << 20;
    /** Listings of {@code packs/} one fetch takes at most while packs it listed are gone (see {@link #fetch}). */
    private static final int PACK_LISTINGS = 3;
    /**
     * Packs sent or received at once: one after another, every request waits out its own round trip (rclone moves
     * 4 files at once by default).
     */
    private static final int TRANSFER_THREADS = 4;

    private final ProjectStore store;
    private final RemoteStore remote;
    private final String remoteName;
    private final Operation op;
    private final FileSystemAdapter raw;
    private final @Nullable ObjectCipher cipher;
    private final SyncState state;
    private long bytesSent;
    private long bytesReceived;

    public HistorySync(ProjectStore store, RemoteStore remote, String remoteName, Operation op) throws IOException {
        this.store = store;
        this.remote = remote;
        this.remoteName = remoteName;
        this.op = op;
        this.raw = PackingAdapter.unpacked(SealingAdapter.unsealed(store.adapter()));
        ProjectKey key = store.key();
        this.cipher = key == null ? null : key.cipher();
        this.state = SyncState.load(raw, remoteName);
    }

    // ------------------------------------------------------------------ the remote's descriptor

    /**
     * The remote's descriptor, created by the first push. Refuses a remote that holds an encrypted history when
     * this project is not (or the other way round, or under another key): its records could not be read.
     */
    private Optional<JsonNode> descriptor(boolean create) throws IOException {
        Optional<byte[]> there = remote.get(DESCRIPTOR);
        if (there.isEmpty() && create) {
            ObjectNode d = Json.mapper().createObjectNode();
            d.put("kamarosRemote", 1);
            ProjectKey key = store.key();
            if (key != null) {
                d.set("encryption", Json.mapper().valueToTree(key.record()));
            }
            byte[] bytes = Json.mapper().writeValueAsBytes(d);
            if (remote.putIfAbsent(DESCRIPTOR, bytes) == PutOutcome.CREATED) {
                bytesSent += bytes.length;
                return Optional.of(d);
            }
            there = remote.get(DESCRIPTOR);
        }
        if (there.isEmpty()) {
            return Optional.empty();
        }
        bytesReceived += there.get().length;
        JsonNode d = readDescriptor(there.get(), remote.describe());
        JsonNode encryption = d.get("encryption");
        ProjectKey key = store.key();
        if (encryption == null && key != null || encryption != null && (key == null
                || !key.matches(Json.mapper().convertValue(encryption, Map.class)))) {
            throw new RemoteException(remote.describe() + " holds the history of " + (encryption == null
                    ? "a project that is not encrypted, and this one is" : key == null
                    ? "an encrypted project, and this one is not" : "another encrypted project (another key)")
                    + ". Push it to a remote of its own.", Map.of("remote", remote.describe()), null);
        }
        return Optional.of(d);
    }

    /** Parses a descriptor; anything else under its name is damage, named. */
    public static JsonNode readDescriptor(byte[] bytes, String where) {
        try {
            JsonNode d = Json.mapper().readTree(bytes);
            if (d == null || d.path("kamarosRemote").asInt(0) != 1) {
                throw new IOException("not a Kamaros remote descriptor of format 1");
            }
            return d;
        } catch (IOException e) {
            throw PushRecord.damaged(DESCRIPTOR, where, String.valueOf(e.getMessage()), e);
        }
    }

    // ------------------------------------------------------------------ push

    /**
     * Sends what the remote lacks: the local packs it does not list, the loose objects never sent (packed on the
     * fly into temporary packs: the remote only holds packs), the dictionaries; then this push's record of the
     * versions the remote has no record of; then moves the branch head forward when it is behind.
     */
    public RemoteTransferResult push() throws IOException {
        op.progress("checking", 0, 0, 0, 0, 0, null);
        // A push that will most likely send (a local version the remote was not known to hold) needs the listings of
        // records, packs and prune marks: one listing of the whole remote is one request (a page per 1,000 names)
        // where three were three round trips. A push with nothing new lists the records only.
        Set<String> knownThere = state.remoteVersions();
        boolean likelyToSend = store.graph().all().stream().anyMatch(v -> !knownThere.contains(v.id()));
        List<ObjectInfo> everything = likelyToSend ? remote.list("") : null;
        List<ObjectInfo> recordListing = everything != null ? under(everything, PushRecord.PREFIX)
                : remote.list(PushRecord.PREFIX);
        if (!state.knows(recordListing)) {
            descriptor(true); // created by the first push; else read, and refused if it is another project's
        }
        readNewRecords(recordListing);
        applyRemoteForgets(); // a version forgotten there leaves here before anything is sent
        Set<String> onRemote = state.remoteVersions();
        List<VersionRecord> versions = store.graph().all().stream().filter(v -> !onRemote.contains(v.id())).toList();
        // forgets made here that the remote has not heard of, and the lines they rewrote that it holds otherwise
        Set<String> forgetting = new TreeSet<>(ForgottenIds.read(store));
        forgetting.removeAll(state.forgotten);
        Map<String, VersionRecord> rewriting = rewrittenLinesToSend(onRemote);
        if (versions.isEmpty() && forgetting.isEmpty() && rewriting.isEmpty()) {
            String head = moveHead(null);
            state.save(raw, remoteName); // the records just read need not be read again
            return result("push", 0, 0, 0, 0, head);
        }

        // ---- objects the remote's indexes lack: whole local packs when it has none of theirs, else only the
        // missing objects, packed for the push (after a local GC repack the remote keeps the old packs' copies)
        List<ObjectInfo> listing = everything != null ? under(everything, PACKS) : remote.list(PACKS);
        Set<String> remotePacks = new HashSet<>();
        for (ObjectInfo o : listing) {
            remotePacks.add(o.name().substring(PACKS.length()));
        }
        // A pack a prune marked may be deleted after its delay: what only such packs hold counts as absent and is sent
        // again (docs/storage-format.md, "Prune"); a marked pack sent again under its name is named by this record.
        Set<String> marked = RemotePrune.markedPacks(remote, everything != null ? under(everything, RemotePrune.MARKS)
                : remote.list(RemotePrune.MARKS));
        Set<String> onRemoteObjects = new HashSet<>();
        state.refreshIndexes(remote, listing).forEach((pack, ids) -> {
            if (!marked.contains(pack)) {
                onRemoteObjects.addAll(ids);
            }
        });
        PackReader local = store.packing().packs();
        Map<String, PackIndex> localPacks = local.packs();
        Map<String, List<String>> missingByPack = new LinkedHashMap<>(); // local packs holding objects to send
        for (Map.Entry<String, PackIndex> e : localPacks.entrySet()) {
            String pack = e.getKey();
            if (remotePacks.contains(pack + PackFormat.PACK_SUFFIX) && remotePacks.contains(pack + PackFormat.INDEX_SUFFIX)
                    && !marked.contains(pack)) {
                continue;
            }
            Set<String> deleted = local.deletedIn(pack);
            List<String> missing = new ArrayList<>();
            for (PackIndex.Entry entry : e.getValue().entries()) {
                if (!deleted.contains(entry.objectId()) && !onRemoteObjects.contains(entry.objectId())) {
                    missing.add(entry.objectId());
                }
            }
            if (!missing.isEmpty()) {
                missingByPack.put(pack, missing);
            }
            onRemoteObjects.addAll(missing);
        }
        Set<String> small = smallPacksToMerge(localPacks, missingByPack.keySet(), store.packing().targetBytes());
        List<Upload> uploads = new ArrayList<>();
        Map<String, String> missingPacked = new TreeMap<>(); // object id → the local pack it is read from
        for (Map.Entry<String, PackIndex> e : localPacks.entrySet()) {
            String pack = e.getKey();
            List<String> missing = missingByPack.getOrDefault(pack, List.of());
            if (missing.isEmpty()) {
                continue;
            }
            if (missing.size() == e.getValue().entries().size() && !small.contains(pack)) {
                uploads.add(new Upload(pack, raw, PackFormat.DIR + "/" + pack, ids(e.getValue()))); // as it is: same name
            } else {
                missing.forEach(id -> missingPacked.putIfAbsent(id, pack));
            }
        }
        Path looseFolder = null;
        try {
            List<String> loose = unsentLooseObjects();
            loose.removeIf(onRemoteObjects::contains);
            if (!loose.isEmpty() || !missingPacked.isEmpty()) {
                looseFolder = Files.createTempDirectory("kamaros-push-");
                FileAdapter temp = new FileAdapter(looseFolder);
                PackWriter w = new PackWriter(temp, store.packing().targetBytes());
                Set<String> ids = new TreeSet<>(loose); // sorted: the same objects make the same pack, same name
                ids.addAll(missingPacked.keySet());
                for (String id : ids) {
                    op.checkpoint();
                    String from = missingPacked.get(id);
                    // as stored (already sealed in an encrypted project); a packed one checked against its CRC
                    w.add(id, from != null ? local.readChecked(id, from) : raw.readFile(".store/" + id));
                }
                for (PackWriter.SealedPack p : w.finish()) {
                    if (!remotePacks.contains(p.name() + PackFormat.PACK_SUFFIX)
                            || !remotePacks.contains(p.name() + PackFormat.INDEX_SUFFIX) || marked.contains(p.name())) {
                        uploads.add(new Upload(p.name(), temp, PackFormat.DIR + "/" + p.name(), ids(p.index())));
                    }
                }
            }
            List<String> dictionaries = new ArrayList<>();
            for (String name : raw.fileExists(LOCAL_DICTS) || !raw.listFiles(LOCAL_DICTS).isEmpty()
                    ? raw.listFiles(LOCAL_DICTS) : List.<String>of()) {
                if (name.matches("[0-9a-f]{64}") && !state.dictionaries.contains(name)) {
                    dictionaries.add(name);
                }
            }
            long total = 0;
            for (Upload u : uploads) {
                total += u.size();
            }
            op.progress("sending", total == 0 ? 90 : 0, 0, uploads.size(), 0, total, null); // 90-100: the record, head
            sendPacks(uploads, remotePacks, total);
            List<String> sentPacks = uploads.stream().map(Upload::pack).toList();
            uploads.forEach(u -> state.indexes.put(u.pack, u.objects)); // what the remote holds now
            for (String d : dictionaries) {
                op.checkpoint();
                byte[] bytes = raw.readFile(LOCAL_DICTS + "/" + d);
                if (remote.putIfAbsent(DICTS + d, bytes) == PutOutcome.CREATED) {
                    bytesSent += bytes.length;
                }
            }

            // ---- the record: from here on the versions are on the remote
            PushRecord record = new PushRecord(UUID.randomUUID().toString(), machine(), System.getProperty("user.name", ""),
                    Instant.now(), versions, sentPacks, dictionaries, List.copyOf(forgetting),
                    List.copyOf(rewriting.values()));
            byte[] bytes = record.encode(cipher);
            String name = PushRecord.nameFor(record.time(), bytes);
            op.progress("recording", 95, uploads.size(), uploads.size(), total, total, name);
            remote.putIfAbsent(name, bytes);
            bytesSent += bytes.length;
            state.records.put(name, versions.stream().map(VersionRecord::id).toList());
            state.forgotten.addAll(forgetting);
            if (!rewriting.isEmpty()) {
                state.rewrittenIn.put(name, List.copyOf(rewriting.keySet()));
                rewriting.values().forEach(v -> state.sentLines.put(v.id(), lineHash(v)));
            }
            state.packs.addAll(sentPacks);
            state.loose.addAll(loose);
            state.dictionaries.addAll(dictionaries);
            state.save(raw, remoteName);
            String head = moveHead(name);
            state.save(raw, remoteName); // with the head as this push left it
            op.progress("done", 100, uploads.size(), uploads.size(), total, total, null);
            return result("push", versions.size(), 0, uploads.size(), 0, head);
        } finally {
            if (looseFolder != null) {
                FolderTrees.deleteQuietly(looseFolder);
            }
        }
    }

    /**
     * The lines a forget here rewrote (kept versions re-parented past forgotten ones) of versions the remote holds,
     * unless this project sent exactly that line before: the remote's records still hold the old line, whose parent
     * is gone there too once the forget reaches it.
     */
    private Map<String, VersionRecord> rewrittenLinesToSend(Set<String> onRemote) {
        Map<String, VersionRecord> out = new TreeMap<>();
        VersionGraph graph = store.graph();
        for (String id : ForgottenIds.rewritten(store)) {
            VersionRecord v = graph.get(id);
            if (v != null && onRemote.contains(id) && !state.forgotten.contains(id)
                    && !lineHash(v).equals(state.sentLines.get(id))) {
                out.put(id, v);
            }
        }
        return out;
    }

    /** A short hash of a version's journal line (which line of it this project sent). */
    private static String lineHash(VersionRecord v) {
        return PushRecord.sha256Hex(JournalCodec.encode(v)).substring(0, 16);
    }

    /**
     * Forgets here the versions the remote's records forget, so a secret a teammate forgot leaves every clone: a
     * forget with its purging garbage collection, as by hand (kept versions re-parented, the bytes off the disk).
     * The current version stays (the working copy is based on it; a warning says so) until another one is current:
     * the next fetch or push forgets it then. Runs under the write lock of the fetch or push that calls it.
     */
    private void applyRemoteForgets() throws IOException {
        VersionGraph graph = store.graph();
        Set<String> ids = new TreeSet<>();
        for (String id : state.forgotten) {
            if (graph.contains(id)) {
                ids.add(id);
            }
        }
        String head = store.headId();
        if (head != null && ids.remove(head)) {
            op.emit(new JcfEvent.Warning(op.id(), Instant.now(), "Version " + head + " was forgotten on " + remoteName
                    + ", but your files are based on it, so it stays here until you restore another version."));
        }
        if (ids.isEmpty()) {
            return;
        }
        Operation forget = new Operation("forget", CancellationToken.NONE, null, op::emit);
        new Forget(store).run(ids, ForgetOptions.defaults().withForce(true), "remote " + remoteName, forget);
        try {
            new GarbageCollector(store).run(GcOptions.builder().purge(true).build(),
                    new Operation("gc", CancellationToken.NONE, null, op::emit));
        } catch (IOException | RuntimeException e) {
            op.emit(new JcfEvent.Warning(op.id(), Instant.now(), "Versions forgotten on " + remoteName + " were "
                    + "forgotten here, but the garbage collection that deletes their bytes failed (" + e.getMessage()
                    + "); runGc with purge retries."));
        }
    }

    /**
     * Local packs with objects to send that go up merged rather than as they are: every one under half the
     * project's pack size (GC's rule for a small pack), when there are two or more. A hundred separate checkpoints
     * leave a hundred small packs, and sending each with its index is two requests (two round trips to S3) per
     * checkpoint; their objects packed together are one pack per pack size ({@code JcfConfig.packBytes}). The upload
     * packs have the usual format and content names (readers need nothing new); the local packs stay as they are
     * (a local repack is GC's). A push after a single checkpoint sends its one pack unchanged, also when the
     * remote holds the older ones under other names (merged by an earlier push): only packs with something to send
     * count, so it is not packed again in a temporary folder.
     */
    private static Set<String> smallPacksToMerge(Map<String, PackIndex> localPacks, Set<String> toSend,
                                                 long packBytes) {
        Set<String> small = new HashSet<>();
        for (Map.Entry<String, PackIndex> e : localPacks.entrySet()) {
            if (toSend.contains(e.getKey()) && e.getValue().packLength() < packBytes / 2) {
                small.add(e.getKey());
            }
        }
        return small.size() >= 2 ? small : Set.of();
    }

    private static List<String> ids(PackIndex index) {
        return index.entries().stream().map(PackIndex.Entry::objectId).toList();
    }

    /** One pack to send, and the objects its index lists (remembered as the remote's once it is there). */
    private record Upload(String pack, FileSystemAdapter adapter, String path, List<String> objects) {
        long size() throws IOException {
            return adapter.stat(path + PackFormat.PACK_SUFFIX).map(s -> s.size()).orElse(0L)
                    + adapter.stat(path + PackFormat.INDEX_SUFFIX).map(s -> s.size()).orElse(0L);
        }
    }

    /**
     * Sends each pack (unless the remote has it) and then its index, several packs at once ({@link #inParallel}).
     * What was sent before a failure or Cancel stays (named by content, never sent again).
     */
    private void sendPacks(List<Upload> uploads, Set<String> remotePacks, long total) throws IOException {
        long[] progress = new long[2]; // packs, bytes; guarded by itself
        inParallel(uploads, "kamaros-push", u -> {
            String pack = PACKS + u.pack + PackFormat.PACK_SUFFIX;
            if (!remotePacks.contains(u.pack + PackFormat.PACK_SUFFIX)) {
                upload(pack, u.adapter, u.path + PackFormat.PACK_SUFFIX);
            }
            upload(PACKS + u.pack + PackFormat.INDEX_SUFFIX, u.adapter, u.path + PackFormat.INDEX_SUFFIX);
            long size = u.size();
            synchronized (progress) {
                progress[0]++;
                progress[1] += size;
                op.progress("sending", total == 0 ? 90 : 90.0 * progress[1] / total, (int) progress[0],
                        uploads.size(), progress[1], total, pack);
            }
        });
    }

    /** The names of a listing of the whole remote under {@code prefix} (a folder: {@code packs/}), in order. */
    private static List<ObjectInfo> under(List<ObjectInfo> everything, String prefix) {
        return everything.stream().filter(o -> o.name().startsWith(prefix)).toList();
    }

    /** One pack's transfer in {@link #inParallel}. */
    private interface Transfer<T> {
        void run(T item) throws IOException;
    }

    /**
     * Runs {@code transfer} for every item, {@value #TRANSFER_THREADS} at a time, each after a Cancel check. The
     * first failure or Cancel stops the rest and is thrown.
     */
    private <T> void inParallel(List<T> items, String threadName, Transfer<T> transfer) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(TRANSFER_THREADS, items.size())),
                r -> {
                    Thread t = new Thread(r, threadName);
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (T item : items) {
                running.add(pool.submit(() -> {
                    op.checkpoint();
                    transfer.run(item);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    } else if (cause instanceof RuntimeException r) {
                        throw r;
                    } else if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IOException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while transferring packs");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void upload(String name, FileSystemAdapter from, String path) throws IOException {
        PutOutcome outcome;
        long size;
        if (from instanceof FileAdapter disk) { // large packs go up in parts, read from the file
            Path file = disk.rootPath().resolve(path);
            size = Files.size(file);
            outcome = remote.putIfAbsent(name, file);
        } else {
            byte[] bytes = from.readFile(path);
            size = bytes.length;
            outcome = remote.putIfAbsent(name, bytes);
        }
        if (outcome == PutOutcome.CREATED) {
            synchronized (this) { // packs go up on several threads
                bytesSent += size;
            }
        }
    }

    /** Objects of the one-file-per-object layout not sent to this remote yet (ids: {@code blobs/<sha256>}, …). */
    private List<String> unsentLooseObjects() throws IOException {
        List<String> out = new ArrayList<>();
        for (String dir : LOOSE_DIRS) {
            for (String name : raw.listFiles(dir)) {
                String id = dir.substring(".store/".length()) + "/" + name;
                boolean object = dir.endsWith("deltas") ? name.endsWith(".patch") : name.matches("[0-9a-f]{64}");
                if (object && !state.loose.contains(id)) {
                    out.add(id);
                }
            }
        }
        out.sort(Comparator.naturalOrder()); // the same objects make the same pack, under the same name
        return out;
    }

    /**
     * Moves the remote's branch head to this project's current version when the head is behind it (or absent):
     * compare-and-set, re-read and retried on a conflict. A head that names a version this project does not
     * descend from (another line of work, or one not fetched yet) is left: heads are hints, records the truth.
     * Returns the version the head names afterwards.
     */
    private @Nullable String moveHead(@Nullable String recordName) {
        String ours = store.headId();
        VersionGraph graph = store.graph();
        String lastVersion = state.headVersion;
        String lastEtag = state.headEtag;
        if (ours != null && lastVersion != null && lastEtag != null && !ours.equals(lastVersion)
                && graph.ancestry(ours).contains(lastVersion)) {
            // The head as this project last set it: if nobody moved it since, it moves on without being read first
            // (one round trip, not two); if somebody did, the condition fails and the loop below reads and decides.
            byte[] value = headValue(ours, recordName);
            CasResult r = remote.compareAndSet(HEAD, lastEtag, value);
            if (r.swapped()) {
                rememberHead(ours, r, value);
                return ours;
            }
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<Tagged> current = remote.getTagged(HEAD);
            String theirs = current.map(t -> headVersion(t.data())).orElse(null);
            if (ours == null || ours.equals(theirs) || theirs != null && !graph.ancestry(ours).contains(theirs)) {
                return theirs;
            }
            byte[] value = headValue(ours, recordName);
            CasResult r = remote.compareAndSet(HEAD, current.map(Tagged::etag).orElse(null), value);
            if (r.swapped()) {
                rememberHead(ours, r, value);
                return ours;
            }
        }
        return remoteHead();
    }

    private static byte[] headValue(String version, @Nullable String recordName) {
        ObjectNode value = Json.mapper().createObjectNode();
        value.put("version", version);
        value.put("push", recordName == null ? "" : recordName);
        value.put("nonce", UUID.randomUUID().toString()); // unique to this attempt (compareAndSet's rule)
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void rememberHead(String version, CasResult swapped, byte[] value) {
        bytesSent += value.length;
        ObjectInfo now = swapped.current();
        state.headVersion = version;
        state.headEtag = now == null ? null : now.etag();
    }

    /** The version the remote's branch head names (null when there is none or it cannot be read). */
    public @Nullable String remoteHead() {
        return remote.get(HEAD).map(HistorySync::headVersion).orElse(null);
    }

    private static @Nullable String headVersion(byte[] data) {
        try {
            JsonNode v = Json.mapper().readTree(data).get("version");
            return v == null || !v.isTextual() ? null : v.textValue();
        } catch (IOException e) {
            return null; // a damaged hint is no hint
        }
    }

    // ------------------------------------------------------------------ records

    /** Lists {@code pushes/} and reads every record not seen before; returns them by name. */
    private Map<String, PushRecord> readNewRecords() throws IOException {
        return readNewRecords(remote.list(PushRecord.PREFIX));
    }

    /** Reads every record of a listing of {@code pushes/} not seen before; returns them by name. */
    private Map<String, PushRecord> readNewRecords(List<ObjectInfo> listing) throws IOException {
        Map<String, PushRecord> fresh = new TreeMap<>();
        for (ObjectInfo o : listing) {
            if (!PushRecord.isRecordName(o.name()) || state.records.containsKey(o.name())) {
                continue;
            }
            op.checkpoint();
            PushRecord r = readRecord(o.name());
            if (r != null) {
                fresh.put(o.name(), r);
                state.records.put(o.name(), r.versions().stream().map(VersionRecord::id).toList());
                state.forgotten.addAll(r.forgotten());
                if (!r.rewritten().isEmpty()) {
                    state.rewrittenIn.put(o.name(), r.rewritten().stream().map(VersionRecord::id).toList());
                }
            }
        }
        return fresh;
    }

    private @Nullable PushRecord readRecord(String name) {
        Optional<byte[]> bytes = remote.get(name);
        if (bytes.isEmpty()) {
            return null; // listed, then gone: only pruning deletes records, and it is not ours to undo
        }
        bytesReceived += bytes.get().length;
        return PushRecord.decode(name, bytes.get(), cipher, remote.describe());
    }

    // ------------------------------------------------------------------ fetch

    /**
     * Downloads what is new on the remote and adds its versions to this project's history beside the local ones
     * (HEAD, the working copy and every local version stay as they are; work done on both sides appears as two
     * branches). Packs are checked against their names before they are kept; the versions are committed in one
     * step, and a failed fetch deletes the packs it downloaded. Returns the remote head in {@code remoteHead}.
     */
    public RemoteTransferResult fetch() throws IOException {
        op.progress("checking", 0, 0, 0, 0, 0, null);
        if (descriptor(false).isEmpty()) {
            return result("fetch", 0, 0, 0, 0, null); // nothing was ever pushed there
        }
        Map<String, PushRecord> fresh = readNewRecords();
        VersionGraph graph = store.graph();
        Map<String, VersionRecord> incoming = new LinkedHashMap<>();
        Set<String> forgotten = new HashSet<>(ForgottenIds.read(store)); // forgotten here: never brought back
        forgotten.addAll(state.forgotten); // forgotten by any record there: absent for every reader
        Map<String, VersionOrigin> origins = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : state.records.entrySet()) {
            if (e.getValue().stream().allMatch(graph::contains)) {
                continue;
            }
            PushRecord r = fresh.containsKey(e.getKey()) ? fresh.get(e.getKey()) : readRecord(e.getKey());
            if (r != null) {
                r.versions().stream().filter(v -> !graph.contains(v.id()) && !forgotten.contains(v.id()))
                        .forEach(v -> {
                            incoming.putIfAbsent(v.id(), v);
                            origins.putIfAbsent(v.id(), new VersionOrigin(remoteName, r.machine(), r.user(), r.time()));
                        });
            }
        }
        // A forget elsewhere rewrote some lines (re-parented past what it forgot): the newest record's line wins.
        for (Map.Entry<String, List<String>> e : state.rewrittenIn.entrySet()) {
            if (e.getValue().stream().noneMatch(incoming::containsKey)) {
                continue;
            }
            PushRecord r = fresh.containsKey(e.getKey()) ? fresh.get(e.getKey()) : readRecord(e.getKey());
            if (r != null) {
                r.rewritten().stream().filter(v -> incoming.containsKey(v.id())).forEach(v -> incoming.put(v.id(), v));
            }
        }
        List<VersionRecord> ordered = parentsFirst(incoming, graph);

        // ---- packs and dictionaries the project has never had
        Set<String> local = store.packing().packs().packs().keySet();
        List<ObjectInfo> fetched = new ArrayList<>(); // staged, checked packs; guarded by itself
        List<String> downloaded = new ArrayList<>();
        boolean committed = false;
        // Packs and their indexes land in a staging folder first and are forced together, then renamed into
        // place: one fsync per file in turn cost a clone of a 100-version project seconds.
        String staging = BlobStore.TEMP_DIR + "/fetch-" + UUID.randomUUID();
        List<String> staged = new ArrayList<>(); // guarded by itself
        FileAdapter disk = raw instanceof FileAdapter fa ? fa : null;
        long[] progress = new long[3]; // packs, bytes, bytes to come (changes when a listing is taken again)
        try {
            if (disk != null) {
                disk.deferSync(staging);
            }
            try {
                double[] shown = new double[1]; // the bar never goes back when more packs join
                List<ObjectInfo> gone = acrossPrunes(listing -> packsToFetch(listing, local, names(fetched)), wanted -> {
                    List<ObjectInfo> goneNow = new ArrayList<>(); // guarded by itself
                    synchronized (progress) { // what came, and what this listing adds (a pack gone never came)
                        progress[2] = progress[1] + wanted.stream().mapToLong(ObjectInfo::size).sum();
                    }
                    inParallel(wanted, "kamaros-fetch", o -> {
                        String pack = packName(o);
                        String packFile = staging + "/" + pack + PackFormat.PACK_SUFFIX;
                        synchronized (staged) {
                            staged.add(packFile);
                            staged.add(staging + "/" + pack + PackFormat.INDEX_SUFFIX);
                        }
                        if (!downloadPack(o, pack, packFile)) {
                            synchronized (goneNow) {
                                goneNow.add(o);
                            }
                            return;
                        }
                        raw.writeFile(staging + "/" + pack + PackFormat.INDEX_SUFFIX,
                                PackReader.indexOf(raw, packFile, o.size())); // from the checked bytes
                        synchronized (fetched) {
                            fetched.add(o);
                        }
                        synchronized (progress) {
                            progress[0]++;
                            progress[1] += o.size();
                            shown[0] = Math.max(shown[0], progress[2] == 0 ? 90 : 90.0 * progress[1] / progress[2]);
                            op.progress("receiving", shown[0], (int) progress[0], wanted.size(), progress[1],
                                    progress[2], o.name());
                        }
                    });
                    return goneNow;
                });
                if (!gone.isEmpty()) { // still listed, never readable: damage after all
                    throw PushRecord.damaged(gone.get(0).name(), remote.describe(), "it was listed but is gone", null);
                }
                if (disk != null) {
                    disk.forceDeferred();
                }
            } finally {
                if (disk != null) {
                    disk.deferSync(null);
                }
            }
            for (ObjectInfo o : fetched) {
                String pack = packName(o);
                downloaded.add(pack); // from here on it is in place, and removed again if the fetch fails
                raw.moveFile(staging + "/" + pack + PackFormat.PACK_SUFFIX,
                        PackFormat.DIR + "/" + pack + PackFormat.PACK_SUFFIX);
                raw.moveFile(staging + "/" + pack + PackFormat.INDEX_SUFFIX,
                        PackFormat.DIR + "/" + pack + PackFormat.INDEX_SUFFIX);
            }
            raw.sync();
            for (ObjectInfo o : remote.list(DICTS)) {
                String name = o.name().substring(DICTS.length());
                if (name.matches("[0-9a-f]{64}") && !raw.fileExists(LOCAL_DICTS + "/" + name)) {
                    op.checkpoint();
                    byte[] bytes = remote.get(o.name()).orElseThrow(() -> PushRecord.damaged(o.name(),
                            remote.describe(), "it was listed but cannot be read", null));
                    bytesReceived += bytes.length;
                    raw.writeFile(LOCAL_DICTS + "/" + name, bytes); // contents it decodes are checked by their hash
                }
            }
            if (!downloaded.isEmpty()) {
                store.packing().refresh(); // the new packs join, with the indexes made above from their checked bytes
                store.packing().packs().writeRebuiltIndexes();
            }
            if (!ordered.isEmpty()) {
                op.progress("recording", 95, downloaded.size(), downloaded.size(), progress[1], progress[1], null);
                origins.keySet().retainAll(ordered.stream().map(VersionRecord::id).toList());
                VersionOrigins.add(raw, origins); // before the commit: a fetched version never lacks its origin
                op.committing(() -> {
                    Ledger next = store.draft();
                    long end = store.appendVersions(ordered, next);
                    next.recordFetchedVersions(ordered, end, graph.size() + ordered.size());
                    store.commit(next); // the commit point
                    ordered.forEach(graph::add);
                    return Boolean.TRUE;
                });
            }
            committed = true;
        } finally {
            for (String file : staged) {
                try {
                    if (raw.fileExists(file)) {
                        raw.deleteFile(file);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // a staged file left in the temp folder is space only; a later restore's clean-up removes it
                }
            }
            if (!committed) {
                for (String pack : downloaded) { // nothing refers to them: the project is as it was
                    try {
                        raw.deleteFile(PackFormat.DIR + "/" + pack + PackFormat.INDEX_SUFFIX);
                        raw.deleteFile(PackFormat.DIR + "/" + pack + PackFormat.PACK_SUFFIX);
                    } catch (IOException | RuntimeException ignored) {
                        // an unused pack is space only; GC removes it
                    }
                }
                if (!downloaded.isEmpty()) {
                    store.packing().refresh();
                }
            }
        }
        applyRemoteForgets(); // after the commit: the versions just added are re-parented too where needed
        state.packs.addAll(downloaded);
        Map<String, PackIndex> now = store.packing().packs().packs();
        for (String pack : downloaded) { // what the remote holds, known without reading its index again
            PackIndex index = now.get(pack);
            if (index != null) {
                state.indexes.put(pack, ids(index));
            }
        }
        state.save(raw, remoteName);
        op.progress("done", 100, downloaded.size(), downloaded.size(), 0, 0, null);
        return result("fetch", 0, ordered.size(), 0, downloaded.size(), remoteHead());
    }

    /**
     * What waits between the project and the remote, from the push records alone (no pack is downloaded, nothing
     * local changes): versions the remote has no record of, and versions its records hold that the project has not.
     */
    public RemoteStatus status() throws IOException {
        op.progress("checking", 0, 0, 0, 0, 0, null);
        VersionGraph graph = store.graph();
        Set<String> onRemote = descriptor(false).isEmpty() ? Set.of() : withNewRecords();
        int toSend = (int) graph.all().stream().filter(v -> !onRemote.contains(v.id())).count();
        Set<String> forgotten = new HashSet<>(ForgottenIds.read(store)); // a fetch does not bring these back
        forgotten.addAll(state.forgotten);
        int toReceive = (int) onRemote.stream().filter(id -> !graph.contains(id) && !forgotten.contains(id)).count();
        op.progress("done", 100, 0, 0, 0, 0, null);
        return new RemoteStatus(remoteName, toSend, toReceive);
    }

    private Set<String> withNewRecords() throws IOException {
        readNewRecords(); // into this instance's state only: a status writes nothing
        return state.remoteVersions();
    }

    /**
     * Versions in an order that puts each after its parent; a version whose parent is in neither the project nor
     * the remote (forgotten here, say) is left out with a warning rather than added as a second root.
     */
    private List<VersionRecord> parentsFirst(Map<String, VersionRecord> incoming, VersionGraph graph) {
        List<VersionRecord> out = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        List<VersionRecord> left = new ArrayList<>(incoming.values());
        left.sort(Comparator.comparing(VersionRecord::timestamp));
        boolean progress = true;
        while (!left.isEmpty() && progress) {
            progress = false;
            for (var it = left.iterator(); it.hasNext(); ) {
                VersionRecord v = it.next();
                String parent = v.parentId();
                if (parent == null || graph.contains(parent) || placed.contains(parent)) {
                    out.add(v);
                    placed.add(v.id());
                    it.remove();
                    progress = true;
                }
            }
        }
        for (VersionRecord v : left) {
            op.emit(new JcfEvent.Warning(op.id(), Instant.now(), "The remote's version " + v.id() + " (\""
                    + v.message() + "\") was not taken: its parent " + v.parentId() + " is in neither this project nor "
                    + "the remote's records."));
        }
        return out;
    }

    /** The pack a listed {@code packs/<name>.pack} is. */
    private static String packName(ObjectInfo o) {
        return o.name().substring(PACKS.length(), o.name().length() - PackFormat.PACK_SUFFIX.length());
    }

    /** The listed packs that are neither local, nor received from this remote before, nor in {@code have}. */
    private List<ObjectInfo> packsToFetch(List<ObjectInfo> listing, Set<String> local, Set<String> have) {
        List<ObjectInfo> out = new ArrayList<>();
        for (ObjectInfo o : listing) {
            if (o.name().endsWith(PackFormat.PACK_SUFFIX)) {
                String pack = packName(o);
                if (!local.contains(pack) && !state.packs.contains(pack) && !have.contains(pack)) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    private static Set<String> names(List<ObjectInfo> packs) {
        Set<String> out = new HashSet<>();
        synchronized (packs) {
            packs.forEach(o -> out.add(packName(o)));
        }
        return out;
    }

    /** Work on some listed packs ({@link #acrossPrunes}): returns those it found gone when it read them. */
    private interface PackRound {
        List<ObjectInfo> run(List<ObjectInfo> packs) throws IOException;
    }

    /**
     * Lists {@code packs/}, runs {@code round} on the packs {@code toTake} picks from the listing, and lists again
     * while some were gone when read, at most {@value #PACK_LISTINGS} listings; returns the packs gone in the last
     * round (none when every pick was read). {@code toTake} is given each listing and picks only what is still to
     * do. Why: listed, then gone is what a prune does, and a prune deletes only packs whose every object is in
     * another pack that stays (docs/storage-format.md, "Prune") — possibly one uploaded after our listing, which the
     * next listing shows. A pack listed again and again but never readable is damage after all. Fetch and deep
     * verify read packs this way.
     */
    private List<ObjectInfo> acrossPrunes(Function<List<ObjectInfo>, List<ObjectInfo>> toTake, PackRound round)
            throws IOException {
        List<ObjectInfo> wanted = toTake.apply(remote.list(PACKS));
        for (int listings = 1; ; listings++) {
            List<ObjectInfo> gone = wanted.isEmpty() ? List.of() : round.run(wanted);
            if (gone.isEmpty() || listings == PACK_LISTINGS) {
                return gone;
            }
            wanted = toTake.apply(remote.list(PACKS));
        }
    }

    /**
     * Downloads a pack in slices into {@code path}, checking that its bytes match its name ({@link PackName}) before
     * it is kept.
     * Returns false, keeping nothing, when the pack is gone (a prune deleted it after it was listed).
     */
    private boolean downloadPack(ObjectInfo o, String pack, String path) throws IOException {
        PackName.Check name = new PackName.Check();
        FileSystemAdapter.AtomicOutput out = raw.openWrite(path);
        try {
            long size = o.size();
            for (long at = 0; at < size; at += DOWNLOAD_SLICE) {
                op.checkpoint();
                int length = (int) Math.min(DOWNLOAD_SLICE, size - at);
                Optional<byte[]> slice = remote.getRange(o.name(), at, length);
                if (slice.isEmpty()) {
                    out.abort();
                    return false;
                }
                if (slice.get().length != length) {
                    throw PushRecord.damaged(o.name(), remote.describe(), "it is shorter than listed", null);
                }
                name.update(slice.get(), 0, length);
                out.write(slice.get());
                synchronized (this) { // packs come down on several threads
                    bytesReceived += length;
                }
            }
            if (!name.matches(pack)) {
                throw PushRecord.damaged(o.name(), remote.describe(),
                        "its bytes do not match its name (changed or cut short)", null);
            }
        } catch (IOException | RuntimeException e) {
            out.abort();
            throw e;
        }
        out.close();
        return true;
    }

    // ------------------------------------------------------------------ prune

    /**
     * Deletes the remote's redundant packs in two phases ({@link RemotePrune}): marks what is redundant now, and
     * deletes what a mark older than {@code delay} named if it is still redundant and no newer push named it.
     */
    public RemotePruneResult prune(Duration delay, boolean dryRun, Clock clock) throws IOException {
        if (descriptor(false).isEmpty()) {
            return new RemotePruneResult(remoteName, dryRun, List.of(), List.of(), List.of(), List.of(), 0, null,
                    List.of(), 0);
        }
        RemotePruneResult r = new RemotePrune(remote, state, cipher, op, remoteName, store.packing().targetBytes())
                .run(delay, dryRun, clock);
        state.save(raw, remoteName);
        return r;
    }

    // ------------------------------------------------------------------ verify

    /**
     * Checks the remote without changing it. Quick: the descriptor, every push record (read and checked against
     * its name), that every pack a record names is listed with its index, that every version's parent is in some
     * record, that the head names a known version. Deep: also downloads every pack, checks that it matches its
     * name and reads it entry by entry ({@link PackReader#check}: index intact, every entry's checksums).
     */
    public RemoteVerifyResult verify(boolean deep) throws IOException {
        List<String> problems = new ArrayList<>();
        String where = remote.describe();
        op.progress("checking", 0, 0, 0, 0, 0, null);
        try {
            if (descriptor(false).isEmpty()) {
                problems.add(where + " holds no Kamaros history (no " + DESCRIPTOR + ").");
                return new RemoteVerifyResult(remoteName, deep, 0, 0, 0, problems);
            }
        } catch (CorruptionException | RemoteException e) {
            problems.add(String.valueOf(e.getMessage()));
            return new RemoteVerifyResult(remoteName, deep, 0, 0, 0, problems);
        }
        List<ObjectInfo> listedAtFirst = remote.list(PACKS);
        Map<String, Long> listed = new TreeMap<>();
        for (ObjectInfo o : listedAtFirst) {
            listed.put(o.name(), o.size());
        }
        SortedMap<String, PushRecord> read = new TreeMap<>();
        for (ObjectInfo o : remote.list(PushRecord.PREFIX)) {
            op.checkpoint();
            if (!PushRecord.isRecordName(o.name())) {
                problems.add(o.name() + " is not a push record's name.");
                continue;
            }
            try {
                PushRecord r = readRecord(o.name());
                if (r != null) {
                    read.put(o.name(), r);
                }
            } catch (CorruptionException e) {
                problems.add(String.valueOf(e.getMessage()));
            }
        }
        // The history the records hold together (forgotten versions absent). A pack a record names may be gone: a
        // prune deletes packs whose needed objects another pack holds; what must be there is every patch a kept
        // version names (contents come from blobs, chunks or patches: deep verify reads every pack's entries).
        RemoteHistory history = RemoteHistory.of(read);
        history.withoutParent().forEach((id, parent) ->
                problems.add("Version " + id + " names a parent no push record keeps (" + parent + ")."));
        Set<String> held = new HashSet<>();
        state.refreshIndexes(remote, listedAtFirst).values().forEach(held::addAll);
        for (String patch : new TreeSet<>(history.patches())) {
            if (!patch.endsWith(ContentStore.COPY) && !held.contains(patch)) {
                problems.add(patch + ", which a version on the remote names, is in no pack.");
            }
        }
        String head = remoteHead();
        if (head != null && !history.kept().containsKey(head) && !history.forgotten().contains(head)) {
            problems.add(HEAD + " names a version no push record holds (" + head + ").");
        }
        int records = read.size();
        int packs = 0;
        long total = 0;
        for (Map.Entry<String, Long> e : listed.entrySet()) {
            if (e.getKey().endsWith(PackFormat.PACK_SUFFIX)) {
                packs++;
                total += e.getValue();
                String index = e.getKey().substring(0, e.getKey().length() - PackFormat.PACK_SUFFIX.length())
                        + PackFormat.INDEX_SUFFIX;
                if (!listed.containsKey(index)) {
                    problems.add(e.getKey() + " has no index (" + index + ").");
                }
            }
        }
        if (deep) {
            problems.addAll(checkEveryPack(listedAtFirst, where));
        }
        op.progress("done", 100, packs, packs, total, total, null);
        return new RemoteVerifyResult(remoteName, deep, records, history.kept().size(), packs, problems);
    }

    /**
     * Deep verify's part: downloads and checks every listed pack. A pack a prune deleted after the listing is not
     * damage when each of its objects is in a pack listed now (the copy that made it redundant, which is checked
     * too); its objects are known from the indexes read before ({@link SyncState#refreshIndexes}). A pack that stays
     * listed but cannot be read is.
     */
    private List<String> checkEveryPack(List<ObjectInfo> firstListing, String where) throws IOException {
        Map<String, List<String>> objectsOf = new HashMap<>(state.refreshIndexes(remote, firstListing));
        List<String> problems = new ArrayList<>();
        Set<String> checked = new HashSet<>();
        Set<String> counted = new HashSet<>(); // packs the bar counts: every one listed so far
        Map<String, ObjectInfo> gone = new TreeMap<>(); // pack → as listed, while it was not readable
        long[] bar = new long[4]; // packs done, bytes done, packs in all, bytes in all
        acrossPrunes(listing -> listing.stream()
                .filter(o -> o.name().endsWith(PackFormat.PACK_SUFFIX) && !checked.contains(o.name())).toList(),
                wanted -> {
            for (ObjectInfo o : wanted) {
                if (counted.add(o.name())) { // one that joined after the first listing moves the bar's end out
                    bar[2]++;
                    bar[3] += o.size();
                }
            }
            List<ObjectInfo> goneNow = new ArrayList<>();
            for (ObjectInfo o : wanted) {
                op.checkpoint();
                op.progress("re-hashing", bar[3] == 0 ? 100 : 100.0 * bar[1] / bar[3], (int) bar[0], (int) bar[2],
                        bar[1], bar[3], o.name());
                Optional<List<String>> found = checkPack(o.name(), o.size(), where);
                if (found.isEmpty()) {
                    gone.put(packName(o), o);
                    goneNow.add(o);
                    continue;
                }
                gone.remove(packName(o));
                checked.add(o.name());
                problems.addAll(found.get());
                bar[0]++;
                bar[1] += o.size();
            }
            return goneNow;
        });
        if (!gone.isEmpty()) {
            List<ObjectInfo> now = remote.list(PACKS);
            Set<String> listedNow = new HashSet<>();
            now.forEach(o -> listedNow.add(o.name()));
            Set<String> heldNow = new HashSet<>(); // the objects of the packs listed now (with an intact index)
            state.refreshIndexes(remote, now).forEach((pack, ids) -> {
                if (!gone.containsKey(pack)) {
                    heldNow.addAll(ids);
                }
            });
            for (Map.Entry<String, ObjectInfo> e : gone.entrySet()) {
                String name = e.getValue().name();
                List<String> objects = objectsOf.get(e.getKey());
                if (listedNow.contains(name)) {
                    problems.add(name + " is listed but cannot be read.");
                } else if (objects == null) {
                    problems.add(name + " was deleted while this verify ran, before its index was read: whether"
                            + " another pack holds its objects is not known (verify again).");
                } else if (!heldNow.containsAll(objects)) {
                    problems.add(name + " was deleted while this verify ran, and " + objects.stream()
                            .filter(id -> !heldNow.contains(id)).count() + " of its objects are in no pack listed now.");
                } // else a prune deleted a redundant copy: its objects are in packs listed (and checked) now
            }
        }
        return problems;
    }

    /**
     * One pack downloaded into memory with its index: its bytes against its name, then every entry. Empty when the
     * pack is gone (listed, then deleted: see {@link #checkEveryPack}).
     */
    private Optional<List<String>> checkPack(String name, long size, String where) throws IOException {
        String pack = name.substring(PACKS.length(), name.length() - PackFormat.PACK_SUFFIX.length());
        MemoryAdapter copy = new MemoryAdapter();
        PackName.Check named = new PackName.Check();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (long at = 0; at < size; at += DOWNLOAD_SLICE) {
            int length = (int) Math.min(DOWNLOAD_SLICE, size - at);
            Optional<byte[]> slice = remote.getRange(name, at, length);
            if (slice.isEmpty()) {
                return Optional.empty();
            }
            named.update(slice.get(), 0, slice.get().length);
            bytes.writeBytes(slice.get());
            bytesReceived += slice.get().length;
        }
        List<String> out = new ArrayList<>();
        if (!named.matches(pack)) {
            out.add(name + " on " + where + " is damaged: its bytes do not match its name.");
        }
        copy.writeFile(PackFormat.DIR + "/" + pack + PackFormat.PACK_SUFFIX, bytes.toByteArray());
        Optional<byte[]> index = remote.get(PACKS + pack + PackFormat.INDEX_SUFFIX);
        if (index.isEmpty() && remote.head(name).isEmpty()) {
            return Optional.empty(); // deleted since its bytes were read: a prune deletes the pack, then its index
        }
        if (index.isPresent()) {
            copy.writeFile(PackFormat.DIR + "/" + pack + PackFormat.INDEX_SUFFIX, index.get());
        }
        PackReader.PackCheck check = PackReader.open(copy).check(pack);
        if (!check.indexIntact()) {
            out.add(PACKS + pack + PackFormat.INDEX_SUFFIX + " does not match its pack (or is missing).");
        }
        for (String object : check.damagedObjects()) {
            out.add(name + " holds a damaged entry: " + object + ".");
        }
        return Optional.of(out);
    }

    // ------------------------------------------------------------------ helpers

    private RemoteTransferResult result(String operation, int sent, int received, int packsSent, int packsReceived,
                                        @Nullable String remoteHead) {
        return new RemoteTransferResult(operation, remoteName, sent, received, packsSent, packsReceived, bytesSent,
                bytesReceived, false, false, store.headId(), remoteHead);
    }

    private static String machine() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * What this project knows of one remote, kept in {@code .jcf/remotes/<name>.json} so a push or fetch asks the
     * remote only about what changed: the push records read (and the versions each holds), the packs sent to or
     * received from it, the loose objects and dictionaries sent. A cache: deleting it costs requests, not data.
     */
    static final class SyncState {
        final Map<String, List<String>> records = new TreeMap<>();
        final Set<String> packs = new TreeSet<>();
        final Set<String> loose = new TreeSet<>();
        final Set<String> dictionaries = new TreeSet<>();
        /** The remote's packs (those listed with their index) → the objects their indexes list. */
        final Map<String, List<String>> indexes = new TreeMap<>();
        /** Versions some record of the remote forgets: absent for every reader, whatever record lists them. */
        final Set<String> forgotten = new TreeSet<>();
        /** Records that rewrite journal lines (after a forget) → the versions whose lines they carry. */
        final Map<String, List<String>> rewrittenIn = new TreeMap<>();
        /** Versions whose rewritten line this project sent → a hash of that line (sent again when it changes). */
        final Map<String, String> sentLines = new TreeMap<>();
        /** The version this project last moved the remote's head to, and the etag the head got then. */
        @Nullable String headVersion;
        @Nullable String headEtag;

        static String path(String remoteName) {
            return ".jcf/remotes/" + remoteName + ".json";
        }

        static SyncState load(FileSystemAdapter raw, String remoteName) {
            SyncState s = new SyncState();
            try {
                if (!raw.fileExists(path(remoteName))) {
                    return s;
                }
                JsonNode root = Json.mapper().readTree(raw.readFile(path(remoteName)));
                root.path("records").properties().forEach(e -> {
                    List<String> ids = new ArrayList<>();
                    e.getValue().forEach(n -> ids.add(n.asText()));
                    s.records.put(e.getKey(), ids);
                });
                root.path("packs").forEach(n -> s.packs.add(n.asText()));
                root.path("loose").forEach(n -> s.loose.add(n.asText()));
                root.path("dictionaries").forEach(n -> s.dictionaries.add(n.asText()));
                root.path("indexes").properties().forEach(e -> {
                    List<String> ids = new ArrayList<>();
                    e.getValue().forEach(n -> ids.add(n.asText()));
                    s.indexes.put(e.getKey(), ids);
                });
                root.path("forgotten").forEach(n -> s.forgotten.add(n.asText()));
                root.path("rewrittenIn").properties().forEach(e -> {
                    List<String> ids = new ArrayList<>();
                    e.getValue().forEach(n -> ids.add(n.asText()));
                    s.rewrittenIn.put(e.getKey(), ids);
                });
                root.path("sentLines").properties().forEach(e -> s.sentLines.put(e.getKey(), e.getValue().asText()));
                JsonNode head = root.path("head");
                if (head.path("version").isTextual() && head.path("etag").isTextual()) {
                    s.headVersion = head.path("version").textValue();
                    s.headEtag = head.path("etag").textValue();
                }
            } catch (IOException | RuntimeException e) {
                return new SyncState(); // a damaged cache is an empty one: everything is asked again
            }
            return s;
        }

        void save(FileSystemAdapter raw, String remoteName) throws IOException {
            ObjectNode root = Json.mapper().createObjectNode();
            ObjectNode r = root.putObject("records");
            records.forEach((name, ids) -> ids.forEach(r.withArray(name)::add));
            packs.forEach(root.putArray("packs")::add);
            loose.forEach(root.putArray("loose")::add);
            dictionaries.forEach(root.putArray("dictionaries")::add);
            ObjectNode ix = root.putObject("indexes");
            indexes.forEach((pack, ids) -> ids.forEach(ix.withArray(pack)::add));
            forgotten.forEach(root.putArray("forgotten")::add);
            ObjectNode rw = root.putObject("rewrittenIn");
            rewrittenIn.forEach((name, ids) -> ids.forEach(rw.withArray(name)::add));
            ObjectNode sent = root.putObject("sentLines");
            sentLines.forEach(sent::put);
            if (headVersion != null && headEtag != null) {
                root.putObject("head").put("version", headVersion).put("etag", headEtag);
            }
            raw.writeFile(path(remoteName), Json.mapper().writeValueAsBytes(root)); // atomic
        }

        /**
         * Brings {@link #indexes} in line with a listing of {@code packs/}: the index of every pack listed with
         * its index and not known yet is read (an index that is not intact is left out: its objects count as
         * absent, so they are sent again rather than trusted); packs no longer listed are dropped. Returns them.
         */
        Map<String, List<String>> refreshIndexes(RemoteStore remote, List<ObjectInfo> listing) {
            Map<String, Long> packSizes = new HashMap<>();
            Set<String> idx = new HashSet<>();
            for (ObjectInfo o : listing) {
                String file = o.name().substring(PACKS.length());
                if (file.endsWith(PackFormat.PACK_SUFFIX)) {
                    packSizes.put(file.substring(0, file.length() - PackFormat.PACK_SUFFIX.length()), o.size());
                } else if (file.endsWith(PackFormat.INDEX_SUFFIX)) {
                    idx.add(file.substring(0, file.length() - PackFormat.INDEX_SUFFIX.length()));
                }
            }
            indexes.keySet().removeIf(p -> !packSizes.containsKey(p) || !idx.contains(p));
            for (Map.Entry<String, Long> e : packSizes.entrySet()) {
                if (!idx.contains(e.getKey()) || indexes.containsKey(e.getKey())) {
                    continue;
                }
                Optional<byte[]> bytes = remote.get(PACKS + e.getKey() + PackFormat.INDEX_SUFFIX);
                PackIndex index = bytes.isEmpty() ? null : PackIndex.decode(bytes.get(), e.getValue());
                if (index != null) {
                    indexes.put(e.getKey(), index.entries().stream().map(PackIndex.Entry::objectId).toList());
                }
            }
            return indexes;
        }

        /**
         * True when a listing of {@code pushes/} shows the remote this project has pushed to or fetched from before
         * (every record read from it is still there: records are never deleted), so its descriptor, checked then
         * and never replaced, need not be read again. A remote emptied and used by another project fails this.
         */
        boolean knows(List<ObjectInfo> recordListing) {
            if (records.isEmpty()) {
                return false;
            }
            Set<String> listed = new HashSet<>();
            recordListing.forEach(o -> listed.add(o.name()));
            return listed.containsAll(records.keySet());
        }

        Set<String> remoteVersions() {
            Set<String> ids = new HashSet<>();
            records.values().forEach(ids::addAll);
            return ids;
        }
    }
}
