package io.kamaros.engine.objects;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An {@link InputStream} over byte-array segments that a subclass produces one at a time, each
 * handed out only once the subclass has checked it (a blob's chunks, an encrypted object's GCM
 * segments). Failure is sticky: once producing a segment failed, every later read fails too, so no
 * byte after the damage leaks and a half-consumed source is never read on. A
 * {@link RuntimeException} (such as {@link io.kamaros.engine.model.CorruptionException}) is thrown
 * again as it was; an {@link IOException} is wrapped, so the caller sees the first cause.
 */
abstract class SegmentedInputStream extends InputStream {
    private byte @Nullable [] current;
    private int pos;
    private boolean ended;
    private boolean closed;
    private @Nullable Exception failure;

    /** The next segment (may be empty), or null at the end; not called again after null. */
    protected abstract byte @Nullable [] nextSegment() throws IOException;

    /** Frees what the segments come from; called once, by the first {@link #close()}. */
    protected abstract void closeSource() throws IOException;

    /** True when {@code current} has bytes left. */
    private boolean ready() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure != null) {
            throw new IOException("the stream failed earlier: " + failure.getMessage(), failure);
        }
        try {
            while (current == null || pos >= current.length) {
                byte[] next = ended ? null : nextSegment();
                if (next == null) {
                    ended = true;
                    current = null;
                    return false;
                }
                current = next;
                pos = 0;
            }
            return true;
        } catch (RuntimeException | IOException e) {
            failure = e;
            current = null;
            throw e;
        }
    }

    @Override
    public int read() throws IOException {
        return ready() ? Objects.requireNonNull(current)[pos++] & 0xff : -1; // ready(): current has bytes left
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!ready()) {
            return -1;
        }
        byte[] c = Objects.requireNonNull(current); // ready(): current has bytes left
        int n = Math.min(len, c.length - pos);
        System.arraycopy(c, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return current == null || failure != null ? 0 : current.length - pos;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            closeSource();
        }
    }
}
