package io.kamaros.engine.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentedInputStreamTest {

    /** Hands out the given segments; a null entry stands for "fail here" with {@code failure}. */
    private static final class Scripted extends SegmentedInputStream {
        private final Deque<byte[]> segments;
        private final Exception failure;
        int calls;
        int closes;

        Scripted(List<byte[]> segments, Exception failure) {
            this.segments = new ArrayDeque<>();
            for (byte[] s : segments) {
                this.segments.add(s == null ? new byte[]{'!'} : s);
            }
            this.failure = failure;
        }

        @Override
        protected byte[] nextSegment() throws IOException {
            calls++;
            byte[] next = segments.poll();
            if (next != null && next.length == 1 && next[0] == '!') {
                if (failure instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) failure;
            }
            return next;
        }

        @Override
        protected void closeSource() {
            closes++;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void readsAcrossSegmentsAndSkipsEmptyOnes() throws IOException {
        Scripted in = new Scripted(List.of(bytes("ab"), new byte[0], bytes("cde"), bytes("f")), null);

        assertThat(in.readAllBytes()).isEqualTo(bytes("abcdef"));
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
        assertThat(in.calls).as("no segment is asked for after the end").isEqualTo(5);
    }

    @Test
    void bulkReadReturnsAtMostTheRestOfOneSegment() throws IOException {
        Scripted in = new Scripted(List.of(bytes("abc"), bytes("de")), null);
        byte[] buf = new byte[10];

        assertThat(in.read(buf, 0, 10)).isEqualTo(3);
        assertThat(in.available()).isZero();
        assertThat(in.read()).isEqualTo('d');
        assertThat(in.available()).isEqualTo(1);
        assertThat(in.read(buf, 5, 0)).isZero();
        assertThat(in.read(buf, 5, 5)).isEqualTo(1);
        assertThat(Arrays.copyOfRange(buf, 0, 6)).isEqualTo(bytes("abc\0\0e"));
    }

    @Test
    void aRuntimeFailureIsThrownAgainOnEveryLaterRead() throws IOException {
        IllegalStateException damage = new IllegalStateException("damaged");
        Scripted in = new Scripted(Arrays.asList(bytes("ok"), null, bytes("never")), damage);

        assertThat(in.read()).isEqualTo('o');
        assertThat(in.read()).isEqualTo('k');
        assertThatThrownBy(in::read).isSameAs(damage);
        assertThatThrownBy(() -> in.read(new byte[3], 0, 3)).isSameAs(damage);
        assertThat(in.available()).isZero();
        assertThat(in.calls).as("the source is not read on after a failure").isEqualTo(2);
    }

    @Test
    void anIoFailureIsWrappedOnLaterReadsWithTheFirstCause() throws IOException {
        IOException broken = new IOException("disk gone");
        Scripted in = new Scripted(Arrays.asList((byte[]) null), broken);

        assertThatThrownBy(in::read).isSameAs(broken);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasCause(broken)
                .hasMessageContaining("disk gone");
        assertThat(in.calls).isEqualTo(1);
    }

    @Test
    void closeFreesTheSourceOnceAndLaterReadsFail() throws IOException {
        Scripted in = new Scripted(List.of(bytes("abc")), null);
        assertThat(in.read()).isEqualTo('a');

        in.close();
        in.close();

        assertThat(in.closes).isEqualTo(1);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("stream closed");
    }

    @Test
    void badBoundsAreRejectedBeforeAnythingIsRead() {
        Scripted in = new Scripted(List.of(bytes("abc")), null);

        assertThatThrownBy(() -> in.read(new byte[2], 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(in.calls).isZero();
    }
}
