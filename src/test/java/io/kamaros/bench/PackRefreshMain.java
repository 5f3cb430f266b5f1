package io.kamaros.bench;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.objects.pack.PackWriter;
import io.kamaros.engine.objects.pack.PackingAdapter;
import io.kamaros.engine.store.FileAdapter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What looking at {@code .store/packs} again before every write ({@code ProjectStore.refreshUnderLock}, so a
 * writer sees packs and deletions another process's GC made) costs with many packs: for each pack count, the
 * re-listing alone ({@link PackingAdapter#refresh()}, nothing new to take in), the check a writer makes under
 * its lock ({@link PackingAdapter#refreshUnderLock()}: the generation file, a listing only when it moved) and a
 * one-file checkpoint, medians and minimums. The packs beyond the project's own are planted: one small object
 * each, as an autosave's pack is.
 *
 * <pre>java -cp "target/classes:target/test-classes:&lt;runtime classpath&gt;" io.kamaros.bench.PackRefreshMain DIR [10,100,1000]</pre>
 */
public final class PackRefreshMain {
    private static final int REFRESHES = 200;
    private static final int CHECKPOINTS = 30;

    private PackRefreshMain() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        String counts = args.length > 1 ? args[1] : "10,100,1000";
        for (String count : counts.split(",")) {
            run(base.resolve("packs-" + count), Integer.parseInt(count.trim()));
        }
    }

    private static void run(Path dir, int packs) throws Exception {
        JcfConfig config = JcfConfig.builder().author("bench").build();
        try (JcfManager jcf = new JcfManager(config)) {
            jcf.init(new FileAdapter(dir));
            jcf.addFile("a.txt", "first\n");
            jcf.saveCheckpoint("first");
        }
        plant(new FileAdapter(dir), packs - 1);
        try (JcfManager jcf = new JcfManager(config)) {
            jcf.init(new FileAdapter(dir));
            PackingAdapter packing = new PackingAdapter(new FileAdapter(dir), true);
            long[] refresh = new long[REFRESHES];
            for (int i = 0; i < REFRESHES; i++) {
                long t = System.nanoTime();
                packing.refresh();
                refresh[i] = System.nanoTime() - t;
            }
            long[] check = new long[REFRESHES];
            packing.refreshUnderLock(); // the first one lists
            for (int i = 0; i < REFRESHES; i++) {
                long t = System.nanoTime();
                packing.refreshUnderLock();
                check[i] = System.nanoTime() - t;
            }
            packing.dispose();
            long[] checkpoint = new long[CHECKPOINTS];
            for (int i = 0; i < CHECKPOINTS; i++) {
                jcf.addFile("a.txt", "change " + i + "\n");
                long t = System.nanoTime();
                jcf.saveCheckpoint("change " + i);
                checkpoint[i] = System.nanoTime() - t;
            }
            System.out.printf("%,d packs (+1 per checkpoint): re-listing .store/packs median %.3f ms (min %.3f); "
                            + "check under the lock median %.3f ms (min %.3f); one-file checkpoint median %.1f ms (min %.1f)%n",
                    packs, median(refresh) / 1e6, min(refresh) / 1e6, median(check) / 1e6, min(check) / 1e6,
                    median(checkpoint) / 1e6, min(checkpoint) / 1e6);
        }
    }

    /** {@code n} sealed packs of one small object each. */
    private static void plant(FileAdapter adapter, int n) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < n; i++) {
            byte[] body = ("KB\u0001Rplanted object " + i).getBytes(StandardCharsets.ISO_8859_1);
            try (PackWriter w = new PackWriter(adapter)) {
                w.add("blobs/" + HexFormat.of().formatHex(sha.digest(body)), body);
                w.finish();
            }
        }
        adapter.sync();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElse(0);
    }
}
