package io.kamaros.engine.container;

import io.kamaros.engine.objects.BlobStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Archives of one version holding {@code n} one-byte files (each a content entry and a blob). */
final class ManyEntries {
    private ManyEntries() {
    }

    static void write(Path archive, int n) throws IOException {
        try (OutputStream fo = new BufferedOutputStream(Files.newOutputStream(archive), 1 << 16);
             ZipOutputStream zip = new ZipOutputStream(fo, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("mimetype"));
            zip.write("application/x-jcf".getBytes(StandardCharsets.UTF_8));
            StringBuilder states = new StringBuilder();
            String[] hashes = new String[256];
            for (int b = 0; b < 256; b++) {
                hashes[b] = BlobStore.sha256Hex(new byte[] {(byte) b});
                if (b < Math.min(256, n)) {
                    zip.putNextEntry(new ZipEntry(".store/blobs/" + hashes[b]));
                    zip.write(b);
                }
            }
            for (int i = 0; i < n; i++) {
                String path = "d" + (i / 1000) + "/f" + i + ".bin";
                zip.putNextEntry(new ZipEntry("content/" + path));
                zip.write(i % 256);
                if (i > 0) {
                    states.append(',');
                }
                states.append('"').append(path).append("\":{\"inodeId\":\"i").append(i).append("\",\"path\":\"").append(path)
                        .append("\",\"hash\":\"").append(hashes[i % 256]).append("\",\"size\":1,\"type\":\"binary\"}");
            }
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(("{\"formatVersion\":\"1.0.0\",\"metadata\":{\"name\":\"many\"},\"versionHistory\":[{\"id\":\"v1\","
                    + "\"parentId\":null,\"timestamp\":\"2026-01-01T00:00:00Z\",\"message\":\"m\",\"author\":\"a\",\"fileStates\":{"
                    + states + "}}],\"refs\":{\"head\":\"v1\"}}").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
