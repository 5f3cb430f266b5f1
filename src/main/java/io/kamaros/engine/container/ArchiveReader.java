package io.kamaros.engine.container;

import static io.kamaros.engine.container.JcfImporter.corruptEntry;
import static io.kamaros.engine.container.JcfImporter.printable;
import static io.kamaros.engine.container.JcfImporter.tooBig;
import static io.kamaros.engine.container.JcfImporter.unsafeName;

import io.kamaros.engine.model.PathRules;
import io.kamaros.engine.history.Operation;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.objects.SealingAdapter;
import io.kamaros.engine.objects.pack.PackingAdapter;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * Reads an archive for an import within its limits: the central directory (names, links, declared
 * sizes), the manifest (against {@code maxManifestBytes} and the memory this process has) and every
 * entry it inflates, counting the bytes actually produced against one budget (the limits, the
 * compression ratio cap and the free disk), and checking each entry's size and CRC. One per import.
 */
final class ArchiveReader {
    static final String MANIFEST = "manifest.json";
    static final String LEGACY_MANIFEST = ".store/manifest.json";
    static final int IO_BLOCK = 64 * 1024;
    static final long DISK_CHECK_EVERY = 16L << 20;

    private final FileSystemAdapter adapter;
    private final ImportOptions options;
    private final Operation op;
    private long inflated;
    /** Bytes the archive may expand to: the smallest of the limits, the ratio cap and the free disk. */
    private long budget = Long.MAX_VALUE;
    private String budgetReason = "";
    /** Where the expansion goes (null: not a folder on a disk), and when its free space is checked next. */
    private @Nullable FileStore disk;
    private long nextDiskCheck;

    ArchiveReader(FileSystemAdapter adapter, ImportOptions options, Operation op) {
        this.adapter = adapter;
        this.options = options;
        this.op = op;
    }

    /** Bytes inflated so far. */
    long inflated() {
        return inflated;
    }

    // ---------------------------------------------------------------- the budget

    /**
     * The expansion budget: {@code maxTotalUncompressed}, at most {@code maxCompressionRatio} times
     * the archive's size (at least {@link ImportOptions#RATIO_FLOOR}), and at most the free space of
     * the project's disk above {@code minFreeSpace}. Counted against the bytes actually inflated.
     */
    void setBudget(long archiveSize) throws IOException {
        budget = options.maxTotalUncompressed();
        budgetReason = "the import limit (ImportOptions.maxTotalUncompressed)";
        long byRatio = Math.max(ImportOptions.RATIO_FLOOR, multiplyCapped(archiveSize, options.maxCompressionRatio()));
        if (byRatio < budget) {
            budget = byRatio;
            budgetReason = options.maxCompressionRatio() + " times the archive's own " + archiveSize + " bytes, "
                    + (ImportOptions.RATIO_FLOOR >> 20) + " MiB at least (ImportOptions.maxCompressionRatio)";
        }
        disk = null;
        if (PackingAdapter.unpacked(SealingAdapter.unsealed(adapter)) instanceof FileAdapter fa) {
            Path dir = fa.rootPath();
            disk = Files.getFileStore(Files.isDirectory(dir) ? dir : dir.getParent());
            long free = disk.getUsableSpace() - options.minFreeSpace();
            if (free <= 0) {
                throw tooBig(diskFull(), "minFreeSpace");
            }
            if (free < budget) {
                budget = free;
                budgetReason = "the free disk space this import may use (it keeps " + options.minFreeSpace()
                        + " bytes free, ImportOptions.minFreeSpace)";
            }
            nextDiskCheck = DISK_CHECK_EVERY;
        }
    }

    private String diskFull() throws IOException {
        FileStore disk = Objects.requireNonNull(this.disk, "asked only once the disk is known");
        return "The disk of " + adapter.describe() + " has " + disk.getUsableSpace() + " bytes free; an import keeps at least "
                + options.minFreeSpace() + " bytes free (ImportOptions.minFreeSpace)";
    }

    private static long multiplyCapped(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }

