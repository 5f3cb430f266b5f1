package io.kamaros.bench;

import io.kamaros.engine.objects.pack.PackFormat;
import io.kamaros.engine.objects.pack.PackReader;
import io.kamaros.engine.objects.pack.PackWriter;
import io.kamaros.engine.store.FileAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The storage layer alone: writes the objects a first checkpoint of a random file makes (stored raw,
 * as random data is) either one file per object, as the blob store does today, or into packs. Run it
 * under {@code strace -f -c -e trace=fsync,fdatasync,rename,openat} to count the system calls.
 *
 * <pre>java -cp "target/classes:target/test-classes:target/lib/*" io.kamaros.bench.PackWriteMain loose|packs DIR [MiB] [objectKiB] [packMiB]</pre>
 *
 * {@code packMiB} (default {@link PackFormat#TARGET_PACK_BYTES}) is the size packs are sealed at: how the target
 * size was chosen (32 vs 64 MiB).
 */
public final class PackWriteMain {
    private PackWriteMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean packs = args[0].equals("packs");
        Path dir = Path.of(args[1]);
        int mib = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int objectKib = args.length > 3 ? Integer.parseInt(args[3]) : 73; // 256 MiB / 73 KiB ≈ 3,590 objects, as FastCDC cuts it
        long packBytes = args.length > 4 ? (long) Integer.parseInt(args[4]) << 20 : PackFormat.TARGET_PACK_BYTES;
        List<byte[]> bodies = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Random random = new Random(1);
        long total = (long) mib << 20;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (long done = 0; done < total; ) {
            int len = (int) Math.min((long) objectKib << 10, total - done);
            byte[] body = new byte[4 + len];
            random.nextBytes(body);
            body[0] = 'K';
            body[1] = 'B';
            body[2] = 1;
            body[3] = 'R';
            bodies.add(body);
            ids.add("chunks/" + HexFormat.of().formatHex(sha.digest(body)));
            done += len;
        }
        FileAdapter adapter = new FileAdapter(dir, true, true);
        adapter.init();
        long start = System.nanoTime();
        if (packs) {
            try (PackWriter w = new PackWriter(adapter, packBytes)) {
                for (int i = 0; i < bodies.size(); i++) {
                    w.add(ids.get(i), bodies.get(i));
                }
                w.finish();
            }
        } else {
            for (int i = 0; i < bodies.size(); i++) {
                adapter.writeFile(".store/" + ids.get(i), bodies.get(i));
            }
        }
        adapter.sync();
        long ms = (System.nanoTime() - start) / 1_000_000;
        long files;
        try (Stream<Path> walk = Files.walk(dir.resolve(".store"))) {
            files = walk.filter(Files::isRegularFile).count();
        }
        // Read every object back (warm page cache): one positioned read each from packs, one file each loose.
        long readStart = System.nanoTime();
        long read = 0;
        PackReader reader = packs ? PackReader.open(adapter) : null;
        for (String id : ids) {
            read += (reader != null ? reader.read(id) : adapter.readFile(".store/" + id)).length;
        }
        long readMs = (System.nanoTime() - readStart) / 1_000_000;
        System.out.printf("%s (packs of %d MiB): %d objects, %d MiB written in %d ms; %d files under .store; read back (%d bytes) in %d ms%n",
                packs ? "packs" : "loose", packBytes >> 20, bodies.size(), mib, ms, files, read, readMs);
    }
}
