package io.kamaros.engine.store;

import io.kamaros.engine.model.UnversionableFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Lists every regular file under a folder with its size, modification time and change stamp, using a few
 * threads. Every status and checkpoint does this over the whole working copy, and on a project of
 * thousands of files those {@code lstat} calls are most of the work (git does the same per file);
 * folders are read in parallel, and a big folder's files are stat-ed in batches in parallel.
 * Symbolic links are not followed; files that vanish while we walk are left out. Entries that are
 * not regular files (links, FIFOs, sockets, devices) and folders or entries that cannot be read
 * are reported to {@code notListed}, so the scan can say why they are not versioned.
 */
final class StatWalk extends RecursiveAction {
    private static final int BATCH = 256;
    /** Threads beyond the cores help too: a cold walk waits on the disk, not the CPU. */
    private static final ForkJoinPool POOL = new ForkJoinPool(
            Math.min(8, Math.max(4, Runtime.getRuntime().availableProcessors())));

    private final Path dir;
    private final String prefix;
    private final @Nullable List<Path> batch; // non-null: stat these entries of dir
    private final Set<Path> skip;
    private final Predicate<String> keepName;
    private final Map<String, FileStat> out;
    private final Queue<UnversionableFile> notListed;
    /** Every folder walked into (relative), or null when not asked for. */
    private final @Nullable Queue<String> folders;

    private StatWalk(Path dir, String prefix, @Nullable List<Path> batch, Set<Path> skip, Predicate<String> keepName,
                     Map<String, FileStat> out, Queue<UnversionableFile> notListed,
                     @Nullable Queue<String> folders) {
        this.folders = folders;
        this.dir = dir;
        this.prefix = prefix;
        this.batch = batch;
        this.skip = skip;
        this.keepName = keepName;
        this.out = out;
        this.notListed = notListed;
    }

    /**
     * Files under {@code base} by relative path ({@code /}-separated), skipping the folders in
     * {@code skip} and files whose name {@code keepName} refuses.
     */
    static SortedMap<String, FileStat> run(Path base, Set<Path> skip, Predicate<String> keepName) throws IOException {
        return run(base, skip, keepName, new ArrayList<>());
    }

    /** Like {@link #run(Path, Set, Predicate)}, adding what it could not list to {@code notListed} (sorted by path). */
    static SortedMap<String, FileStat> run(Path base, Set<Path> skip, Predicate<String> keepName,
                                           List<UnversionableFile> notListed) throws IOException {
        return run(base, skip, keepName, notListed, null);
    }

    /** Like {@link #run(Path, Set, Predicate, List)}, adding every folder walked into to {@code folders} (when not null). */
    static SortedMap<String, FileStat> run(Path base, Set<Path> skip, Predicate<String> keepName,
                                           List<UnversionableFile> notListed, @Nullable Collection<String> folders)
            throws IOException {
        Queue<String> found = folders == null ? null : new ConcurrentLinkedQueue<>();
        Map<String, FileStat> out = new ConcurrentHashMap<>();
        Queue<UnversionableFile> problems = new ConcurrentLinkedQueue<>();
        if (Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            // The top folder itself must be readable: failing there is an error, not a report.
            try (DirectoryStream<Path> probe = Files.newDirectoryStream(base)) {
                // reading the first entry is the check; whether there is one does not matter
                boolean unused = probe.iterator().hasNext();
            }
            try {
                POOL.invoke(new StatWalk(base, "", null, skip, keepName, out, problems, found));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        List<UnversionableFile> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparing(UnversionableFile::path));
        notListed.addAll(sorted);
        if (folders != null) {
            folders.addAll(found);
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
            } catch (IOException | DirectoryIteratorException e) {
                if (prefix.isEmpty()) {
                    throw e instanceof IOException io ? io : ((DirectoryIteratorException) e).getCause();
                }
                // One folder that cannot be read (permissions, an I/O error) does not stop the walk.
                notListed.add(new UnversionableFile(prefix.substring(0, prefix.length() - 1),
                        UnversionableFile.Reason.UNREADABLE, "the folder cannot be read (" + describe(e) + ")"));
                return;
            }
            List<StatWalk> tasks = new ArrayList<>();
            if (entries.size() <= BATCH) {
                statAll(entries, tasks);
            } else {
                for (int i = 0; i < entries.size(); i += BATCH) {
                    tasks.add(new StatWalk(dir, prefix, entries.subList(i, Math.min(entries.size(), i + BATCH)), skip,
                            keepName, out, notListed, folders));
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
            LinkStat attrs;
            String name = p.getFileName().toString();
            try {
                attrs = LinkStat.of(p);
            } catch (NoSuchFileException e) {
                continue;
            } catch (IOException e) {
                notListed.add(new UnversionableFile(prefix + name, UnversionableFile.Reason.UNREADABLE,
                        "it cannot be read (" + describe(e) + ")"));
                continue;
            }
            if (attrs.directory()) {
                if (!skip.contains(p)) {
                    if (this.folders != null) {
                        this.folders.add(prefix + name);
                    }
                    folders.add(new StatWalk(p, prefix + name + "/", null, skip, keepName, out, notListed,
                            this.folders));
                }
            } else if (!keepName.test(name)) {
                continue;
            } else if (attrs.regularFile()) {
                out.put(prefix + name, attrs.stat());
            } else if (attrs.symbolicLink()) {
                notListed.add(new UnversionableFile(prefix + name, UnversionableFile.Reason.SYMLINK, linkDetail(p)));
            } else {
                notListed.add(new UnversionableFile(prefix + name, UnversionableFile.Reason.SPECIAL_FILE,
                        "a special file (FIFO, socket or device) has no content to save"));
            }
        }
        if (batch != null) {
            invokeAll(folders); // folders found in a batch of a big folder
        }
    }

    /** What is said of a symbolic link: its target, never followed. */
    static String linkDetail(Path link) {
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            target = "?";
        }
        return "a symbolic link to " + target + " (links are not followed or saved; copy the file in if it belongs to the project)";
    }

    static String describe(Throwable e) {
        Throwable c = e instanceof DirectoryIteratorException && e.getCause() != null ? e.getCause() : e;
        if (c instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = c.getMessage();
        return c.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
