package io.kamaros.engine.objects;

import static io.kamaros.engine.objects.BlobFormat.HEX;
import static io.kamaros.engine.objects.BlobFormat.corrupt;
import static io.kamaros.engine.objects.BlobFormat.sha256;

import java.io.Closeable;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * Hands out a blob's segments while hashing them, always one segment behind the source, so the
 * whole hash is checked before the last segment leaves.
 */
final class VerifyingBlobStream extends SegmentedInputStream {
    /** Produces the plain bytes of a blob in pieces; null at the end. */
    interface SegmentSource extends Closeable {
        byte @Nullable [] next() throws IOException;
    }

    /** Made on first use (its thread is not wanted by processes that never stream a big blob). */
    private static final class Cleaning {
        static final Cleaner CLEANER = Cleaner.create();
    }

    private final String hash;
    private final SegmentSource source;
    private final MessageDigest digest = sha256();
    /**
     * For chunked blobs (512 KiB and up): the whole-content hash is computed on another core from
     * the segments themselves (fresh arrays nobody changes), while this thread checks each chunk's
     * own hash and hands bytes out; a restore of a big file otherwise hashes it twice on one core.
     */
    private final @Nullable HashingPipeline whole;
    private byte @Nullable [] ahead;
    private boolean started;

    /** @param chunked the source checks chunks itself, so the whole hash may go to another core */
    VerifyingBlobStream(String hash, SegmentSource source, boolean chunked) {
        this.hash = hash;
        this.source = source;
        this.whole = chunked && Runtime.getRuntime().availableProcessors() > 1 ? new HashingPipeline() : null;
        if (whole != null) {
            HashingPipeline w = whole;
            Cleaning.CLEANER.register(this, w::close); // a stream dropped without close() still frees its thread
        }
    }

    @Override
    protected byte @Nullable [] nextSegment() throws IOException {
        if (!started) {
            started = true;
            ahead = fetch();
        }
        if (ahead == null) {
            return null;
        }
        byte[] segment = ahead;
        ahead = fetch();
        return segment;
    }

    private byte @Nullable [] fetch() throws IOException {
        byte[] segment = source.next();
        if (segment == null) {
            String actual = whole != null ? whole.finish() : HEX.formatHex(digest.digest());
            if (!actual.equals(hash)) {
                throw corrupt(hash, null, "its content does not match its hash", actual, null);
            }
            return null;
        }
        if (whole != null) {
            whole.updateOwned(segment);
        } else {
            digest.update(segment);
        }
        return segment;
    }

    @Override
    protected void closeSource() throws IOException {
        if (whole != null) {
            whole.close(); // frees the hashing thread of a stream not read to its end
        }
        source.close();
    }
}
