package io.kamaros.app.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.AudioFileFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files above the viewer's limits arrive as {@link LargeSide}s: the view-model describes them from their first
 * bytes and the history's hash, streams only what it must (a hash the history does not know, a preview), and
 * never asks for the whole file in memory.
 */
class LargeFileDiffTest {
    private static final Executor DIRECT = Runnable::run;
    private static final long SIZE = 200L << 20;

    @BeforeAll
    static void toolkit() {
        Fx.start();
    }

    private static DiffViewModel vm() {
        return new DiffViewModel(DIRECT, DIRECT, ResourceBundle.getBundle(DiffViewModel.BUNDLE, Locale.ROOT));
    }

    /** A source that counts how often it was opened and how many bytes were read from it. */
    static final class Counting implements ContentSource {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicLong read = new AtomicLong();
        private final long size;
        private final byte[] head;

        Counting(long size, byte[] head) {
            this.size = size;
            this.head = head;
        }

        @Override
        public InputStream open() {
            opened.incrementAndGet();
            return new InputStream() {
                private long position;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (position >= size) {
                        return -1;
                    }
                    int n = (int) Math.min(len, size - position);
                    for (int i = 0; i < n; i++) {
                        long p = position + i;
                        b[off + i] = p < head.length ? head[(int) p] : (byte) (p * 31);
                    }
                    position += n;
                    read.addAndGet(n);
                    return n;
                }
            };
        }
    }

    private static byte[] head(int seed) {
        return DiffSamples.binary(LargeSide.HEAD_BYTES, seed);
    }

    @Test
    void aChangedLargeFileShowsSizesAndTheHistorysHashesWithoutReadingIt() {
        byte[] oldHead = head(1);
        byte[] newHead = oldHead.clone();
        newHead[1000] ^= 1;
        Counting oldSource = new Counting(SIZE, oldHead);
        Counting newSource = new Counting(SIZE + 5, newHead);
        String oldSha = "a".repeat(64);
        String newSha = "b".repeat(64);
        DiffViewModel vm = vm();
        vm.show(DiffInput.large("film.raw", new LargeSide(SIZE, oldSha, oldHead, oldSource),
                new LargeSide(SIZE + 5, newSha, newHead, newSource), "v1", "v2"));

        assertThat(vm.getKind()).isEqualTo(DiffKind.TOO_LARGE);
        assertThat(vm.messageProperty().get()).startsWith("This file is too big").contains("200.0 MB");
        assertThat(vm.changeProperty().get()).isEqualTo(FileChange.MODIFIED);
        BinarySummary s = vm.binaryProperty().get();
        assertThat(s.beforeSize()).isEqualTo(SIZE);
        assertThat(s.afterSize()).isEqualTo(SIZE + 5);
        assertThat(s.beforeSha256()).isEqualTo(oldSha);
        assertThat(s.afterSha256()).isEqualTo(newSha);
        assertThat(s.firstDifference()).isEqualTo(1000);
        assertThat(s.beforePreview()).hasSize(BinaryInspector.ROW);
        // not a known kind: nothing to preview, so neither file was opened at all
        assertThat(oldSource.opened.get() + newSource.opened.get()).isZero();
    }

    @Test
    void aHashTheHistoryDoesNotKnowIsStreamedAndTheSameStartIsSaid() throws IOException {
        byte[] head = head(2);
        Counting working = new Counting(3_000_000, head);
        byte[] all;
        try (InputStream in = new Counting(3_000_000, head).open()) {
            all = in.readAllBytes();
        }
        DiffViewModel vm = vm();
        vm.show(DiffInput.large("big.bin", new LargeSide(3_000_001, "c".repeat(64), head, new Counting(3_000_001, head)),
                new LargeSide(3_000_000, null, head, working), "v1", "Working copy"));

        BinarySummary s = vm.binaryProperty().get();
        assertThat(s.afterSha256()).isEqualTo(BinaryInspector.sha256(all));
        assertThat(working.opened.get()).isEqualTo(1);
        assertThat(s.firstDifference()).isEqualTo(-1);
        assertThat(s.comparedBytes()).isEqualTo(LargeSide.HEAD_BYTES);
    }

    @Test
    void sameHashesAreIdenticalAndAMissingSideIsAnAddedFile() {
        byte[] head = head(3);
        DiffViewModel same = vm();
        same.show(DiffInput.large("x.bin", new LargeSide(SIZE, "d".repeat(64), head, new Counting(SIZE, head)),
                new LargeSide(SIZE, "d".repeat(64), head, new Counting(SIZE, head)), "v1", "v2"));
        assertThat(same.getKind()).isEqualTo(DiffKind.IDENTICAL);

        DiffViewModel added = vm();
        added.show(DiffInput.large("x.bin", null, new LargeSide(SIZE, "d".repeat(64), head, new Counting(SIZE, head)), "v1", "v2"));
        assertThat(added.changeProperty().get()).isEqualTo(FileChange.ADDED);
        assertThat(added.binaryProperty().get().beforeSha256()).isNull();
        assertThat(added.binaryProperty().get().afterSize()).isEqualTo(SIZE);
    }

    @Test
    void aLargePdfAndRecordingArePreviewedFromTheirStreams() {
        byte[] pdf = PreviewTest.pdf(3, "Atlas", "Ola", null);
        byte[] wav = PreviewTest.recording(AudioFileFormat.Type.WAVE, 8_000, 2, 4);
        DiffViewModel vm = vm();
        vm.show(DiffInput.large("atlas.pdf", new LargeSide(pdf.length, sha(pdf), Arrays.copyOf(pdf, 100), ContentSource.of(pdf)),
                new LargeSide(wav.length, sha(wav), Arrays.copyOf(wav, 100), ContentSource.of(wav)), "v1", "v2"));

        assertThat(vm.binaryProperty().get().beforeFacts().kind()).isEqualTo(FileFacts.Kind.PDF);
        assertThat(vm.beforePreviewProperty().get().facts().pages()).isEqualTo(3);
        assertThat(vm.beforePreviewProperty().get().thumbnail()).isNotNull();
        assertThat(vm.afterPreviewProperty().get().facts().seconds()).isEqualTo(4.0);
        assertThat(vm.afterPreviewProperty().get().facts().channels()).isEqualTo(2);
    }

    @Test
    void smallBinariesArePreviewedFromTheirBytes() {
        byte[] pdf = PreviewTest.pdf(2, "Small", "Ola", null);
        DiffViewModel vm = vm();
        vm.show(new DiffInput("a.pdf", null, pdf, "v1", "v2"));
        assertThat(vm.getKind()).isEqualTo(DiffKind.BINARY);
        assertThat(vm.afterPreviewProperty().get().facts()).extracting(FileFacts::pages, FileFacts::title).containsExactly(2, "Small");
        assertThat(vm.beforePreviewProperty().get()).isNull();
    }

    private static String sha(byte[] b) {
        return Objects.requireNonNull(BinaryInspector.sha256(b));
    }
}
