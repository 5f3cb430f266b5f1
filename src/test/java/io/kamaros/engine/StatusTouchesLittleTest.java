package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ForwardingAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a status on a clean working copy costs on disk (issue 15: `kamaros status` on 2,500 files had become
 * slower): with every file's hash in the scan cache it writes nothing (the manifest stays byte for byte the same)
 * and reads no stored object, so it does not load the packs' indexes either. Objects are still read when asked for
 * afterwards.
 */
class StatusTouchesLittleTest {
    private static final int FILES = 30;

    @TempDir
    Path tmp;

    /** Records the paths an engine reads and the paths it changes; everything goes to the wrapped adapter. */
    private static final class Recorder extends ForwardingAdapter {
        final List<String> read = new CopyOnWriteArrayList<>();
        final List<String> changed = new CopyOnWriteArrayList<>();

        Recorder(FileSystemAdapter delegate) {
            super(delegate);
        }

        @Override
        public byte[] readFile(String path) throws IOException {
            read.add(path);
            return delegate().readFile(path);
        }

        @Override
        public byte[] readRange(String path, long offset, int length) throws IOException {
            read.add(path);
            return delegate().readRange(path, offset, length);
        }

        @Override
        public InputStream openRead(String path) throws IOException {
            read.add(path);
            return delegate().openRead(path);
        }

        @Override
        public void writeFile(String path, byte[] data) throws IOException {
            changed.add(path);
            delegate().writeFile(path, data);
        }

        @Override
        public FileSystemAdapter.AtomicOutput openWrite(String path) throws IOException {
            changed.add(path);
            return delegate().openWrite(path);
        }

        @Override
        public void appendFile(String path, byte[] data) throws IOException {
            changed.add(path);
            delegate().appendFile(path, data);
        }

        @Override
        public void truncateFile(String path, long length) throws IOException {
            changed.add(path);
            delegate().truncateFile(path, length);
        }

        @Override
        public void moveFile(String from, String to) throws IOException {
            changed.add(from + " -> " + to);
            delegate().moveFile(from, to);
        }

        @Override
        public void deleteFile(String path) throws IOException {
            changed.add(path);
            delegate().deleteFile(path);
        }
    }

    private static JcfManager manager() {
        return new JcfManager(JcfConfig.builder().author("t").email("t@example.com").build());
    }

    /** A saved project whose files were last modified an hour before they were hashed: the scan cache trusts them. */
    private Path savedProject() throws Exception {
        Path dir = tmp.resolve("p");
        Path content = dir.resolve("content");
        FileTime hourAgo = FileTime.from(Instant.now().minusSeconds(3_600));
        for (int i = 0; i < FILES; i++) {
            Path f = content.resolve("d" + i % 3).resolve("f" + i + ".txt");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "file " + i + "\n");
            Files.setLastModifiedTime(f, hourAgo);
        }
        try (JcfManager jcf = manager()) {
            jcf.init(new FileAdapter(dir));
            jcf.saveCheckpoint("first");
        }
        try (Stream<Path> packs = Files.list(dir.resolve(".store/packs"))) {
            assertThat(packs.map(p -> p.getFileName().toString())).as("the checkpoint's objects are in a pack")
                    .anyMatch(n -> n.endsWith(".idx"));
        }
        return dir;
    }

    @Test
    void aCleanStatusWritesNothingAndReadsNoStoredObjectNorPackIndex() throws Exception {
        Path dir = savedProject();
        byte[] manifest = Files.readAllBytes(dir.resolve("manifest.json"));
        FileTime manifestTime = Files.getLastModifiedTime(dir.resolve("manifest.json"));

        Recorder disk = new Recorder(new FileAdapter(dir));
        try (JcfManager jcf = manager()) {
            jcf.init(disk);
            assertThat(jcf.getStatus().isClean()).isTrue();
        }

        assertThat(disk.changed).as("paths a clean status changed").isEmpty();
        assertThat(disk.read).as("what a clean status read")
                .noneMatch(p -> p.startsWith("content/"))
                .noneMatch(p -> p.startsWith(".store/packs/") || p.startsWith(".store/blobs/"));
        assertThat(Files.readAllBytes(dir.resolve("manifest.json"))).isEqualTo(manifest);
        assertThat(Files.getLastModifiedTime(dir.resolve("manifest.json"))).isEqualTo(manifestTime);
    }

    @Test
    void afterAStatusThatLoadedNoPackIndexStoredContentIsStillRead() throws Exception {
        Path dir = savedProject();
        Recorder disk = new Recorder(new FileAdapter(dir));
        try (JcfManager jcf = manager()) {
            jcf.init(disk);
            assertThat(jcf.getStatus().isClean()).isTrue();
            String head = jcf.getCurrentVersion().orElseThrow().id();
            assertThat(new String(jcf.getFileContent("d1/f7.txt", head), StandardCharsets.UTF_8)).isEqualTo("file 7\n");
        }
        assertThat(disk.read).as("the content came from the pack").anyMatch(p -> p.startsWith(".store/packs/"));
    }
}