    /** Counts {@code n} more inflated bytes against the budget (and the disk's free space). */
    private void count(long n) throws IOException {
        inflated += n;
        if (inflated > budget) {
            throw tooBig("The archive expands to more than " + budget + " bytes, the most allowed here: " + budgetReason
                    + "; it may be a zip bomb", "budget");
        }
        if (disk != null && inflated >= nextDiskCheck) {
            nextDiskCheck = inflated + DISK_CHECK_EVERY;
            if (disk.getUsableSpace() < options.minFreeSpace()) {
                throw tooBig(diskFull(), "minFreeSpace");
            }
        }
    }

    // ---------------------------------------------------------------- directory and manifest

    void checkDirectory(List<ZipDirectory.Entry> entries) {
        Set<String> names = new HashSet<>();
        long declared = 0;
        for (ZipDirectory.Entry e : entries) {
            String problem = nameProblem(e.name());
            if (problem != null) {
                throw unsafeName(e.name(), problem);
            }
            if (!names.add(e.name())) {
                throw new ValidationException("The archive holds the entry '" + printable(e.name())
                        + "' twice; it is ambiguous and is refused. Nothing was imported.",
                        Map.of("field", "entry", "value", e.name(), "reason", "duplicate"));
            }
            if (e.symlink()) {
                throw new ValidationException("The archive entry '" + printable(e.name())
                        + "' is a symbolic link; links could point outside the project and are refused. Nothing was imported.",
                        Map.of("field", "entry", "value", e.name(), "reason", "symlink"));
            }
            long size = e.declaredSize() == 0xffffffffL ? 0 : e.declaredSize();
            if ((e.name().equals(MANIFEST) || e.name().equals(LEGACY_MANIFEST)) && size > options.maxManifestBytes()) {
                throw tooBig("The archive's manifest declares " + size + " bytes, more than the limit of "
                        + options.maxManifestBytes() + " (ImportOptions.maxManifestBytes)");
            }
            declared += size;
            if (declared > budget) {
                // refused before anything is inflated; what is inflated is counted again, byte by byte
                throw tooBig("The archive declares more than " + budget + " bytes once expanded, the most allowed here: "
                        + budgetReason, "budget");
            }
        }
    }

    static @Nullable String nameProblem(String name) {
        String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        return PathRules.zipNameProblemOf(n);
    }

    /**
     * Memory an import needs per byte of the archive's manifest (its JSON tree, the versions read
     * from it and their file sets while validated), measured: a 51 MB manifest of 200,000 versions
     * needs 256-512 MB of heap.
     */
    static final int MANIFEST_MEMORY_FACTOR = 10;

    /** The largest manifest this process has the memory to import now (see {@link #MANIFEST_MEMORY_FACTOR}). */
    static long manifestMemoryLimit() {
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return Math.max(0, available / MANIFEST_MEMORY_FACTOR);
    }

    static ValidationException notEnoughMemory(long manifestBytes) {
        long max = Runtime.getRuntime().maxMemory();
        String size = manifestBytes >= 0 ? "Its manifest has " + manifestBytes + " bytes; importing it needs about "
                + MANIFEST_MEMORY_FACTOR + " times that in memory" : "Importing its manifest needs more memory";
        return new ValidationException("This archive's history is too large for the memory of this program. " + size
                + ", and this program may use " + (max >> 20) + " MB (start it with more, e.g. java -Xmx"
                + Math.max(1, (2 * Math.max(manifestBytes, 0) * MANIFEST_MEMORY_FACTOR) >> 30) + "g). Nothing was imported.",
                Map.of("field", "limits", "value", "memory", "limit", "memory", "manifestBytes", manifestBytes,
                        "maxMemory", max));
    }

