package io.kamaros.engine.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.FileState;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.objects.BlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Helpers shared by the container tests: history snapshots, archive building and patching. */
final class ContainerTestSupport {
    private ContainerTestSupport() {
    }

    /** Everything visible about one version, file contents as SHA-256 checked against their bytes. */
    record VersionView(String id, String parentId, String message, String author, String email, long timestampMillis,
                       List<String> tags, boolean autoSaved, Map<String, String> files, Map<String, String> inodes) {
    }

    /** Every version with every file's bytes read back through the engine (and hashed). */
    static Map<String, VersionView> snapshot(JcfManager jcf) {
        Map<String, VersionView> out = new TreeMap<>();
        for (Version v : jcf.getHistory()) {
            Map<String, String> files = new TreeMap<>();
            Map<String, String> inodes = new TreeMap<>();
            for (FileState s : v.fileStates().values()) {
                byte[] data = jcf.getFileContent(s.path(), v.id());
                String actual = BlobStore.sha256Hex(data);
                assertThat(actual).as("bytes of %s in %s", s.path(), v.id()).isEqualTo(s.hash());
                files.put(s.path(), actual);
                inodes.put(s.path(), s.inodeId());
            }
            List<String> tags = new ArrayList<>(v.tags());
            tags.sort(null);
            out.put(v.id(), new VersionView(v.id(), v.parentId(), v.message(), v.author(), v.email(),
                    v.timestamp().truncatedTo(ChronoUnit.MILLIS).toEpochMilli(), tags, v.autoSaved(), files, inodes));
        }
        return out;
    }

    static List<String> historyOrder(JcfManager jcf) {
        return jcf.getHistory().stream().map(Version::id).toList();
    }

    /** An archive from (name, bytes) pairs, all deflated (ZipOutputStream refuses duplicates). */
    static byte[] zip(Object... nameAndBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (int i = 0; i + 1 < nameAndBytes.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) nameAndBytes[i]));
                Object data = nameAndBytes[i + 1];
                zip.write(data instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) data);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Offsets of the central-directory headers, in order. */
    static List<Integer> centralHeaders(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int i = zip.length - 22; i >= 0; i--) {
            if (b.getInt(i) == 0x06054b50) {
                eocd = i;
                break;
            }
        }
        int count = b.getShort(eocd + 10) & 0xffff;
        int pos = b.getInt(eocd + 16);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(pos);
            pos += 46 + (b.getShort(pos + 28) & 0xffff) + (b.getShort(pos + 30) & 0xffff) + (b.getShort(pos + 32) & 0xffff);
        }
        return out;
    }

    static String centralName(byte[] zip, int cen) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int len = b.getShort(cen + 28) & 0xffff;
        return new String(zip, cen + 46, len, StandardCharsets.UTF_8);
    }

    /** The central-directory header of the entry named {@code name}. */
    static int centralHeader(byte[] zip, String name) {
        for (int cen : centralHeaders(zip)) {
            if (centralName(zip, cen).equals(name)) {
                return cen;
            }
        }
        throw new AssertionError("no entry " + name);
    }

    static void putInt(byte[] zip, int offset, int value) {
        ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
    }

    static void putShort(byte[] zip, int offset, int value) {
        ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putShort(offset, (short) value);
    }

    static int getInt(byte[] zip, int offset) {
        return ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
    }

    /** Every regular file under {@code root}. */
    static List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }

    /** Bytes of a file inside a project's store via the archive's own zip. */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
