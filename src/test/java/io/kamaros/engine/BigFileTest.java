package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.store.FileAdapter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small change to a big binary file costs about the size of the change, and big files stream. */
class BigFileTest {

    private static long storeBytes(Path project) throws IOException {
        try (Stream<Path> files = Files.walk(project.resolve(".store"))) {
            return files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".jsonl"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void editInTheMiddleOfABigFileStoresAboutTheChange(@TempDir Path dir) throws Exception {
        Path project = dir.resolve("project");
        byte[] data = new byte[24 * 1024 * 1024];
        new SplittableRandom(7).nextBytes(data);
        Files.createDirectories(project.resolve("content"));
        Path file = project.resolve("content/scene.blend");
        Files.write(file, data);
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new FileAdapter(project));
            String v1 = jcf.saveCheckpoint("scene");
            long before = storeBytes(project);
            assertThat(before).isBetween((long) data.length, data.length + 2L * 1024 * 1024);

            byte[] patch = new byte[512 * 1024];
            new SplittableRandom(8).nextBytes(patch);
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.seek(data.length / 2);
                raf.write(patch);
            }
            String v2 = jcf.saveCheckpoint("edit the middle");
            long growth = storeBytes(project) - before;
            // the change plus at most a couple of 256 KiB chunks at its edges and the recipe
            assertThat(growth).isBetween((long) patch.length, patch.length + 1024L * 1024);

            System.arraycopy(patch, 0, data, data.length / 2, patch.length);
            try (InputStream in = jcf.streamFile("scene.blend", v2)) {
                assertThat(sha256(in)).isEqualTo(sha256(new ByteArrayInputStream(data)));
            }
            jcf.restoreVersion(v1);
            try (InputStream in = Files.newInputStream(file); InputStream old = jcf.streamFile("scene.blend", v1)) {
                assertThat(sha256(in)).isEqualTo(sha256(old));
            }
        }
    }
}
