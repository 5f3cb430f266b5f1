package io.kamaros.bench;

import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.objects.ObjectCipher;
import io.kamaros.engine.objects.ProjectKey;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Cost of encryption at rest: first checkpoint, incremental checkpoint and restore of the oldest
 * version, on disk, plain vs encrypted, alternating runs, medians. Also one PBKDF2 derivation at
 * the 600,000-iteration default (paid once per open).
 *
 * <pre>mvn -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.kamaros.bench.EncryptionOverheadMain [-Dexec.args="--quick"]</pre>
 */
public final class EncryptionOverheadMain {
    private EncryptionOverheadMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        int textFiles = quick ? 100 : 400;
        int binFiles = quick ? 10 : 40;
        int reps = quick ? 1 : 3;
        int r0 = Arrays.asList(args).indexOf("--reps");
        if (r0 >= 0) {
            reps = Integer.parseInt(args[r0 + 1]);
        }
        Path base = Files.createTempDirectory("kamaros-enc-bench");
        try {
            for (int i = 0; i < 2; i++) {
                long t0 = System.nanoTime();
                ProjectKey.create("password".toCharArray());
                System.out.printf("PBKDF2-HMAC-SHA256, 600,000 iterations (once per open / create), %s: %.0f ms%n",
                        i == 0 ? "cold JVM" : "warm", (System.nanoTime() - t0) / 1e6);
            }
            cipherThroughput();
            // The open of each run below uses 1,000 iterations, so it does not pollute the timings.
            System.setProperty(ProjectKey.TEST_ITERATIONS_PROPERTY, "1000");

            long[][] plain = new long[reps][];
            long[][] enc = new long[reps][];
            long bytes = 0;
            for (int r = 0; r < reps; r++) {
                for (boolean encrypted : new boolean[]{false, true}) {
                    Path dir = base.resolve((encrypted ? "enc" : "plain") + r);
                    long[] t = new long[3];
                    bytes = run(dir, encrypted, textFiles, binFiles, t);
                    (encrypted ? enc : plain)[r] = t;
                    delete(dir);
                }
            }
            String[] names = {"first checkpoint", "incremental checkpoint (20 files)", "restore oldest of 10 versions"};
            System.out.printf("project: %d text files, %d binaries, %.1f MB; %d run(s) each, medians%n", textFiles, binFiles,
                    bytes / 1e6, reps);
            for (int i = 0; i < 3; i++) {
                long p = median(plain, i);
                long e = median(enc, i);
                System.out.printf("%-36s plain %7.1f ms (%6.1f MB/s)   encrypted %7.1f ms (%6.1f MB/s)   ratio %.2f%n",
                        names[i], p / 1e6, i == 1 ? 0 : bytes / 1e6 / (p / 1e9), e / 1e6,
                        i == 1 ? 0 : bytes / 1e6 / (e / 1e9), (double) e / p);
            }
        } finally {
            delete(base);
        }
    }

    /** AES-256-GCM seal and open of 256 KiB objects in memory, next to SHA-256 (which every put and read pays). */
    private static void cipherThroughput() throws Exception {
        byte[] key = new byte[32];
        new SplittableRandom(1).nextBytes(key);
        ObjectCipher cipher = new ObjectCipher(key);
        byte[] obj = new byte[256 * 1024];
        new SplittableRandom(2).nextBytes(obj);
        String id = "chunks/" + "ab".repeat(32);
        int n = 1024; // 256 MiB
        for (int warm = 0; warm < 2; warm++) {
            long seal = 0;
            long open = 0;
            long sha = 0;
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                byte[] sealed = cipher.seal(obj, id);
                seal += System.nanoTime() - t;
                t = System.nanoTime();
                cipher.open(sealed, id);
                open += System.nanoTime() - t;
                t = System.nanoTime();
                MessageDigest.getInstance("SHA-256").digest(obj);
                sha += System.nanoTime() - t;
            }
            double mb = n * (double) obj.length / 1e6;
            if (warm == 1) {
                System.out.printf("in memory, 256 KiB objects: AES-256-GCM seal %.0f MB/s, open %.0f MB/s; SHA-256 %.0f MB/s%n",
                        mb / (seal / 1e9), mb / (open / 1e9), mb / (sha / 1e9));
            }
        }
    }

    private static long run(Path dir, boolean encrypted, int textFiles, int binFiles, long[] times) throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        long total = 0;
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("bench").build())) {
            if (encrypted) {
                jcf.init(new FileAdapter(dir), "password".toCharArray());
            } else {
                jcf.init(new FileAdapter(dir));
            }
            Path content = dir.resolve("content");
            List<Path> texts = new ArrayList<>();
            for (int i = 0; i < textFiles; i++) {
                StringBuilder sb = new StringBuilder();
                for (int line = 0; line < 400; line++) {
                    sb.append("file ").append(i).append(" line ").append(line).append(' ').append(rnd.nextInt()).append('\n');
                }
                Path f = content.resolve("text/" + (i % 20) + "/f" + i + ".txt");
                Files.createDirectories(f.getParent());
                Files.writeString(f, sb);
                texts.add(f);
                total += Files.size(f);
            }
            for (int i = 0; i < binFiles; i++) {
                byte[] b = new byte[(i % 4 == 0 ? 2_000_000 : 300_000)];
                rnd.nextBytes(b);
                Path f = content.resolve("bin/b" + i + ".dat");
                Files.createDirectories(f.getParent());
                Files.write(f, b);
                total += b.length;
            }
            long t = System.nanoTime();
            String first = jcf.saveCheckpoint("first");
            times[0] = System.nanoTime() - t;
            long inc = 0;
            for (int v = 1; v < 10; v++) {
                for (int k = 0; k < 20; k++) {
                    Path f = texts.get(rnd.nextInt(texts.size()));
                    List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
                    lines.set(rnd.nextInt(lines.size()), "edited in version " + v);
                    Files.write(f, lines, StandardCharsets.UTF_8);
                }
                t = System.nanoTime();
                jcf.saveCheckpoint("v" + v);
                inc += System.nanoTime() - t;
            }
            times[1] = inc / 9;
            t = System.nanoTime();
            jcf.restoreVersion(first, RestoreOptions.builder().force(true).build());
            times[2] = System.nanoTime() - t;
        }
        return total;
    }

    private static long median(long[][] runs, int i) {
        long[] v = Arrays.stream(runs).mapToLong(r -> r[i]).sorted().toArray();
        return v[v.length / 2];
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
