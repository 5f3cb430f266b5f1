package io.kamaros.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.store.FileAdapter;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export and import stream: a 32 MB project (64 MB archive) goes through a JVM limited to a 16 MB heap. */
class BoundedMemoryTest {

    @Test
    void exportAndImportFitInAHeapSmallerThanTheProject(@TempDir Path dir) throws Exception {
        Path project = dir.resolve("big");
        byte[] data = new byte[32 << 20];
        new SplittableRandom(3).nextBytes(data);
        Files.createDirectories(project.resolve("content"));
        Files.write(project.resolve("content/huge.bin"), data);
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new FileAdapter(project));
            jcf.saveCheckpoint("huge");
        }
        data = null;

        String cp = System.getProperty("kamaros.test.classpath", "");
        String full = cp.isEmpty() ? System.getProperty("java.class.path")
                : cp + File.pathSeparator + System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", full, BoundedMemoryMain.class.getName(),
                project.toString(), dir.resolve("big.jcf").toString(), dir.resolve("copy").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("OK");
        assertThat(Files.size(dir.resolve("big.jcf"))).isGreaterThan(32L << 20);
        assertThat(Files.mismatch(project.resolve("content/huge.bin"), dir.resolve("copy/content/huge.bin"))).isEqualTo(-1);
    }
}
