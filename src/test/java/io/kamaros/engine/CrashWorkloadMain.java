package io.kamaros.engine;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.FileAdapter;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.model.GcReport;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.Version;

/**
 * Run in a child JVM by {@link CrashSafetyTest}, which kills it at a random moment:
 * {@code CrashWorkloadMain <project dir> <ledger file> <checkpoint|restore|gc|forget|import> <seed> [<operations>]}
 * {@code [wait]} (without a count, -1, it runs until it is killed). With {@code wait} it first loads
 * and warms the engine on a scratch project next to the ledger, prints {@code WARM} and waits for
 * the line {@code GO} on stdin before it touches the project: the parent starts the next child
 * while it checks the last one, so a kill round does not pay for a JVM start.
 *
 * <p>Opens the project with a {@link FileAdapter}, prints {@code READY}, then loops until killed:
 * prints {@code MUTATE} and changes the working copy with java.nio (text edits, binary files
 * including one of over 1 MiB that is chunked, adds, deletes, renames), then either checkpoints it
 * ({@code BEGIN checkpoint} / {@code END checkpoint}) or, in mode {@code restore} every other
 * step, restores a random earlier version from the ledger without force, so the dirty working copy
 * is auto-saved first ({@code BEGIN restore} / {@code END restore}).
 *
 * <p>The ledger (outside the project) is the truth of what completed: after every completed
 * operation one fsynced line {@code KIND \t versionId \t path \t sha256 \t path \t sha256 ...}
 * with the working copy as the child hashed it itself (never through the engine): {@code CKPT} a
 * checkpoint, {@code AUTO} the auto-save of a restore (the working copy before it), {@code RESTORE}
 * the working copy a completed restore left (checked on disk by the child before writing the line).
 * The {@code END} marker is printed only after the line is durable. Any failure prints
 * {@code FAILED} and exits with status 2 (the parent treats a child that ends by itself as an error).
 */
public final class CrashWorkloadMain {
    static final String CKPT = "CKPT";
    static final String AUTO = "AUTO";
    static final String RESTORE = "RESTORE";
    /** An import that completed: versionId is the target folder's name, no files (mode import). */
    static final String IMPORT = "IMPORT";
    /** A collection that completed (mode gc): versionId is "objects it removed/small packs it merged". */
    static final String GC = "GC";
    /** Mode forget: a forget is about to run; versionId is the comma-separated ids it forgets. */
    static final String FORGETTING = "FORGETTING";
    /** Mode forget: that forget (and the GC after it) completed; versionId as in its FORGETTING line. */
    static final String FORGOT = "FORGOT";
    /** Written by the parent: a killed forget turned out not to have happened (its versions are all there). */
    static final String FORGET_UNDONE = "FORGET_UNDONE";
    /** A checkpoint the parent made after a kill (written by the parent). */
    static final String PARENT = "PARENT";
    static final int BIG_SIZE = 1_300_000;

    private static final HexFormat HEX = HexFormat.of();

    private CrashWorkloadMain() {
    }

    /** One completed operation of the ledger. */
    record Entry(String kind, String versionId, SortedMap<String, String> state) {
        boolean isVersion() {
            return !kind.equals(RESTORE) && !kind.equals(IMPORT) && !kind.equals(GC) && !isForget();
        }

        boolean isForget() {
            return kind.equals(FORGETTING) || kind.equals(FORGOT) || kind.equals(FORGET_UNDONE);
        }

        String line() {
            StringBuilder sb = new StringBuilder(kind).append('\t').append(versionId);
            state.forEach((p, h) -> sb.append('\t').append(p).append('\t').append(h));
            return sb.append('\n').toString();
        }

        static Entry parse(String line) {
            String[] parts = line.split("\t", -1);
            if (parts.length < 2 || parts.length % 2 != 0) {
                throw new IllegalStateException("bad ledger line: " + line);
            }
            SortedMap<String, String> state = new TreeMap<>();
            for (int i = 2; i < parts.length; i += 2) {
                state.put(parts[i], parts[i + 1]);
            }
            return new Entry(parts[0], parts[1], state);
        }
    }

