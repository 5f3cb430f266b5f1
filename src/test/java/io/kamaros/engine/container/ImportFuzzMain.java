package io.kamaros.engine.container;

import static io.kamaros.Trees.deleteTree;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The seeded import fuzzer, run in a child JVM with a small heap by {@link ImportFuzzTest}:
 * {@code args = seed count workdir}. Each of {@code count} archives is a valid base archive with
 * one or two mutations (byte flips, truncation, duplicated / renamed / reordered / dropped /
 * added entries, changed sizes, CRCs and compression methods, oversized declared sizes, JSON
 * mutations of manifest.json and of its version records, a stray journal with mutated lines),
 * imported into a new project in a sandbox folder. Each must give a typed JcfException or a
 * success that verifies clean with every version's bytes right; nothing may appear in the sandbox
 * outside the target. Prints {@code RESULT} lines (counts by outcome and error code, the largest
 * temporary folder seen) and one {@code BAD} line per violation.
 */
public final class ImportFuzzMain {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] KINDS = {"flip", "truncate", "duplicate", "rename", "reorder", "size", "crc", "method",
        "oversize", "json", "versions", "drop", "inject", "double"};

    private ImportFuzzMain() {
    }

    /** One entry as written: name, method (0 stored, 8 deflated), uncompressed bytes. */
    record Entry(String name, int method, byte[] data) {
    }

    /** Offsets of what a header mutation may change, recorded while building. */
    record Built(byte[] bytes, List<Integer> local, List<Integer> central) {
    }

    static List<Entry> entries(byte[] zip) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.add(new Entry(e.getName(), e.getMethod() == ZipEntry.STORED ? 0 : 8, in.readAllBytes()));
            }
        }
        return out;
    }

    /** A ZIP writer that allows what ZipOutputStream refuses (duplicate names, any method number). */
    static Built build(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream cen = new ByteArrayOutputStream();
        List<Integer> local = new ArrayList<>();
        List<Integer> central = new ArrayList<>();
        for (Entry e : entries) {
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            byte[] body = e.method() == 8 ? deflate(e.data()) : e.data();
            CRC32 crc = new CRC32();
            crc.update(e.data());
            int offset = out.size();
            local.add(offset);
            ByteBuffer h = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0800).putShort((short) e.method()).putShort((short) 0)
                    .putShort((short) 0x21).putInt((int) crc.getValue()).putInt(body.length).putInt(e.data().length)
                    .putShort((short) name.length).putShort((short) 0);
            out.writeBytes(h.array());
            out.writeBytes(name);
            out.writeBytes(body);
            central.add(cen.size());
            ByteBuffer c = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
            c.putInt(0x02014b50).putShort((short) (3 << 8 | 20)).putShort((short) 20).putShort((short) 0x0800)
                    .putShort((short) e.method()).putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue())
                    .putInt(body.length).putInt(e.data().length).putShort((short) name.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0100644 << 16).putInt(offset);
            cen.writeBytes(c.array());
            cen.writeBytes(name);
        }
        int cenOffset = out.size();
        for (int i = 0; i < central.size(); i++) {
            central.set(i, central.get(i) + cenOffset);
        }
        out.writeBytes(cen.toByteArray());
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt(cen.size()).putInt(cenOffset).putShort((short) 0);
        out.writeBytes(end.array());
        return new Built(out.toByteArray(), local, central);
    }

    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- mutations

    static byte[] mutate(List<Entry> base, SplittableRandom r, String kind) throws IOException {
        try {
            return mutateOnce(base, r, kind);
        } catch (JacksonException | ClassCastException notJson) {
            // a manifest already broken by an earlier mutation: damage its text instead
            List<Entry> es = new ArrayList<>(base);
            int m = manifestIndex(es);
            if (m >= 0) {
                es.set(m, new Entry(es.get(m).name(), es.get(m).method(), mutateText(es.get(m).data(), r)));
            }
            return build(es).bytes();
        }
    }

    static byte[] mutateOnce(List<Entry> base, SplittableRandom r, String kind) throws IOException {
        List<Entry> es = new ArrayList<>(base);
        switch (kind) {
            case "flip": {
                byte[] b = build(es).bytes();
                for (int n = 1 + r.nextInt(8); n > 0; n--) {
                    b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                }
                return b;
            }
            case "truncate": {
                byte[] b = build(es).bytes();
                return Arrays.copyOf(b, r.nextInt(b.length));
            }
            case "duplicate": {
                Entry e = es.get(r.nextInt(es.size()));
                Entry copy = r.nextBoolean() ? e : new Entry(e.name(), e.method(), mutateBytes(e.data(), r));
                es.add(r.nextInt(es.size() + 1), copy);
                return build(es).bytes();
            }
            case "rename": {
                int i = r.nextInt(es.size());
                Entry e = es.get(i);
                String[] choices = {es.get(r.nextInt(es.size())).name(), e.name().toUpperCase(), "../" + e.name(),
                    "/" + e.name(), e.name() + "/", e.name().replace('/', '\\'), "content/../" + e.name(),
                    e.name().substring(0, Math.max(0, e.name().length() - 1)), "content/" + e.name(), e.name() + "\u0000",
                    ".store/blobs/" + "0".repeat(64), "content/CON", "content/a:b", "C:/x"};
                es.set(i, new Entry(choices[r.nextInt(choices.length)], e.method(), e.data()));
                return build(es).bytes();
            }
            case "reorder": {
                for (int i = es.size() - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    Entry t = es.get(i);
                    es.set(i, es.get(j));
                    es.set(j, t);
                }
                return build(es).bytes();
            }
            case "drop":
                es.remove(r.nextInt(es.size()));
                return build(es).bytes();
            case "size", "crc", "method", "oversize": {
                Built b = build(es);
                byte[] bytes = b.bytes();
                int i = r.nextInt(es.size());
                boolean central = r.nextBoolean();
                int h = central ? b.central().get(i) : b.local().get(i);
                int crcAt = h + (central ? 16 : 14);
                int csizeAt = crcAt + 4;
                int sizeAt = crcAt + 8;
                ByteBuffer w = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                switch (kind) {
                    case "size" -> {
                        int at = r.nextBoolean() ? sizeAt : csizeAt;
                        int old = w.getInt(at);
                        int[] values = {old + 1, old - 1, 0, r.nextInt(), old * 2, old / 2};
                        w.putInt(at, values[r.nextInt(values.length)]);
                    }
                    case "crc" -> w.putInt(crcAt, w.getInt(crcAt) ^ (1 + r.nextInt(Integer.MAX_VALUE)));
                    case "method" -> {
                        int[] methods = {0, 8, 9, 12, 14, 93, 99, r.nextInt(65536)};
                        w.putShort(h + (central ? 10 : 8), (short) methods[r.nextInt(methods.length)]);
                    }
                    default -> {
                        int[] values = {-1, Integer.MAX_VALUE, 0x7fff_fff0, 1 << 30, 300_000_000};
                        w.putInt(r.nextBoolean() ? sizeAt : csizeAt, values[r.nextInt(values.length)]);
                    }
                }
                return bytes;
            }
            case "json": {
                int m = manifestIndex(es);
                if (m < 0) {
                    return build(es).bytes();
                }
                byte[] json = es.get(m).data();
                byte[] mutated;
                if (r.nextInt(4) == 0) {
                    mutated = mutateText(json, r); // raw: broken syntax, odd characters, cut
                } else {
                    JsonNode root = JSON.readTree(json);
                    mutateTree(root, r, 1 + r.nextInt(3));
                    mutated = JSON.writeValueAsBytes(root);
                }
                es.set(m, new Entry(es.get(m).name(), es.get(m).method(), mutated));
                return build(es).bytes();
            }
            case "versions": {
                int m = manifestIndex(es);
                if (m < 0) {
                    return build(es).bytes();
                }
                ObjectNode root = (ObjectNode) JSON.readTree(es.get(m).data());
                JsonNode history = root.get("versionHistory");
                if (history instanceof ArrayNode versions && versions.size() > 0) {
                    mutateVersions(versions, r);
                }
                es.set(m, new Entry(es.get(m).name(), es.get(m).method(), JSON.writeValueAsBytes(root)));
                return build(es).bytes();
            }
            case "inject": {
                int m = manifestIndex(es);
                String[] names = {".store/versions.jsonl", ".store/journal.jsonl", "content/extra.txt", ".store/blobs/"
                        + BlobStore.sha256Hex(new byte[] {1}), ".store/deltas/x.patch", "notes/readme", ".store/lock",
                    ".store/temp/import-1/content/a", ".store/import-pending.json"};
                String name = names[r.nextInt(names.length)];
                byte[] data;
                if (name.endsWith(".jsonl") && m >= 0) {
                    // journal lines: the archive's versions as lines, then mutated
                    StringBuilder sb = new StringBuilder();
                    JsonNode h = JSON.readTree(es.get(m).data()).get("versionHistory");
                    if (h != null) {
                        for (JsonNode v : h) {
                            sb.append(JSON.writeValueAsString(v)).append('\n');
                        }
                    }
                    data = mutateText(sb.toString().getBytes(StandardCharsets.UTF_8), r);
                } else {
                    data = new byte[r.nextInt(64)];
                    r.nextBytes(data);
                }
                es.add(r.nextInt(es.size() + 1), new Entry(name, r.nextBoolean() ? 0 : 8, data));
                return build(es).bytes();
            }
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    static int manifestIndex(List<Entry> es) {
        for (int i = 0; i < es.size(); i++) {
            if (es.get(i).name().equals("manifest.json") || es.get(i).name().equals(".store/manifest.json")) {
                return i;
            }
        }
        return -1;
    }

    static byte[] mutateBytes(byte[] data, SplittableRandom r) {
        byte[] b = data.clone();
        if (b.length > 0) {
            b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
        }
        return b;
    }

    static byte[] mutateText(byte[] text, SplittableRandom r) {
        String s = new String(text, StandardCharsets.UTF_8);
        if (s.isEmpty()) {
            return "{".getBytes(StandardCharsets.UTF_8);
        }
        int at = r.nextInt(s.length());
        String[] inserts = {"\"", "{", "}", "[", "]", ",", ":", "null", "\u0000", "\\u0000", "1e999", "-", "\n", "\uFFFF", ""};
        return switch (r.nextInt(4)) {
            case 0 -> (s.substring(0, at) + inserts[r.nextInt(inserts.length)] + s.substring(at)).getBytes(StandardCharsets.UTF_8);
            case 1 -> s.substring(0, at).getBytes(StandardCharsets.UTF_8);
            case 2 -> (s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + r.nextInt(20)))).getBytes(StandardCharsets.UTF_8);
            default -> mutateBytes(text, r);
        };
    }

    static JsonNode randomValue(SplittableRandom r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (r.nextInt(10)) {
            case 0 -> f.nullNode();
            case 1 -> f.numberNode(r.nextLong());
            case 2 -> f.numberNode(-1);
            case 3 -> f.textNode("");
            case 4 -> f.textNode("../../etc/passwd");
            case 5 -> f.booleanNode(r.nextBoolean());
            case 6 -> f.arrayNode().add(1).add("x");
            case 7 -> f.objectNode().put("k", "v");
            case 8 -> f.textNode("9".repeat(40));
            default -> f.textNode("2.0.0");
        };
    }

    /** Changes {@code n} random places of the tree: a value replaced, a member removed or added, an array element dropped. */
    static void mutateTree(JsonNode root, SplittableRandom r, int n) {
        for (int k = 0; k < n; k++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            JsonNode c = containers.get(r.nextInt(containers.size()));
            if (c instanceof ObjectNode o && o.size() > 0) {
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                String name = names.get(r.nextInt(names.size()));
                switch (r.nextInt(3)) {
                    case 0 -> o.remove(name);
                    case 1 -> o.set(name, randomValue(r));
                    default -> o.set(name + (r.nextBoolean() ? "" : "_x"), o.get(name).deepCopy());
                }
            } else if (c instanceof ArrayNode a && a.size() > 0) {
                int i = r.nextInt(a.size());
                switch (r.nextInt(3)) {
                    case 0 -> a.remove(i);
                    case 1 -> a.set(i, randomValue(r));
                    default -> a.insert(i, a.get(i).deepCopy());
                }
            }
        }
    }

    static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    /** Mutations aimed at the history: order, parents, ids, file states. */
    static void mutateVersions(ArrayNode versions, SplittableRandom r) {
        int i = r.nextInt(versions.size());
        ObjectNode v = (ObjectNode) versions.get(i);
        switch (r.nextInt(9)) {
            case 0 -> versions.remove(i); // a version missing (its children lose their parent)
            case 1 -> { // swap two versions (child before parent)
                int j = r.nextInt(versions.size());
                JsonNode t = versions.get(i);
                versions.set(i, versions.get(j));
                versions.set(j, t);
            }
            case 2 -> v.put("parentId", r.nextBoolean() ? v.path("id").asText() : "nope"); // self-parent or unknown
            case 3 -> versions.add(v.deepCopy()); // duplicated id
            case 4 -> v.put("id", r.nextBoolean() ? "" : "a/b");
            case 5 -> v.put("timestamp", r.nextBoolean() ? "yesterday" : "99999-01-01T00:00:00Z");
            default -> { // a file state: hash, size, path, inode, type changed
                JsonNode states = v.get("fileStates");
                if (states instanceof ObjectNode so && so.size() > 0) {
                    List<String> names = new ArrayList<>();
                    so.fieldNames().forEachRemaining(names::add);
                    JsonNode s = so.get(names.get(r.nextInt(names.size())));
                    if (s instanceof ObjectNode state) {
                        String[] fields = {"hash", "size", "path", "inodeId", "type", "contentRef", "deleted"};
                        String field = fields[r.nextInt(fields.length)];
                        switch (field) {
                            case "hash" -> state.put("hash", BlobStore.sha256Hex(new byte[] {(byte) r.nextInt()}));
                            case "size" -> state.put("size", r.nextBoolean() ? -5 : r.nextLong());
                            case "path" -> state.put("path", r.nextBoolean() ? "../x" : "other.txt");
                            case "inodeId" -> state.put("inodeId", r.nextBoolean() ? "" : "shared");
                            case "type" -> state.put("type", "weird");
                            case "contentRef" -> state.put("contentRef", ".store/deltas/../../x.patch");
                            default -> state.put("deleted", true);
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- bases

    static List<List<Entry>> bases() throws IOException {
        List<List<Entry>> out = new ArrayList<>();
        ByteArrayOutputStream export = new ByteArrayOutputStream();
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new MemoryAdapter());
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                text.append("line ").append(i).append('\n');
            }
            jcf.addFile("notes.txt", text.toString());
            jcf.addFile("bin/data.bin", new byte[] {0, 1, 2, 3, (byte) 0xff, 0, 7});
            jcf.saveCheckpoint("first");
            jcf.addFile("notes.txt", text.toString().replace("line 30", "LINE 30"));
            jcf.moveFile("bin/data.bin", "bin/moved.bin");
            jcf.addFile("docs/a.md", "# A\n");
            jcf.saveCheckpoint("second");
            jcf.addFile("notes.txt", text.toString().replace("line 3\n", "line three\n"));
            jcf.removeFile("docs/a.md");
            jcf.saveCheckpoint("third");
            jcf.export(export);
        }
        out.add(entries(export.toByteArray()));
        out.add(entries(HostileImportTest.valid()));
        return out;
    }

    // ---------------------------------------------------------------- the run

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        int count = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]);
        Path in = work.resolve("in");
        Path sandbox = work.resolve("sandbox");
        Files.createDirectories(in);
        Files.createDirectories(sandbox);
        List<List<Entry>> bases = bases();
        Map<String, Integer> outcomes = new TreeMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        int ok = 0;
        int refused = 0;
        int bad = 0;
        long start = System.nanoTime();
        AtomicLong maxTemp = new AtomicLong();
        for (int i = 0; i < count; i++) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            List<Entry> base = bases.get(r.nextInt(bases.size()));
            String kind = KINDS[r.nextInt(KINDS.length)];
            byte[] archive;
            if (kind.equals("double")) {
                String first = KINDS[r.nextInt(KINDS.length - 1)];
                String second = KINDS[r.nextInt(KINDS.length - 1)];
                byte[] once = mutate(base, r, first);
                List<Entry> again;
                try {
                    again = entries(once);
                } catch (IOException | RuntimeException e) {
                    again = base;
                }
                archive = again.isEmpty() ? once : mutate(again, r, second);
                kind = "double:" + first + "+" + second;
            } else {
                archive = mutate(base, r, kind);
            }
            byKind.merge(kind.startsWith("double") ? "double" : kind, 1, Integer::sum);
            Path file = in.resolve("a.jcf");
            Files.write(file, archive);
            Path target = sandbox.resolve("p");
            String outcome;
            AtomicBoolean done = new AtomicBoolean();
            Thread watcher = new Thread(() -> {
                while (!done.get()) {
                    maxTemp.accumulateAndGet(sizeOf(target.resolve(".store/temp")), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            watcher.setDaemon(true);
            watcher.start();
            try (JcfManager jcf = new JcfManager()) {
                jcf.init(new FileAdapter(target));
                try {
                    if (i % 4 == 3) {
                        jcf.importData(new ByteArrayInputStream(archive), ImportOptions.defaults());
                    } else {
                        jcf.importData(file, ImportOptions.defaults());
                    }
                    String problem = checkImported(jcf);
                    if (problem == null) {
                        ok++;
                        outcome = "imported";
                    } else {
                        bad++;
                        outcome = "BAD";
                        System.out.println("BAD " + i + " " + kind + ": imported but " + problem);
                    }
                } catch (JcfException e) {
                    refused++;
                    outcome = e.code() + " (" + e.getClass().getSimpleName() + ")";
                    if (!jcf.getHistory().isEmpty() || !jcf.listFiles().isEmpty()) {
                        bad++;
                        System.out.println("BAD " + i + " " + kind + ": refused but the project is not empty");
                    }
                }
            } catch (JcfException e) {
                bad++;
                outcome = "BAD";
                System.out.println("BAD " + i + " " + kind + ": opening/closing failed: " + e);
            } catch (Throwable t) {
                bad++;
                outcome = "BAD";
                System.out.println("BAD " + i + " " + kind + ": untyped " + t);
                t.printStackTrace(System.out);
            } finally {
                done.set(true);
                watcher.join();
            }
            outcomes.merge(outcome, 1, Integer::sum);
            if (outcome.equals("BAD")) {
                Files.write(work.resolve("bad-" + i + ".jcf"), archive); // to reproduce it
            }
            // nothing outside the target; nothing of the import's own left inside it
            try (Stream<Path> s = Files.walk(sandbox)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    if (!p.startsWith(target)) {
                        bad++;
                        System.out.println("BAD " + i + " " + kind + ": wrote outside the target: " + sandbox.relativize(p));
                    }
                }
            }
            if (sizeOf(target.resolve(".store/temp")) > 0) {
                bad++;
                System.out.println("BAD " + i + " " + kind + ": temporary files left in the target");
            }
            deleteTree(target);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("RESULT archives " + count + " imported " + ok + " refused " + refused + " bad " + bad + " ms " + ms
                + " maxTempBytes " + maxTemp.get());
        outcomes.forEach((k, v) -> System.out.println("RESULT outcome " + k + " = " + v));
        byKind.forEach((k, v) -> System.out.println("RESULT mutation " + k + " = " + v));
    }

    /** Null when the project verifies clean and every file of every version reads back with its hash. */
    static String checkImported(JcfManager jcf) {
        VerificationReport report = jcf.verifyIntegrity();
        if (!report.valid()) {
            return "verify reports " + report.errors();
        }
        for (Version v : jcf.getHistory()) {
            for (FileState s : v.fileStates().values()) {
                byte[] data = jcf.getFileContent(s.path(), v.id());
                if (!BlobStore.sha256Hex(data).equals(s.hash())) {
                    return s.path() + " in " + v.id() + " reads back wrong";
                }
            }
        }
        return null;
    }

    static long sizeOf(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long size = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                try {
                    if (Files.isRegularFile(p)) {
                        size += Files.size(p);
                    }
                } catch (IOException gone) {
                    // removed while walked
                }
            }
        } catch (IOException | UncheckedIOException gone) {
            // removed while walked
        }
        return size;
    }
}
