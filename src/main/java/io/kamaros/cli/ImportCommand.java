package io.kamaros.cli;

import io.kamaros.engine.ImportOptions;
import io.kamaros.engine.ImportResult;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Make a project from a .jcf file, in DIR (default: the file's name without .jcf).")
final class ImportCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE.jcf")
    Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Path source = cli.base().resolve(file).toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            throw CliException.notFound(source + " does not exist.");
        }
        String name = source.getFileName().toString().replaceFirst("(?i)\\.jcf$", "");
        Path root = (dir != null ? cli.base().resolve(dir) : cli.base().resolve(name)).toAbsolutePath().normalize();
        if (Files.exists(root) && !Project.isProject(root) && !isEmptyDir(root)) {
            throw CliException.badArgument(root + " exists and is not empty; import into a new folder.");
        }
        boolean fresh = !Project.isProject(root); // a new folder, or an empty one
        ImportResult r;
        if (fresh) {
            r = importIntoNewFolder(source, root);
        } else {
            try (Project p = Project.create(root, CliSettings.load(root), new FileAdapter.Options(), cli.env())) {
                r = cli.longOperation(p, token -> p.jcf().importData(source, ImportOptions.defaults().cancel(token)));
            }
        }
        if (cli.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("project", root);
            m.put("projectName", r.projectName());
            m.put("versionsImported", r.versionsImported());
            m.put("filesImported", r.filesImported());
            m.put("totalSize", r.totalSize());
            cli.json(m);
        } else {
            cli.print("Imported " + r.versionsImported() + " versions, " + r.filesImported() + " files ("
                    + Sizes.human(r.totalSize()) + ") into " + root);
        }
        return ExitCodes.OK;
    }

    /** Marks the folder an import builds a new project in, beside its target: {@code .<name>.kamaros-import-<pid>-<uuid>}. */
    static final String STAGING_INFIX = ".kamaros-import-";
    private static final Pattern STAGING_NAME = Pattern.compile("\\..+" + Pattern.quote(STAGING_INFIX)
            + "([0-9]{1,19})-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /**
     * A new project is built in a hidden folder beside {@code root} and renamed to it only once the
     * import is complete, so a killed import never leaves a half (or empty) project at the target.
     * What a killed import left beside it is removed first ({@link #removeStaleStaging}).
     */
    private ImportResult importIntoNewFolder(Path source, Path root) throws IOException {
        Path parent = root.getParent();
        Files.createDirectories(parent);
        removeStaleStaging(parent);
        Path staging = parent.resolve("." + root.getFileName() + STAGING_INFIX + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID());
        ImportResult r;
        try {
            try (Project p = Project.create(staging, CliSettings.load(staging), new FileAdapter.Options(), cli.env())) {
                r = cli.longOperation(p, token -> p.jcf().importData(source, ImportOptions.defaults().cancel(token)));
            }
            if (Files.isDirectory(root) && isEmptyDir(root)) {
                Files.delete(root);
            }
            Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteTree(staging); // the folder was ours: leave nothing behind a failed import
            throw e;
        }
        return r;
    }

    /**
     * Removes the folders that imports killed before they finished left in {@code parent}: only
     * names of the staging pattern, only folders, only when the process named in them has ended.
     */
    static void removeStaleStaging(Path parent) {
        try (Stream<Path> s = Files.list(parent)) {
            for (Path d : s.toList()) {
                Matcher m = STAGING_NAME.matcher(d.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long pid = Long.parseLong(m.group(1));
                if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // an import still running
                }
                deleteTree(d);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover is only space, and the next import tries again
        }
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the error being reported matters more
        }
    }
}
