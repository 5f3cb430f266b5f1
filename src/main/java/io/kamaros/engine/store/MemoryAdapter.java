package io.kamaros.engine.store;

import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * A project held in memory: for tests, previews and programs that keep projects elsewhere.
 * {@link #toBytes()} / {@link #fromBytes(byte[])} turn it into a ZIP of its files and back.
 */
public final class MemoryAdapter implements FileSystemAdapter {
    private record Entry(byte[] data, long modifiedNanos) {
    }

    private final NavigableMap<String, Entry> files = new ConcurrentSkipListMap<>();
    /** Strictly increasing fake clock, so every write gets a distinct modification time. */
    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis() * 1_000_000L);
    private final AtomicBoolean locked = new AtomicBoolean();

    @Override
    public byte[] readFile(String path) throws IOException {
        Entry e = files.get(path);
        if (e == null) {
            throw new NoSuchFileException(path);
        }
        return e.data.clone();
    }

    @Override
    public byte[] readRange(String path, long offset, int length) throws IOException {
        Entry e = files.get(path);
        if (e == null) {
            throw new NoSuchFileException(path);
        }
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative range " + offset + "+" + length + " of " + path);
        }
        if (offset + length > e.data.length) {
            throw new EOFException(path + ": " + length + " bytes at " + offset + " run past the end");
        }
        return Arrays.copyOfRange(e.data, (int) offset, (int) offset + length);
    }

    @Override
    public void writeFile(String path, byte[] data) {
        files.put(path, new Entry(data.clone(), clock.addAndGet(1_000)));
    }

    @Override
    public boolean fileExists(String path) {
        return files.containsKey(path);
    }

    @Override
    public void deleteFile(String path) {
        files.remove(path);
    }

    @Override
    public List<String> listFiles(String directory) {
        String prefix = directory.isEmpty() ? "" : (directory.endsWith("/") ? directory : directory + "/");
        List<String> out = new ArrayList<>();
        for (String key : files.tailMap(prefix, true).keySet()) {
            if (!key.startsWith(prefix)) {
                break;
            }
            out.add(key.substring(prefix.length()));
        }
        return out;
    }

    @Override
    public Optional<FileStat> stat(String path) {
        Entry e = files.get(path);
        return e == null ? Optional.empty() : Optional.of(new FileStat(e.data.length, e.modifiedNanos));
    }

    @Override
    public void moveFile(String from, String to) throws IOException {
        Entry e = files.get(from);
        if (e == null) {
            throw new NoSuchFileException(from);
        }
        files.put(to, e);
        if (!from.equals(to)) {
            files.remove(from);
        }
    }

    @Override
    public Optional<ProjectLock> tryLock() {
        // Not a ReentrantLock: a second manager on the same thread must be refused, and the lock
        // may be released on another thread than the one that took it.
        if (!locked.compareAndSet(false, true)) {
            return Optional.empty();
        }
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(() -> {
            if (released.compareAndSet(false, true)) {
                locked.set(false);
            }
        });
    }

    /** Every file as one ZIP archive (entry names are the adapter paths). */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, Entry> e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().data);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Rebuilds an adapter from {@link #toBytes()}.
     *
     * @throws io.kamaros.engine.model.CorruptionException the bytes are not a whole archive made by
     *         {@link #toBytes()} (not a ZIP, cut short, or damaged) — never an empty adapter instead
     * @throws io.kamaros.engine.model.ValidationException {@code data} is null
     */
    public static MemoryAdapter fromBytes(byte[] data) throws IOException {
        if (data == null) {
            throw new ValidationException("The bytes of a MemoryAdapter (from toBytes()) are "
                    + "required (data was null).", Map.of("field", "data", "value", "null"));
        }
        if ((!startsWith(data, 0x04034b50) && !startsWith(data, 0x06054b50)) || !hasEndRecord(data)) {
            throw notAnArchive(data, null);
        }
        MemoryAdapter adapter = new MemoryAdapter();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(data))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (!entry.isDirectory()) {
                    adapter.writeFile(entry.getName(), zip.readAllBytes());
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw notAnArchive(data, e);
        }
        return adapter;
    }

    private static boolean startsWith(byte[] data, int signature) {
        return data.length >= 4 && ((data[0] & 0xff) | (data[1] & 0xff) << 8 | (data[2] & 0xff) << 16
                | (data[3] & 0xff) << 24) == signature;
    }

    /** The ZIP's end-of-central-directory record ("PK\5\6") within its last 64 KiB + 22 bytes: the archive is whole. */
    private static boolean hasEndRecord(byte[] data) {
        for (int i = data.length - 22; i >= Math.max(0, data.length - 22 - 65_535); i--) {
            if (data[i] == 'P' && data[i + 1] == 'K' && data[i + 2] == 5 && data[i + 3] == 6) {
                return true;
            }
        }
        return false;
    }

    private static CorruptionException notAnArchive(byte[] data, @Nullable Exception cause) {
        return new CorruptionException("These " + data.length + " bytes are not a whole MemoryAdapter "
                + "archive (as toBytes() writes)" + (cause == null ? "" : ": " + cause.getMessage())
                + ". Nothing was loaded; use the bytes toBytes() returned, unchanged.",
                Map.of("size", data.length), cause);
    }

    @Override
    public String describe() {
        return "memory";
    }
}
