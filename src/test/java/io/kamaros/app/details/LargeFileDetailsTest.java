package io.kamaros.app.details;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.TestApp;
import io.kamaros.app.diff.BinarySummary;
import io.kamaros.app.diff.DiffInput;
import io.kamaros.app.diff.DiffKind;
import io.kamaros.app.diff.DiffViewModel;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.FileChange;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ForwardingAdapter;
import io.kamaros.frontend.ProjectLocation;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changed big binary in version details — 200 MB (above every limit of the viewer) and 20 MB (below the text
 * limit, yet no text): size and SHA-256 of both sides come from the history, and only the first bytes are read —
 * counted at the storage adapter, where every stored byte the engine reads passes.
 */
class LargeFileDetailsTest {
    private static final long SIZE = 200L << 20;
    /** The heads of both sides, and the stored chunks they lie in (256 KiB each, at most two per head). */
    private static final long READ_BUDGET = 4L << 20;

    @TempDir
    Path dir;

    /** Counts the bytes read through the adapter (whole-file reads and streams). */
    static final class CountingAdapter extends ForwardingAdapter {
        final AtomicLong read = new AtomicLong();

        CountingAdapter(FileSystemAdapter inner) {
            super(inner);
        }

        @Override
        public byte[] readFile(String path) throws IOException {
            byte[] b = delegate().readFile(path);
            read.addAndGet(b.length);
            return b;
        }

        @Override
        public InputStream openRead(String path) throws IOException {
            return new FilterInputStream(delegate().openRead(path)) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        read.incrementAndGet();
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        read.addAndGet(n);
                    }
                    return n;
                }
            };
        }
    }

    @Test
    void aChanged200MbFileShowsSizeAndHashWithoutBeingRead() throws IOException {
        showsSizeAndHashReadingOnlyItsHead(SIZE, DiffKind.TOO_LARGE);
    }

    /** Below the 32 MB text limit a binary was read whole (twice: loaded, then hashed); its header is all it needs. */
    @Test
    void aChanged20MbBinaryIsDescribedFromItsHeaderNotReadWhole() throws IOException {
        showsSizeAndHashReadingOnlyItsHead(20L << 20, DiffKind.BINARY);
    }

    private void showsSizeAndHashReadingOnlyItsHead(long size, DiffKind kind) throws IOException {
        Path folder = dir.resolve("film");
        Path big = folder.resolve("footage.raw");
        Files.createDirectories(folder);
        SplittableRandom random = new SplittableRandom(14);
        try (OutputStream out = Files.newOutputStream(big)) {
            byte[] block = new byte[1 << 20];
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        ProjectLocation location = ProjectLocation.trackedFolder(folder);
        CountingAdapter counting = new CountingAdapter(location.adapter());
        JcfManager jcf = new JcfManager(JcfConfig.builder().author("Test Author").build());
        jcf.init(counting);
        String v1 = jcf.saveCheckpoint("raw footage");
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.seek(100_000);
            raf.write(new byte[] {1, 2, 3, 4});
            raf.seek(size);
            raf.write(new byte[] {5, 6, 7});
        }
        String v2 = jcf.saveCheckpoint("graded");
        FileChange change = jcf.getVersionDiff(v1, v2).modified().get(0);

        TestApp app = new TestApp(dir.resolve("home"));
        VersionDetailsViewModel vm = Fx.call(() -> new VersionDetailsViewModel(app.context.session()));
        try {
            app.run(() -> app.context.session().open(new ProjectOpener.OpenProject(location, jcf)));
            app.run(() -> app.context.session().selectedVersionProperty().set(app.context.session().findVersion(v2).orElseThrow()));
            counting.read.set(0);
            app.run(() -> vm.selectChange(vm.getChanges().get(0)));

            DiffInput input = vm.diffProperty().get();
            assertThat(input.isLarge()).isTrue();
            assertThat(input.before()).isNull();
            assertThat(input.after()).isNull();
            assertThat(input.largeBefore().size()).isEqualTo(size);
            assertThat(input.largeAfter().size()).isEqualTo(size + 3);
            assertThat(input.largeBefore().sha256()).isEqualTo(change.before().hash());
            assertThat(input.largeAfter().sha256()).isEqualTo(change.after().hash());

            Executor direct = Runnable::run;
            DiffViewModel viewer = new DiffViewModel(direct, direct, ResourceBundle.getBundle(DiffViewModel.BUNDLE, Locale.ROOT));
            viewer.show(input);
            assertThat(viewer.getKind()).isEqualTo(kind);
            BinarySummary s = viewer.binaryProperty().get();
            assertThat(s.beforeSize()).isEqualTo(size);
            assertThat(s.afterSize()).isEqualTo(size + 3);
            assertThat(s.beforeSha256()).isEqualTo(change.before().hash());
            assertThat(s.afterSha256()).isEqualTo(change.after().hash());
            assertThat(s.firstDifference()).isEqualTo(100_000);
            assertThat(counting.read.get()).as("bytes read to show it").isLessThan(READ_BUDGET);
        } finally {
            app.run(() -> app.context.session().close());
        }
    }
}
