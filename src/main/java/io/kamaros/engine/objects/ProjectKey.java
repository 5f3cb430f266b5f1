package io.kamaros.engine.objects;

import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.PasswordException;
import io.kamaros.engine.model.ValidationException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The key of an encrypted project and its record in {@code manifest.json} ({@code config.encryption}).
 *
 * <p>A random 256-bit <em>data key</em> encrypts the objects ({@link ObjectCipher}). It is stored only
 * wrapped: AES-256-GCM under a <em>password key</em> derived with PBKDF2-HMAC-SHA256 (random 16-byte
 * salt, {@value #DEFAULT_ITERATIONS} iterations by default), with the KDF parameters as associated
 * data. The GCM tag of the wrapped key is the key-check value: a wrong password fails it before any
 * object is read, and neither key is ever stored in the clear. Changing the password re-wraps the
 * data key (one atomic manifest write, no object rewritten); it does not rotate the data key, so
 * whoever knew the old password and kept the old manifest can still read the objects.
 *
 * <p>Record: {@code {"version":1, "cipher":"AES-256-GCM", "kdf":"PBKDF2-HMAC-SHA256", "iterations":600000,
 * "salt":b64, "keyNonce":b64, "wrappedKey":b64, "segmentSize":262144, "objectNames":"sha256"}}.
 * The iteration count is recorded and honoured on open, so it can be raised later without breaking
 * old projects; new projects get at least {@value #DEFAULT_ITERATIONS}. Only a test run may create a
 * project with fewer, by setting the system property {@value #TEST_ITERATIONS_PROPERTY} (logged as a
 * warning); nothing else lowers it.
 */
public final class ProjectKey {
    public static final String CONFIG_KEY = "encryption";
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Test-only override of the iteration count of <em>new</em> projects (recorded in their manifest). */
    public static final String TEST_ITERATIONS_PROPERTY = "kamaros.insecure.testKdfIterations";
    /** An opened project may record more (a future default) but not absurdly more: that would hang the open. */
    static final int MAX_ITERATIONS = 50_000_000;
    private static final String KDF = "PBKDF2-HMAC-SHA256";
    private static final String CIPHER = "AES-256-GCM";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Object> record;
    private final byte[] dataKey;

    private ProjectKey(Map<String, Object> record, byte[] dataKey) {
        this.record = record;
        this.dataKey = dataKey;
    }

    /** A new random data key, wrapped under {@code password}; wipes {@code password}. */
    public static ProjectKey create(char[] password) {
        requirePassword(password);
        int iterations = DEFAULT_ITERATIONS;
        String override = System.getProperty(TEST_ITERATIONS_PROPERTY);
        if (override != null) {
            iterations = Integer.parseInt(override.trim());
            if (iterations < 1) {
                throw new ValidationException("The KDF iteration count must be positive.", Map.of("field", "iterations"));
            }
            LoggerFactory.getLogger(ProjectKey.class).warn(
                    "Creating an encrypted project with {} PBKDF2 iterations ({} is set: tests only)", iterations,
                    TEST_ITERATIONS_PROPERTY);
        }
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Map<String, Object> rec = wrap(dataKey, password, salt, iterations);
        return new ProjectKey(rec, dataKey);
    }

    /**
     * Unwraps the data key of a recorded project; wipes {@code password}.
     *
     * @throws PasswordException {@code PASSWORD_REQUIRED} without a password, {@code WRONG_PASSWORD}
     *         when the key check fails
     * @throws CorruptionException when the record is malformed
     */
    public static ProjectKey open(Object recorded, char @Nullable [] password) {
        if (!(recorded instanceof Map<?, ?> raw)) {
            throw badRecord("config.encryption is not an object", null);
        }
        if (password == null) {
            throw new PasswordException(ErrorCodes.PASSWORD_REQUIRED,
                    "This project is encrypted: open it with its password.", Map.of());
        }
        try {
            requirePassword(password);
            Map<String, Object> rec = new LinkedHashMap<>();
            raw.forEach((k, v) -> rec.put(String.valueOf(k), v));
            if (!(rec.get("version") instanceof Number version) || version.intValue() != 1) {
                throw new ValidationException("This project's encryption format (" + rec.get("version")
                        + ") is newer than this Kamaros understands. Update Kamaros to open it.",
                        Map.of("field", "config.encryption.version", "value", String.valueOf(rec.get("version"))));
            }
            if (!KDF.equals(rec.get("kdf")) || !CIPHER.equals(rec.get("cipher"))) {
                throw badRecord("unknown kdf or cipher (" + rec.get("kdf") + ", " + rec.get("cipher") + ")", null);
            }
            if (!(rec.get("iterations") instanceof Number it) || it.longValue() < 1 || it.longValue() > MAX_ITERATIONS) {
                throw badRecord("the iteration count is missing or out of range", null);
            }
            if (rec.get("segmentSize") instanceof Number seg && seg.intValue() != ObjectCipher.SEGMENT) {
                throw badRecord("unsupported segment size " + seg, null);
            }
            byte[] salt = bytes(rec, "salt", 16);
            byte[] nonce = bytes(rec, "keyNonce", ObjectCipher.NONCE);
            byte[] wrapped = bytes(rec, "wrappedKey", 32 + ObjectCipher.TAG);
            byte[] kek = derive(password, salt, it.intValue());
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, nonce));
                c.updateAAD(wrapAad(salt, it.intValue()));
                return new ProjectKey(rec, c.doFinal(wrapped));
            } catch (AEADBadTagException e) {
                throw new PasswordException(ErrorCodes.WRONG_PASSWORD,
                        "Wrong password for this encrypted project (or its encryption settings in manifest.json were altered).",
                        Map.of());
            } catch (GeneralSecurityException e) {
                throw badRecord("the wrapped key cannot be decrypted (" + e.getMessage() + ")", e);
            } finally {
                Arrays.fill(kek, (byte) 0);
            }
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The same data key wrapped under a new password (new salt); wipes {@code newPassword}. */
    public ProjectKey rewrap(char[] newPassword) {
        requirePassword(newPassword);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        // parse() checked the record: it has an iteration count
        int iterations = Math.max(((Number) Objects.requireNonNull(record.get("iterations"))).intValue(),
                System.getProperty(TEST_ITERATIONS_PROPERTY) != null ? 1 : DEFAULT_ITERATIONS);
        return new ProjectKey(wrap(dataKey, newPassword, salt, iterations), dataKey.clone());
    }

    /** The manifest record (a copy). */
    public Map<String, Object> record() {
        return new LinkedHashMap<>(record);
    }

    /** True when {@code recorded} is this key's record (same salt and wrapped key). */
    public boolean matches(Object recorded) {
        return recorded instanceof Map<?, ?> m && String.valueOf(m.get("wrappedKey")).equals(record.get("wrappedKey"))
                && String.valueOf(m.get("salt")).equals(record.get("salt"));
    }

    public ObjectCipher cipher() {
        return new ObjectCipher(dataKey);
    }

    private static Map<String, Object> wrap(byte[] dataKey, char[] password, byte[] salt, int iterations) {
        try {
            byte[] kek = derive(password, salt, iterations);
            byte[] nonce = new byte[ObjectCipher.NONCE];
            RANDOM.nextBytes(nonce);
            byte[] wrapped;
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, nonce));
                c.updateAAD(wrapAad(salt, iterations));
                wrapped = c.doFinal(dataKey);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM failed", e);
            } finally {
                Arrays.fill(kek, (byte) 0);
            }
            Base64.Encoder b64 = Base64.getEncoder();
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("version", 1);
            rec.put("cipher", CIPHER);
            rec.put("kdf", KDF);
            rec.put("iterations", iterations);
            rec.put("salt", b64.encodeToString(salt));
            rec.put("keyNonce", b64.encodeToString(nonce));
            rec.put("wrappedKey", b64.encodeToString(wrapped));
            rec.put("segmentSize", ObjectCipher.SEGMENT);
            rec.put("objectNames", "sha256");
            return rec;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** PBKDF2-HMAC-SHA256 to 32 bytes (the JDK's implementation). */
    static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** Binds the KDF parameters to the wrapped key: editing them in the manifest fails the key check. */
    private static byte[] wrapAad(byte[] salt, int iterations) {
        byte[] label = ("kamaros-key-v1\0" + KDF + "\0" + CIPHER + "\0").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(label.length + 4 + salt.length).put(label).putInt(iterations).put(salt).array();
    }

    private static void requirePassword(char[] password) {
        if (password == null || password.length == 0) {
            throw new PasswordException(ErrorCodes.PASSWORD_REQUIRED, "A non-empty password is required.", Map.of());
        }
    }

    private static byte[] bytes(Map<String, Object> rec, String field, int length) {
        try {
            byte[] b = Base64.getDecoder().decode(String.valueOf(rec.get(field)));
            if (b.length != length) {
                throw badRecord(field + " has " + b.length + " bytes, not " + length, null);
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw badRecord(field + " is not base64", e);
        }
    }

    private static CorruptionException badRecord(String why, @Nullable Throwable cause) {
        return new CorruptionException("The encryption settings in manifest.json are damaged: " + why + ".",
                Map.of("corruptedItem", "manifest", "field", "config.encryption"), cause);
    }
}
