package io.kamaros.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.objects.BlobStore;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest listing very many versions (under the manifest size limit) imported by a JVM with a
 * small heap: a typed refusal or a success, never an OutOfMemoryError. The case was
 * 1,000,000 versions (187 MB) at -Xmx256m; by default this runs 200,000 versions (about 38 MB) at
 * -Xmx64m, the same ratio of manifest to heap. {@code -Dkamaros.hugeManifest.versions=1000000
 * -Dkamaros.hugeManifest.heap=256m} is the nightly size.
 */
class HugeManifestTest {
    static final String HELLO = "hello\n";
    static final String HELLO_HASH = BlobStore.sha256Hex(HELLO.getBytes(StandardCharsets.UTF_8));

    /** An archive whose manifest lists {@code versions} versions in a chain, each holding one small file. */
    static void write(Path archive, int versions) throws IOException {
        try (OutputStream fo = new BufferedOutputStream(Files.newOutputStream(archive), 1 << 16);
             ZipOutputStream zip = new ZipOutputStream(fo, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("mimetype"));
            zip.write("application/x-jcf".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(".store/blobs/" + HELLO_HASH));
            zip.write(HELLO.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("manifest.json"));
            StringBuilder sb = new StringBuilder("{\"formatVersion\":\"1.0.0\",\"metadata\":{\"name\":\"huge\"},\"versionHistory\":[");
            for (int i = 0; i < versions; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append("{\"id\":\"v").append(i).append("\",\"parentId\":").append(i == 0 ? "null" : "\"v" + (i - 1) + "\"")
                        .append(",\"timestamp\":\"2026-01-01T00:00:00Z\",\"message\":\"m").append(i)
                        .append("\",\"author\":\"a\",\"fileStates\":{\"a.txt\":{\"inodeId\":\"i1\",\"path\":\"a.txt\",\"hash\":\"")
                        .append(HELLO_HASH).append("\",\"size\":6,\"type\":\"text\"}}}");
                if (sb.length() > 1 << 16) {
                    zip.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                    sb.setLength(0);
                }
            }
            sb.append("],\"refs\":{\"head\":\"v").append(versions - 1).append("\"}}");
            zip.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    static String runChild(String heap, String... args) throws Exception {
        String cp = System.getProperty("kamaros.test.classpath", "");
        String full = cp.isEmpty() ? System.getProperty("java.class.path")
                : cp + File.pathSeparator + System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", full, ImportChildMain.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return "exit " + p.exitValue() + "\n" + out;
    }

    @Test
    void aHugeManifestIsATypedRefusalOrASuccessNeverAnOutOfMemoryError(@TempDir Path dir) throws Exception {
        int versions = Integer.getInteger("kamaros.hugeManifest.versions", 200_000);
        String heap = System.getProperty("kamaros.hugeManifest.heap", "64m");
        Path archive = dir.resolve("huge.jcf");
        write(archive, versions);
        Path target = dir.resolve("target");
        String out = runChild(heap, archive.toString(), target.toString());
        System.out.println("[huge manifest] " + versions + " versions, archive " + Files.size(archive) + " bytes, -Xmx"
                + heap + ": " + out.lines().filter(l -> l.startsWith("RESULT") || l.startsWith("TIME") || l.startsWith("exit"))
                .map(l -> l.length() > 300 ? l.substring(0, 300) : l).toList());
        assertThat(out).doesNotContain("OutOfMemoryError").startsWith("exit 0");
        assertThat(out).containsPattern("RESULT (ok " + versions + "|refused VALIDATION_ERROR .*memory)");
        if (out.contains("RESULT refused")) {
            assertThat(ContainerTestSupport.filesUnder(target.resolve("content"))).isEmpty();
            assertThat(ContainerTestSupport.filesUnder(target.resolve(".store/temp"))).isEmpty();
        }
    }
}
