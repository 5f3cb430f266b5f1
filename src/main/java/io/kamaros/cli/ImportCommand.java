package io.kamaros.cli;

import io.kamaros.engine.ImportOptions;
import io.kamaros.engine.ImportResult;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
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
        boolean created = !Files.exists(root);
        ImportResult r;
        try (Project p = Project.create(root, CliSettings.load(root), new FileAdapter.Options(), cli.env(),
                cli.passwords(), false)) {
            r = cli.longOperation(p, token -> {
                try {
                    return p.jcf().importData(source, ImportOptions.defaults().cancel(token));
                } catch (io.kamaros.engine.PasswordException e) {
                    if (!io.kamaros.engine.ErrorCodes.PASSWORD_REQUIRED.equals(e.code())) {
                        throw e;
                    }
                    // An encrypted archive (checked before anything was staged): again, with its password.
                    char[] password = cli.passwords().forOpening(source.toString(), e.getMessage());
                    return p.jcf().importData(source, ImportOptions.defaults().password(password).cancel(token));
                }
            });
        } catch (RuntimeException e) {
            if (created) {
                deleteTree(root); // the folder was ours: leave nothing behind a failed import
            }
            throw e;
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
