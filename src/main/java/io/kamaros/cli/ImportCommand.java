package io.kamaros.cli;
import io.kamaros.engine.NewProjectImport;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.ImportResult;
import io.kamaros.engine.model.PasswordException;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.frontend.ByteSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import org.jspecify.annotations.Nullable;

@Command(name = "import", description = "Make a project from a .jcf file, in DIR (default: the file's name without .jcf).")
final class ImportCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE.jcf")
    Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR")
    @Nullable Path dir;

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
            try (Project p = Project.create(root, CliSettings.load(root), new FileAdapter.Options(), cli.env(),
                    cli.passwords(), false)) {
                r = importInto(p, source);
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
                    + ByteSize.iec(r.totalSize()) + ") into " + root);
        }
        return ExitCodes.OK;
    }

    /** A new project, built beside {@code root} and renamed to it only when complete ({@link NewProjectImport}). */
    private ImportResult importIntoNewFolder(Path source, Path root) throws IOException {
        return NewProjectImport.build(root, staging -> {
            try (Project p = Project.create(staging, CliSettings.load(staging), new FileAdapter.Options(), cli.env(),
                    cli.passwords(), false)) {
                return importInto(p, source);
            }
        });
    }

    private ImportResult importInto(Project p, Path source) {
        return cli.longOperation(p, token -> {
            try {
                return p.jcf().importData(source, ImportOptions.builder().cancel(token).build());
            } catch (PasswordException e) {
                if (!ErrorCodes.PASSWORD_REQUIRED.equals(e.code())) {
                    throw e;
                }
                // An encrypted archive (checked before anything was staged): again, with its password.
                char[] password = cli.passwords().forOpening(source.toString(), e.getMessage());
                return p.jcf().importData(source, ImportOptions.builder().password(password).cancel(token).build());
            }
        });
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
