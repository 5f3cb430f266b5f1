package io.kamaros.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The W1 source-like workload of {@link SideBySideBenchmark}, shared with the remote benchmark
 * ({@code io.kamaros.engine.RemotePushMain}): text files of 0.5–17 KB in a module/package tree, then per version
 * 1–6 files get small edits, with an add (30%), a delete (15%) and a rename (10%) now and then. Deterministic for
 * one seed.
 */
public final class W1Workload {
    private static final int KB = 1024;

    private final Path work;
    private final SplittableRandom rnd;
    private final List<String> paths = new ArrayList<>();
    private int next;
    int edited;
    int added;
    int deleted;
    int renamed;

    public W1Workload(Path work, long seed) {
        this.work = work;
        this.rnd = new SplittableRandom(seed);
    }

    /** Writes the first {@code files} files; returns their bytes. */
    public long create(int files) throws IOException {
        long bytes = 0;
        for (; next < files; next++) {
            String f = path(rnd, next);
            bytes += writeText(work.resolve(f), rnd);
            paths.add(f);
        }
        return bytes;
    }

    /** The edits that make version {@code v} (2, 3, …) from the one before. */
    public void edit(int v) throws IOException {
        int n = 1 + rnd.nextInt(6);
        for (String f : pick(rnd, paths, n)) {
            Path p = work.resolve(f);
            for (int e = 1 + rnd.nextInt(3); e > 0; e--) {
                if (rnd.nextBoolean()) {
                    insertLine(p, rnd, "v" + v);
                } else {
                    replaceLine(p, rnd, "v" + v);
                }
            }
            edited++;
        }
        if (rnd.nextInt(100) < 30) {
            String f = path(rnd, next++);
            writeText(work.resolve(f), rnd);
            paths.add(f);
            added++;
        }
        if (rnd.nextInt(100) < 15) {
            String f = paths.remove(rnd.nextInt(paths.size()));
            Files.delete(work.resolve(f));
            deleted++;
        }
        if (rnd.nextInt(100) < 10) {
            int i = rnd.nextInt(paths.size());
            String from = paths.get(i);
            String to = path(rnd, next++);
            Files.createDirectories(work.resolve(to).getParent());
            Files.move(work.resolve(from), work.resolve(to));
            paths.set(i, to);
            renamed++;
        }
    }

    /** The files of the current version, as project paths. */
    public List<String> paths() {
        return List.copyOf(paths);
    }

    public String summary() {
        return edited + " files edited, " + added + " added, " + deleted + " deleted, " + renamed + " renamed";
    }

    private static final String[] EXT = {".java", ".java", ".java", ".java", ".kt", ".xml", ".md", ".json",
            ".properties", ".ts", ".css", ".txt"};

    static String path(SplittableRandom r, int i) {
        StringBuilder dir = new StringBuilder("src/module" + r.nextInt(10) + "/pkg" + r.nextInt(8));
        for (int d = r.nextInt(3); d > 0; d--) {
            dir.append("/sub").append(r.nextInt(5));
        }
        return dir + "/File" + i + EXT[r.nextInt(EXT.length)];
    }

    /** Writes a source-like file of 0.5–17 KB (skewed small; mean ≈ 6.2 KB); returns its size. */
    static long writeText(Path file, SplittableRandom r) throws IOException {
        double u = r.nextDouble();
        int size = 512 + (int) (u * u * 17 * KB);
        byte[] data = EngineScenarioBenchmark.textBytes(r, size, file.getFileName().toString());
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        return data.length;
    }

    private static void insertLine(Path file, SplittableRandom r, String why) throws IOException {
        byte[] data = Files.readAllBytes(file);
        int at = data.length == 0 ? 0 : r.nextInt(data.length);
        while (at > 0 && data[at - 1] != '\n') {
            at--;
        }
        byte[] line = ("        counter.put(\"" + why + "\", " + r.nextInt(1_000_000) + ");\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[data.length + line.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(line, 0, out, at, line.length);
        System.arraycopy(data, at, out, at + line.length, data.length - at);
        Files.write(file, out);
    }

    private static void replaceLine(Path file, SplittableRandom r, String why) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int i = lines.size() <= 3 ? 0 : 2 + r.nextInt(lines.size() - 3);
        lines.set(i, "        result = compute(" + r.nextInt(1_000_000) + "); // " + why);
        Files.writeString(file, String.join("\n", lines), StandardCharsets.US_ASCII);
    }

    static <T> List<T> pick(SplittableRandom r, List<T> from, int n) {
        List<T> copy = new ArrayList<>(from);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n && !copy.isEmpty(); i++) {
            out.add(copy.remove(r.nextInt(copy.size())));
        }
        return out;
    }
}