    /**
     * Reads and parses the archive's manifest ({@code manifest.json}, else the original
     * implementation's {@code .store/manifest.json}) before anything is staged: its declared and
     * then its actual size are held against {@code maxManifestBytes} and against the memory this
     * process has ({@link #manifestMemoryLimit}), so a giant manifest is a typed refusal, never an
     * OutOfMemoryError.
     */
    JcfManifestCodec.Manifest readManifest(Path file) throws IOException {
        byte[] json;
        try (ZipFile zip = open(file)) {
            ZipEntry ze = zip.getEntry(MANIFEST);
            if (ze == null || ze.isDirectory()) {
                ze = zip.getEntry(LEGACY_MANIFEST);
            }
            if (ze == null || ze.isDirectory()) {
                throw ZipDirectory.notAnArchive("it has no manifest.json");
            }
            long memoryLimit = manifestMemoryLimit();
            long declared = ze.getSize();
            if (declared > options.maxManifestBytes()) {
                throw tooBig("The archive's manifest declares " + declared + " bytes, more than the limit of "
                        + options.maxManifestBytes() + " (ImportOptions.maxManifestBytes)");
            }
            if (declared > memoryLimit) {
                throw notEnoughMemory(declared);
            }
            try {
                if (declared >= 0) {
                    byte[] exact = new byte[(int) declared];
                    int[] at = {0};
                    copy(zip, ze, new OutputStream() {
                        @Override
                        public void write(int b) {
                            exact[at[0]++] = (byte) b;
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                            System.arraycopy(b, off, exact, at[0], len); // copy() stops before the declared size is passed
                            at[0] += len;
                        }
                    }, declared, n -> notEnoughMemory(n));
                    json = exact;
                } else {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    long limit = Math.min(options.maxManifestBytes(), memoryLimit);
                    copy(zip, ze, out, limit, n -> limit == memoryLimit ? notEnoughMemory(n)
                            : tooBig("The archive's manifest expands to more than " + limit + " bytes (ImportOptions.maxManifestBytes)"));
                    json = out.toByteArray();
                }
            } catch (OutOfMemoryError e) {
                throw notEnoughMemory(declared);
            }
        }
        try {
            return JcfManifestCodec.read(json);
        } catch (OutOfMemoryError e) {
            int size = json.length;
            json = null;
            throw notEnoughMemory(size);
        }
    }

    // ---------------------------------------------------------------- reading entries

    static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile(), ZipFile.OPEN_READ, StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new CorruptionException("The archive cannot be read as a ZIP (" + e.getMessage() + "). Nothing was imported.",
                    Map.of("corruptedItem", "archive", "reason", String.valueOf(e.getMessage())), e);
        }
    }

    byte[] readAll(ZipFile zip, ZipEntry ze, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy(zip, ze, out, limit, n -> tooBig("The entry '" + printable(ze.getName()) + "' expands to more than " + limit + " bytes"));
        return out.toByteArray();
    }

    void stage(ZipFile zip, ZipEntry ze, StagingAdapter staging, String name) throws IOException {
        FileSystemAdapter.AtomicOutput out = staging.openWrite(name);
        try {
            copy(zip, ze, out, Long.MAX_VALUE, null);
        } catch (IOException | RuntimeException | Error e) {
            try {
                out.abort();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        out.close();
    }

    /** Inflates one entry, counting real bytes against the limits and checking its size and CRC. */
    private void copy(ZipFile zip, ZipEntry ze, OutputStream out, long entryLimit,
                      @Nullable LongFunction<? extends RuntimeException> overLimit) throws IOException {
        String name = ze.getName();
        CRC32 crc = new CRC32();
        long n = 0;
        long declared = ze.getSize();
        byte[] buf = new byte[IO_BLOCK];
        InputStream in;
        try {
            in = zip.getInputStream(ze);
        } catch (IOException e) {
            throw corruptEntry(name, "cannot be opened (" + e.getMessage() + ")", e);
        }
        try (in) {
            while (true) {
                int r;
                try {
                    r = in.read(buf);
                } catch (IOException e) {
                    throw corruptEntry(name, "cannot be decompressed (" + e.getMessage() + ")", e);
                }
                if (r < 0) {
                    break;
                }
                n += r;
                count(r);
                if (declared >= 0 && n > declared) {
                    throw corruptEntry(name, "expands beyond its declared size of " + declared + " bytes", null);
                }
                if (n > entryLimit) {
                    // Without a handler the limit is Long.MAX_VALUE, which n never exceeds.
                    throw Objects.requireNonNull(overLimit, "entry limit without a handler").apply(n);
                }
                crc.update(buf, 0, r);
                out.write(buf, 0, r);
                op.checkpoint();
            }
        }
        if (declared >= 0 && n != declared) {
            throw corruptEntry(name, "has " + n + " bytes, not the declared " + declared, null);
        }
        if (ze.getCrc() >= 0 && crc.getValue() != ze.getCrc()) {
            throw corruptEntry(name, "fails its CRC check", null);
        }
    }
}
