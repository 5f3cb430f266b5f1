package io.kamaros.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.Trees;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded import fuzz test: {@link ImportFuzzMain} imports mutated archives in a child JVM
 * with a 128 MB heap. Every archive gives a typed JcfException or an import that verifies clean;
 * nothing is written outside the target; the temporary folder stays small. {@code
 * -Dkamaros.fuzz.seed} (default 20261206) and {@code -Dkamaros.fuzz.count} (default 2,000;
 * nightly 50,000) choose the run. On Linux the sandbox is in /dev/shm (the fuzzer exercises the
 * import's checks, not the disk's speed; fsyncs there cost nothing).
 */
class ImportFuzzTest {

    @Test
    void mutatedArchivesGiveTypedErrorsOrCleanImports(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("kamaros.fuzz.seed", 20261206L);
        int count = Integer.getInteger("kamaros.fuzz.count", 2_000);
        Path shm = Path.of("/dev/shm");
        Path work = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "kamaros-fuzz-")
                : dir.resolve("fuzz");
        try {
            String cp = System.getProperty("kamaros.test.classpath", "");
            String full = cp.isEmpty() ? System.getProperty("java.class.path")
                    : cp + File.pathSeparator + System.getProperty("java.class.path");
            Path tmp = work.resolve("sandbox/java-tmp"); // inside the watched sandbox, outside the target
            Files.createDirectories(tmp);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp,
                    "-cp", full, ImportFuzzMain.class.getName(), Long.toString(seed), Integer.toString(count), work.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
            System.out.println("[import fuzz] seed " + seed + ", " + count + " archives, -Xmx128m:\n"
                    + out.lines().filter(l -> l.startsWith("RESULT") || l.startsWith("BAD")).limit(60)
                    .reduce("", (a, b) -> a + "  " + b + "\n"));
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).doesNotContain("OutOfMemoryError").doesNotContain("BAD ");
            Matcher m = Pattern.compile("RESULT archives (\\d+) imported (\\d+) refused (\\d+) bad (\\d+) ms \\d+ maxTempBytes (\\d+)")
                    .matcher(out);
            assertThat(m.find()).as(out).isTrue();
            int imported = Integer.parseInt(m.group(2));
            int refused = Integer.parseInt(m.group(3));
            assertThat(imported + refused).isEqualTo(count);
            assertThat(Integer.parseInt(m.group(4))).isZero();
            // the archives are a few KB: the import's temporary folder never holds more than a few times that
            assertThat(Long.parseLong(m.group(5))).isLessThan(1L << 20);
            // both outcomes occur: the mutations are neither all harmless nor all fatal
            assertThat(imported).isPositive();
            assertThat(refused).isPositive();
        } finally {
            Trees.deleteTree(work);
        }
    }
}
