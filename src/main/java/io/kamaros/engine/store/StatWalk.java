package io.kamaros.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Lists every regular file under a folder with its size and modification time, using a few
 * threads. Every status and checkpoint does this over the whole working copy, and on a project of
 * thousands of files those {@code lstat} calls are most of the work (git does the same per file);
 * folders are read in parallel, and a big folder's files are stat-ed in batches in parallel.
 * Symbolic links are not followed; files that vanish while we walk are left out.
 */
final class StatWalk extends RecursiveAction {
    private static final int BATCH = 256;
    /** Threads beyond the cores help too: a cold walk waits on the disk, not the CPU. */
    private static final ForkJoinPool POOL = new ForkJoinPool(
            Math.min(8, Math.max(4, Runtime.getRuntime().availableProcessors())));

    private final Path dir;
    private final String prefix;
    private final List<Path> batch; // non-null: stat these entries of dir
    private final Set<Path> skip;
    private final Predicate<String> keepName;
    private final Map<String, FileStat> out;

    private StatWalk(Path dir, String prefix, List<Path> batch, Set<Path> skip, Predicate<String> keepName,
                     Map<String, FileStat> out) {
        this.dir = dir;
        this.prefix = prefix;
        this.batch = batch;
        this.skip = skip;
        this.keepName = keepName;
        this.out = out;
    }

    /**
     * Files under {@code base} by relative path ({@code /}-separated), skipping the folders in
     * {@code skip} and files whose name {@code keepName} refuses.
     */
    static SortedMap<String, FileStat> run(Path base, Set<Path> skip, Predicate<String> keepName) throws IOException {
        Map<String, FileStat> out = new ConcurrentHashMap<>();
        if (Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            try {
                POOL.invoke(new StatWalk(base, "", null, skip, keepName, out));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return new TreeMap<>(out);
    }

    @Override
    protected void compute() {
        try {
            if (batch != null) {
                statAll(batch, new ArrayList<>());
                return;
            }
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                ds.forEach(entries::add);
            } catch (NoSuchFileException e) {
                return; // deleted while we walked
            }
            List<StatWalk> tasks = new ArrayList<>();
            if (entries.size() <= BATCH) {
                statAll(entries, tasks);
            } else {
                for (int i = 0; i < entries.size(); i += BATCH) {
                    tasks.add(new StatWalk(dir, prefix, entries.subList(i, Math.min(entries.size(), i + BATCH)), skip,
                            keepName, out));
                }
            }
            invokeAll(tasks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stats entries: files go to the output, folders become new tasks in {@code folders}. */
    private void statAll(List<Path> entries, List<StatWalk> folders) throws IOException {
        for (Path p : entries) {
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                continue;
            }
            String name = p.getFileName().toString();
            if (attrs.isDirectory()) {
                if (!skip.contains(p)) {
                    folders.add(new StatWalk(p, prefix + name + "/", null, skip, keepName, out));
                }
            } else if (attrs.isRegularFile() && keepName.test(name)) {
                out.put(prefix + name, new FileStat(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
            }
        }
        if (batch != null) {
            invokeAll(folders); // folders found in a batch of a big folder
        }
    }
}
