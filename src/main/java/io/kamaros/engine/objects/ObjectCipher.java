package io.kamaros.engine.objects;

import io.kamaros.engine.model.CorruptionException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * AES-256-GCM sealing of stored objects (blobs, chunks, chunk recipes, reverse patches) of an
 * encrypted project. Only the JDK's {@code javax.crypto} is used; this class adds framing, not
 * cryptography.
 *
 * <h2>Sealed body</h2>
 * {@code 'K' 'E' 0x01 'G'}, then one or more segments, each {@code nonce(12) ‖ ciphertext ‖ tag(16)}
 * of at most {@value #SEGMENT} plain bytes. Every segment is its own GCM message with a fresh random
 * 96-bit nonce ({@link SecureRandom}), so no nonce is ever reused deliberately and the chance of an
 * accidental repeat stays far below NIST's 2^-32 bound for 2^32 segments (1 PiB) per key. The
 * associated data of a segment is {@code "kamaros-object-v1" 0x00 objectId 0x00 index(u64) final(u8)},
 * where the object id is the object's kind and name ({@code blobs/<sha256>}, {@code chunks/<sha256>},
 * {@code deltas/<version>_<pathhash>.patch}): a body moved under another name, segments reordered,
 * dropped or cut off at a segment boundary all fail authentication (the STREAM construction of
 * Hoang, Reyhanitabar, Rogaway and Vizár, as Tink's streaming AEAD uses it). Segments bound the
 * memory of streaming: JDK GCM releases nothing before the tag is checked, so one GCM message per
 * multi-gigabyte object would have to be held whole.
 *
 * <p>All segments but the last hold exactly {@value #SEGMENT} bytes and the last 1..{@value #SEGMENT}
 * (0 only for empty content), so the plain size follows from the stored size ({@link #plainSize}).
 *
 * <h2>Names stay SHA-256 of the plaintext</h2>
 * Keyed (HMAC-SHA256) object names would stop someone holding the store from confirming that it
 * contains a file they already have (spec §7.7). They are not used, deliberately: the manifest and
 * the journal stay plaintext and list the same SHA-256 of every version's files, so HMAC names alone
 * would hide nothing while adding a name mapping to GC, verify, export and import. If the manifest
 * and journal are ever encrypted, names should become HMACs in the same change.
 *
 * <p>Thread-safe: the key is immutable, {@link Cipher} instances are per thread.
 */
public final class ObjectCipher {
    static final int SEGMENT = 256 * 1024;
    static final int NONCE = 12;
    static final int TAG = 16;
    static final int OVERHEAD = NONCE + TAG;
    static final byte[] MAGIC = {'K', 'E', 1, 'G'};
    private static final byte[] AAD_PREFIX = "kamaros-object-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES/GCM", e);
        }
    });

    /**
     * Stored objects of a project, also inside an import's staging folder
     * ({@code .store/temp/import-<id>/.store/blobs/<hash>}). Files of the working copy, the journal,
     * the manifest, the lock and other temp files are never sealed.
     */
    private static final Pattern SEALED = Pattern.compile(
            "\\.store/(?:temp/import-[^/]+/\\.store/)?(blobs|chunks|deltas|dicts)/([^/]+)");

    private final SecretKeySpec key;

    /** @param dataKey 32 bytes; copied (the caller may wipe its array) */
    public ObjectCipher(byte[] dataKey) {
        if (dataKey == null || dataKey.length != 32) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        this.key = new SecretKeySpec(dataKey, "AES");
    }

    /** The object id (the associated data) of an adapter path, or null when the path is not sealed. */
    public static @Nullable String objectId(String path) {
        if (path == null || !path.startsWith(".store/")) {
            return null;
        }
        Matcher m = SEALED.matcher(path);
        return m.matches() ? m.group(1) + "/" + m.group(2) : null;
    }

    /** The plain size of a sealed body of {@code storedSize} bytes (0 when it is too short to be one). */
    public static long plainSize(long storedSize) {
        long body = storedSize - MAGIC.length;
        if (body < OVERHEAD) {
            return 0;
        }
        long segments = (body + SEGMENT + OVERHEAD - 1) / (SEGMENT + OVERHEAD);
        return Math.max(0, body - segments * OVERHEAD);
    }

    // ---- whole bodies ---------------------------------------------------------------------------

    public byte[] seal(byte[] plain, String objectId) {
        int segments = Math.max(1, (plain.length + SEGMENT - 1) / SEGMENT);
        byte[] out = new byte[MAGIC.length + plain.length + segments * OVERHEAD];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        int at = MAGIC.length;
        for (int i = 0; i < segments; i++) {
            int off = i * SEGMENT;
            int len = Math.min(SEGMENT, plain.length - off);
            at += sealSegment(plain, off, len, out, at, objectId, i, i == segments - 1);
        }
        return out;
    }

    /** @throws CorruptionException naming the object when the body is not an authentic sealing of it */
    public byte[] open(byte[] sealed, String objectId) {
        if (sealed.length < MAGIC.length || !Arrays.equals(sealed, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw damaged(objectId, "it is not an encrypted object (no KE header)", null);
        }
        long body = sealed.length - MAGIC.length;
        if (body < OVERHEAD) {
            throw damaged(objectId, "it is truncated", null);
        }
        int segments = (int) ((body + SEGMENT + OVERHEAD - 1) / (SEGMENT + OVERHEAD));
        byte[] plain = new byte[(int) plainSize(sealed.length)];
        int at = MAGIC.length;
        int to = 0;
        for (int i = 0; i < segments; i++) {
            int len = (int) Math.min(SEGMENT + OVERHEAD, sealed.length - at);
            to += openSegment(sealed, at, len, plain, to, objectId, i, i == segments - 1);
            at += len;
        }
        return plain;
    }

    /** True when {@code in} holds an authentic sealing of {@code objectId} (reads it to the end). */
    public boolean isSealingOf(InputStream in, String objectId) throws IOException {
        try (InputStream plain = opening(in, objectId)) {
            plain.transferTo(OutputStream.nullOutputStream());
            return true;
        } catch (CorruptionException e) {
            return false;
        }
    }

    // ---- streams --------------------------------------------------------------------------------

    /** Seals what is written into {@code out}; {@code close()} writes the final segment and closes {@code out}. */
    public OutputStream sealing(OutputStream out, String objectId) {
        return new SealingOutputStream(out, objectId);
    }

    /**
     * Opens a sealed stream segment by segment (memory: one segment). A segment's bytes are handed
     * out only after its tag is checked. Damage raises {@link CorruptionException} (unchecked) from
     * {@code read}.
     */
    public InputStream opening(InputStream in, String objectId) {
        return new OpeningInputStream(in, objectId);
    }

    private static byte[] aad(String objectId, long index, boolean last) {
        byte[] id = objectId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(AAD_PREFIX.length + id.length + 1 + 8 + 1)
                .put(AAD_PREFIX).put(id).put((byte) 0).putLong(index).put((byte) (last ? 1 : 0)).array();
    }

    /** Seals {@code plain[off, off+len)} into {@code out} at {@code at}; returns the bytes written. */
    private int sealSegment(byte[] plain, int off, int len, byte[] out, int at, String objectId, long index,
                            boolean last) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = CIPHER.get();
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce));
            c.updateAAD(aad(objectId, index, last));
            System.arraycopy(nonce, 0, out, at, NONCE);
            int n = c.doFinal(plain, off, len, out, at + NONCE);
            if (n != len + TAG) {
                throw new IllegalStateException("GCM produced " + n + " bytes");
            }
            return NONCE + n;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    private byte[] sealSegment(byte[] plain, int len, String objectId, long index, boolean last) {
        byte[] out = new byte[NONCE + len + TAG];
        sealSegment(plain, 0, len, out, 0, objectId, index, last);
        return out;
    }

    /** Opens the segment {@code body[at, at+len)} into {@code out} at {@code to}; returns the plain bytes. */
    private int openSegment(byte[] body, int at, int len, byte[] out, int to, String objectId, long index,
                            boolean last) {
        if (len < OVERHEAD) {
            throw damaged(objectId, "it is truncated", null);
        }
        try {
            Cipher c = CIPHER.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, body, at, NONCE));
            c.updateAAD(aad(objectId, index, last));
            if (out.length - to < len - OVERHEAD) {
                throw damaged(objectId, "it has the wrong length", null);
            }
            return c.doFinal(body, at + NONCE, len - NONCE, out, to);
        } catch (AEADBadTagException e) {
            throw damaged(objectId, "it fails its authentication check (changed, truncated, or stored under "
                    + "another object's name)", e);
        } catch (GeneralSecurityException e) {
            throw damaged(objectId, "it cannot be decrypted (" + e.getMessage() + ")", e);
        }
    }

    private byte[] openSegment(byte[] body, int len, String objectId, long index, boolean last) {
        if (len < OVERHEAD) {
            throw damaged(objectId, "it is truncated", null);
        }
        try {
            Cipher c = CIPHER.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, body, 0, NONCE));
            c.updateAAD(aad(objectId, index, last));
            return c.doFinal(body, NONCE, len - NONCE);
        } catch (AEADBadTagException e) {
            throw damaged(objectId, "it fails its authentication check (changed, truncated, or stored under "
                    + "another object's name)", e);
        } catch (GeneralSecurityException e) {
            throw damaged(objectId, "it cannot be decrypted (" + e.getMessage() + ")", e);
        }
    }

    /** Names the object the way the rest of the engine does ({@code blob:<hash>}, {@code chunk:..}, {@code delta:..}). */
    static CorruptionException damaged(String objectId, String why, @Nullable Throwable cause) {
        int slash = objectId.indexOf('/');
        String kind = objectId.substring(0, slash);
        String name = objectId.substring(slash + 1);
        String item = switch (kind) {
            case "blobs" -> "blob:";
            case "chunks" -> "chunk:";
            default -> "delta:";
        } + name;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("corruptedItem", item);
        details.put("object", ".store/" + objectId);
        if (kind.equals("chunks")) {
            details.put("chunk", name); // as BlobStore names a damaged chunk (verify reports it so)
        }
        return new CorruptionException("Stored object .store/" + objectId + " is damaged: " + why + ".", details, cause);
    }

    private final class SealingOutputStream extends OutputStream {
        private final OutputStream out;
        private final String objectId;
        /** Grows up to one segment: small objects do not cost a 256 KiB buffer each. */
        private byte[] buf = new byte[8192];
        private int fill;
        private long index;
        private boolean started;
        private boolean closed;

        SealingOutputStream(OutputStream out, String objectId) {
            this.out = out;
            this.objectId = objectId;
        }

        private void start() throws IOException {
            if (!started) {
                started = true;
                out.write(MAGIC);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            start();
            while (len > 0) {
                if (fill == SEGMENT) {
                    // More follows, so the full buffer is not the last segment.
                    out.write(sealSegment(buf, fill, objectId, index++, false));
                    fill = 0;
                }
                int n = Math.min(len, SEGMENT - fill);
                if (fill + n > buf.length) {
                    buf = Arrays.copyOf(buf, Math.min(SEGMENT, Math.max(buf.length * 2, fill + n)));
                }
                System.arraycopy(b, off, buf, fill, n);
                fill += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            start();
            out.write(sealSegment(buf, fill, objectId, index, true));
            Arrays.fill(buf, (byte) 0);
            out.close();
        }
    }

    /** Reads the sealed body segment by segment; {@link SegmentedInputStream} hands the bytes out. */
    private final class OpeningInputStream extends SegmentedInputStream {
        private final InputStream in;
        private final String objectId;
        private long index;
        private boolean started;
        private boolean done;
        /** A byte read ahead to learn whether a full segment was the last. */
        private int lookahead = -1;

        OpeningInputStream(InputStream in, String objectId) {
            this.in = in;
            this.objectId = objectId;
        }

        @Override
        protected byte @Nullable [] nextSegment() throws IOException {
            if (done) {
                return null;
            }
            if (!started) {
                started = true;
                byte[] magic = in.readNBytes(MAGIC.length);
                if (!Arrays.equals(magic, MAGIC)) {
                    throw damaged(objectId, "it is not an encrypted object (no KE header)", null);
                }
            }
            // readNBytes(int) allocates what it reads: a small object does not cost a whole segment.
            byte[] segment;
            if (lookahead >= 0) {
                byte[] rest = in.readNBytes(SEGMENT + OVERHEAD - 1);
                segment = new byte[rest.length + 1];
                segment[0] = (byte) lookahead;
                System.arraycopy(rest, 0, segment, 1, rest.length);
                lookahead = -1;
            } else {
                segment = in.readNBytes(SEGMENT + OVERHEAD);
            }
            int n = segment.length;
            boolean last = true;
            if (n == SEGMENT + OVERHEAD) {
                int next = in.read();
                if (next >= 0) {
                    lookahead = next;
                    last = false;
                }
            }
            done = last;
            return openSegment(segment, n, objectId, index++, last);
        }

        @Override
        protected void closeSource() throws IOException {
            in.close();
        }
    }
}