    public static void main(String[] args) {
        Path project = Path.of(args[0]);
        Path ledger = Path.of(args[1]);
        String mode = args[2];
        long seed = Long.parseLong(args[3]);
        int maxOps = args.length > 4 && Integer.parseInt(args[4]) >= 0 ? Integer.parseInt(args[4]) : Integer.MAX_VALUE;
        PrintStream out = System.out;
        try {
            if (args.length > 5 && args[5].equals("wait")) {
                warmUp(ledger.resolveSibling("warm-" + Long.toUnsignedString(seed)), mode, out);
                String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                        .readLine();
                if (!"GO".equals(go)) {
                    return; // the parent is gone or did not need this child
                }
            }
            if (mode.equals("import")) {
                runImports(project, ledger, seed, maxOps, out);
            } else {
                run(project, ledger, mode, seed, maxOps, out);
            }
        } catch (Throwable t) {
            out.println("FAILED " + t);
            t.printStackTrace(out);
            out.flush();
            System.exit(2);
        }
    }

    private static void run(Path project, Path ledger, String mode, long seed, int maxOps, PrintStream out)
            throws IOException {
        Random random = new Random(seed);
        List<Entry> versions = new ArrayList<>();
        for (Entry e : readLedger(ledger)) {
            if (e.isVersion()) {
                versions.add(e);
            }
        }
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("crash-child").build())) {
            FileAdapter adapter = new FileAdapter(project);
            jcf.init(adapter);
            Path wc = adapter.workingCopyPath();
            say(out, "READY");
            for (int i = 0; i < maxOps; i++) {
                if (mode.equals("gc") && i % 2 == 1) {
                    say(out, "GARBAGE");
                    makeGarbage(adapter, jcf, versions, random);
                    GcOptions options = switch (i / 2 % 3) {
                        case 0 -> GcOptions.builder().aggressive(true).build();
                        case 1 -> GcOptions.defaults();
                        default -> random.nextBoolean() ? GcOptions.builder().aggressive(true).build()
                                : GcOptions.builder().dryRun(true).build();
                    };
                    say(out, "BEGIN gc");
                    GcReport report = jcf.runGc(options);
                    long removed = report.dryRun() ? 0 : report.blobsRemoved() + report.chunksRemoved()
                            + report.deltasRemoved() + report.tempRemoved();
                    long merged = report.dryRun() ? 0 : report.packsMerged();
                    appendLedger(ledger, new Entry(GC, removed + "/" + merged, new TreeMap<>()));
                    say(out, "END gc");
                    continue;
                }
                if (mode.equals("forget") && i % 2 == 1 && forgetSome(jcf, ledger, versions, random, out)) {
                    continue;
                }
                say(out, "MUTATE");
                mutate(wc, random);
                if (mode.equals("restore") && i % 2 == 1 && !versions.isEmpty()) {
                    Entry target = versions.get(random.nextInt(versions.size()));
                    SortedMap<String, String> before = hashTree(wc);
                    say(out, "BEGIN restore");
                    RestoreResult result = jcf.restoreVersion(target.versionId()); // force=false: auto-save
                    if (result.autoSavedVersionId() != null) {
                        Entry auto = new Entry(AUTO, result.autoSavedVersionId(), before);
                        appendLedger(ledger, auto);
                        versions.add(auto);
                    }
                    SortedMap<String, String> after = hashTree(wc);
                    if (!after.equals(target.state())) {
                        throw new IllegalStateException("restore of " + target.versionId() + " left " + after
                                + " instead of " + target.state());
                    }
                    appendLedger(ledger, new Entry(RESTORE, target.versionId(), after));
                    say(out, "END restore");
                } else {
                    SortedMap<String, String> state = hashTree(wc);
                    say(out, "BEGIN checkpoint");
                    String id = jcf.saveCheckpoint("child " + seed + " step " + i,
                            CheckpointOptions.builder().allowEmpty(true).build());
                    Entry done = new Entry(CKPT, id, state);
                    appendLedger(ledger, done);
                    versions.add(done);
                    say(out, "END checkpoint");
                }
            }
        }
        say(out, "EXHAUSTED");
    }

    /**
     * Mode forget: forgets one to three random versions the history still holds (never HEAD), with the
     * garbage collection that follows; false when there is none to forget yet. The ledger says which
     * before ({@code FORGETTING}) and after ({@code FORGOT}).
     */
    private static boolean forgetSome(JcfManager jcf, Path ledger, List<Entry> versions, Random random, PrintStream out)
            throws IOException {
        String head = jcf.getCurrentVersion().map(Version::id).orElse("");
        List<String> present = new ArrayList<>();
        for (Version v : jcf.getHistory()) {
            present.add(v.id());
        }
        List<String> candidates = new ArrayList<>();
        for (Entry e : versions) {
            if (!e.versionId().equals(head) && present.contains(e.versionId()) && !candidates.contains(e.versionId())) {
                candidates.add(e.versionId());
            }
        }
        if (candidates.isEmpty()) {
            return false;
        }
        Collections.shuffle(candidates, random);
        List<String> chosen = List.copyOf(candidates.subList(0, 1 + random.nextInt(Math.min(3, candidates.size()))));
        String ids = String.join(",", chosen);
        appendLedger(ledger, new Entry(FORGETTING, ids, new TreeMap<>()));
        say(out, "BEGIN forget");
        jcf.forget(chosen, ForgetOptions.defaults().withForce(true));
        appendLedger(ledger, new Entry(FORGOT, ids, new TreeMap<>()));
        versions.removeIf(e -> chosen.contains(e.versionId()));
        say(out, "END forget");
        return true;
    }

    /**
     * Garbage for the collector, as interrupted operations and old versions leave it: objects no
     * version uses (small and large (chunked) blobs, patches, temp files, an uncommitted journal
     * line) and whole copies of old text contents that reverse patches also rebuild (what an
     * aggressive collection compacts away; these are contents versions need).
     */
    static void makeGarbage(FileAdapter adapter, JcfManager jcf, List<Entry> versions, Random r) throws IOException {
        BlobStore blobs = new BlobStore(adapter, 3, true);
        int n = 2 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            byte[] data = new byte[1 + r.nextInt(30_000)];
            r.nextBytes(data);
            blobs.put(data);
        }
        if (r.nextInt(3) == 0) { // a large one: a recipe and its chunks
            byte[] data = new byte[700_000 + r.nextInt(300_000)];
            r.nextBytes(data);
            blobs.putStream(new ByteArrayInputStream(data), true, CancellationToken.NONE, x -> { });
        }
        for (int i = 0; i < 1 + r.nextInt(3); i++) {
            adapter.writeFile(".store/deltas/" + UUID.randomUUID() + "_" + HEX.formatHex(new byte[8])
                    + ".patch", ("@@ -1 +1 @@\n-a\n+b\n").getBytes(StandardCharsets.UTF_8));
        }
        adapter.writeFile(".store/temp/left-" + r.nextInt(1000) + ".tmp", new byte[1 + r.nextInt(5000)]);
        if (r.nextBoolean()) { // a journal line no manifest committed
            adapter.appendFile(".store/versions.jsonl", ("{\"id\":\"" + UUID.randomUUID()
                    + "\",\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"changes\":[]}\n").getBytes(StandardCharsets.UTF_8));
        }
        // old text contents stored whole again: needed by versions, also rebuilt by patches
        for (int i = 0; i < 4 && !versions.isEmpty(); i++) {
            Entry e = versions.get(r.nextInt(versions.size()));
            for (Map.Entry<String, String> f : e.state().entrySet()) {
                if (f.getKey().endsWith(".txt") && !blobs.contains(f.getValue()) && r.nextInt(3) == 0) {
                    blobs.put(jcf.getFileContent(f.getKey(), e.versionId()));
                }
            }
        }
    }

    /**
     * Mode {@code import}: imports the archive {@code import-source.jcf} beside the ledger into a new
     * empty project {@code <project>/imp-<seed>-<n>} again and again; a completed import is the
     * ledger line {@code IMPORT <folder name>}.
     */
    private static void runImports(Path root, Path ledger, long seed, int maxOps, PrintStream out) throws IOException {
        Path archive = ledger.resolveSibling("import-source.jcf");
        Files.createDirectories(root);
        say(out, "READY");
        for (int i = 0; i < maxOps; i++) {
            String name = "imp-" + Long.toUnsignedString(seed) + "-" + i;
            try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("crash-child").build())) {
                jcf.init(new FileAdapter(root.resolve(name)));
                say(out, "BEGIN import");
                jcf.importData(archive);
            }
            appendLedger(ledger, new Entry(IMPORT, name, new TreeMap<>()));
            say(out, "END import");
        }
        say(out, "EXHAUSTED");
    }

    /** Loads the engine's classes and runs each operation once on a scratch project, then removes it. */
    private static void warmUp(Path scratch, String mode, PrintStream out) throws IOException {
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("warm-up").build())) {
            FileAdapter adapter = new FileAdapter(scratch);
            jcf.init(adapter);
            Random r = new Random(1);
            mutate(adapter.workingCopyPath(), r);
            String first = jcf.saveCheckpoint("warm-up 1");
            mutate(adapter.workingCopyPath(), r);
            jcf.restoreVersion(first);
            jcf.getStatus();
            if (mode.equals("gc")) {
                makeGarbage(adapter, jcf, List.of(), r);
                jcf.runGc(GcOptions.builder().aggressive(true).build());
            }
            if (mode.equals("import")) {
                jcf.export(scratch.resolve("warm.jcf"));
            }
            if (mode.equals("forget")) {
                mutate(adapter.workingCopyPath(), r);
                jcf.saveCheckpoint("warm-up 2", CheckpointOptions.builder().allowEmpty(true).build());
                jcf.forget(List.of(first), ForgetOptions.defaults());
            }
        }
        if (mode.equals("import")) {
            try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("warm-up").build())) {
                jcf.init(new FileAdapter(scratch.resolve("imported")));
                jcf.importData(scratch.resolve("warm.jcf"));
            }
        }
        try (Stream<Path> s = Files.walk(scratch)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        say(out, "WARM");
    }

    private static void say(PrintStream out, String line) {
        out.println(line);
        out.flush();
    }

    // ------------------------------------------------------------------ working-copy changes

    /** One deterministic (given the seed and the starting files) round of edits, as a user's programs make them. */
    static void mutate(Path wc, Random r) throws IOException {
        Files.createDirectories(wc);
        Path big = wc.resolve("media/big.bin");
        // (re)created when missing or cut short: a kill during Files.write leaves a truncated file
        if (!Files.isRegularFile(big) || Files.size(big) < BIG_SIZE / 2) {
            Files.createDirectories(big.getParent());
            byte[] data = new byte[BIG_SIZE + r.nextInt(64 * 1024)];
            r.nextBytes(data);
            Files.write(big, data);
        } else if (r.nextInt(3) == 0) {
            byte[] old = Files.readAllBytes(big);
            int at = r.nextInt(old.length);
            byte[] edit = new byte[1 + r.nextInt(8 * 1024)];
            r.nextBytes(edit);
            byte[] data;
            if (r.nextBoolean()) { // overwrite in place
                data = old.clone();
                System.arraycopy(edit, 0, data, at, Math.min(edit.length, data.length - at));
            } else { // insert: shifts everything after it (content-defined chunks resynchronize)
                data = new byte[old.length + edit.length];
                System.arraycopy(old, 0, data, 0, at);
                System.arraycopy(edit, 0, data, at, edit.length);
                System.arraycopy(old, at, data, at + edit.length, old.length - at);
            }
            Files.write(big, data);
        }

        List<Path> texts = new ArrayList<>();
        List<Path> others = new ArrayList<>();
        for (Path p : files(wc)) {
            if (p.equals(big)) {
                continue;
            }
            (p.getFileName().toString().endsWith(".txt") ? texts : others).add(p);
        }
        if (texts.size() < 3 || r.nextInt(3) == 0) {
            Path p = wc.resolve(pick(r, "docs", "notes", "notes/deep", "") + "/t" + r.nextInt(1000) + ".txt");
            if (!Files.exists(p)) {
                Files.createDirectories(p.getParent());
                StringBuilder sb = new StringBuilder();
                int lines = 5 + r.nextInt(60);
                for (int i = 0; i < lines; i++) {
                    sb.append(line(r)).append('\n');
                }
                Files.writeString(p, sb.toString());
                texts.add(p);
            }
        }
        if (others.size() < 2 || r.nextInt(4) == 0) {
            Path p = wc.resolve("bin/b" + r.nextInt(1000) + ".dat");
            if (!Files.exists(p)) {
                Files.createDirectories(p.getParent());
                byte[] data = new byte[1 + r.nextInt(40 * 1024)];
                r.nextBytes(data);
                Files.write(p, data);
                others.add(p);
            }
        }
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits && !texts.isEmpty(); e++) {
            Path p = texts.get(r.nextInt(texts.size()));
            List<String> lines = new ArrayList<>(Files.readAllLines(p, StandardCharsets.UTF_8));
            int at = lines.isEmpty() ? 0 : r.nextInt(lines.size());
            switch (r.nextInt(4)) {
                case 0 -> lines.add(at, line(r));
                case 1 -> {
                    if (!lines.isEmpty()) {
                        lines.set(at, line(r));
                    }
                }
                case 2 -> {
                    if (lines.size() > 1) {
                        lines.remove(at);
                    }
                }
                default -> lines.add(line(r));
            }
            Files.writeString(p, String.join("\n", lines) + "\n");
        }
        if (!others.isEmpty() && r.nextInt(4) == 0) {
            Path p = others.get(r.nextInt(others.size()));
            byte[] data = Files.readAllBytes(p);
            if (data.length > 0) {
                data[r.nextInt(data.length)] ^= (byte) (1 + r.nextInt(255));
                Files.write(p, data);
            }
        }
        if (texts.size() > 3 && r.nextInt(4) == 0) {
            Path p = texts.remove(r.nextInt(texts.size()));
            Files.delete(p);
        }
        if (others.size() > 2 && r.nextInt(5) == 0) {
            Files.delete(others.remove(r.nextInt(others.size())));
        }
        if (!texts.isEmpty() && r.nextInt(3) == 0) { // a rename (maybe into another folder), sometimes with an edit
            Path from = texts.get(r.nextInt(texts.size()));
            Path to = wc.resolve(pick(r, "docs", "notes", "archive", "") + "/r" + r.nextInt(1000) + ".txt");
            if (!Files.exists(to)) {
                Files.createDirectories(to.getParent());
                Files.move(from, to);
                if (r.nextBoolean()) {
                    Files.writeString(to, line(r) + "\n", StandardOpenOption.APPEND);
                }
            }
        }
    }

    private static String pick(Random r, String... options) {
        String s = options[r.nextInt(options.length)];
        return s.isEmpty() ? "top" : s;
    }

    private static String line(Random r) {
        String[] words = {"alpha", "beta", "gamma", "delta", "kamaros", "version", "crash", "safe", "bytes", "ünïcode"};
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(words[r.nextInt(words.length)]).append(i + 1 < n ? " " : "");
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ hashing and the ledger

    /** Regular files under {@code dir}, sorted (the engine's temp files excluded, as its scanner does). */
    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().startsWith(FileAdapter.TEMP_PREFIX))
                    .sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Every file of a folder as relative '/' path -> SHA-256, read from disk with java.nio. */
    static SortedMap<String, String> hashTree(Path dir) throws IOException {
        SortedMap<String, String> out = new TreeMap<>();
        for (Path p : files(dir)) {
            StringBuilder rel = new StringBuilder();
            for (Path part : dir.relativize(p)) {
                rel.append(rel.length() == 0 ? "" : "/").append(part);
            }
            try {
                out.put(rel.toString(), sha256(Files.readAllBytes(p)));
            } catch (NoSuchFileException e) {
                // vanished while listed: not there
            }
        }
        return out;
    }

    static String sha256(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends one line and forces it to disk before returning. */
    static void appendLedger(Path ledger, Entry entry) throws IOException {
        try (FileChannel ch = FileChannel.open(ledger, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(entry.line().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /** The complete lines of the ledger (a line torn by a kill has no newline and is not a completed record). */
    static List<Entry> readLedger(Path ledger) throws IOException {
        if (!Files.exists(ledger)) {
            return List.of();
        }
        String text = Files.readString(ledger, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        List<Entry> out = new ArrayList<>();
        if (end < 0) {
            return out;
        }
        for (String line : text.substring(0, end).split("\n")) {
            if (!line.isEmpty()) {
                out.add(Entry.parse(line));
            }
        }
        return out;
    }

    /** Cuts a torn last line off, so the next writer starts on a fresh line. */
    static void dropTornTail(Path ledger) throws IOException {
        if (!Files.exists(ledger)) {
            return;
        }
        byte[] all = Files.readAllBytes(ledger);
        int keep = all.length;
        while (keep > 0 && all[keep - 1] != '\n') {
            keep--;
        }
        if (keep != all.length) {
            try (FileChannel ch = FileChannel.open(ledger, StandardOpenOption.WRITE)) {
                ch.truncate(keep);
                ch.force(true);
            }
        }
    }
}
