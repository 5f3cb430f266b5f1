package io.kamaros.cli;

import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.jspecify.annotations.Nullable;

@Command(name = "init", description = {"Create a project in DIR (default: the current folder).",
    "With --work-tree, FOLDER is versioned in place and the history kept in DIR (default: FOLDER/.kamaros)."})
final class InitCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Where the project (history) goes.")
    @Nullable Path dir;

    @Option(names = "--work-tree", paramLabel = "FOLDER", description = "An existing folder to version in place.")
    @Nullable Path workTree;

    @Option(names = "--author", description = "Default author of checkpoints.")
    @Nullable String author;

    @Option(names = "--email", description = "Default e-mail of checkpoints.")
    @Nullable String email;

    @Option(names = "--encrypt", description = {"Encrypt the project's stored history (AES-256-GCM). The password comes",
        "from --password-file, KAMAROS_PASSWORD, or is asked twice on a terminal."})
    boolean encrypt;

    @Option(names = "--compression-level", paramLabel = "0-9", description = "0 (store) to 9 (smallest); default 6.")
    @Nullable Integer compressionLevel;

    @Override
    public Integer call() throws IOException {
        Path base = cli.base();
        Path wt = workTree == null ? null : base.resolve(workTree).toAbsolutePath().normalize();
        Path root = (dir != null ? base.resolve(dir) : wt != null ? wt.resolve(Project.NESTED_HISTORY) : base)
                .toAbsolutePath().normalize();
        if (Project.isProject(root)) {
            throw new CliException(ExitCodes.GENERAL, "ALREADY_A_PROJECT", root + " is already a Kamaros project.");
        }
        if (wt != null && !Files.isDirectory(wt)) {
            throw CliException.notFound("The folder to version (" + wt + ") does not exist.");
        }
        if (Files.isRegularFile(root)) {
            throw CliException.badArgument(root + " is a file; a project is a folder.");
        }
        CliSettings settings = CliSettings.load(root);
        set(settings, "author", author);
        set(settings, "email", email);
        set(settings, "compressionLevel", compressionLevel == null ? null : compressionLevel.toString());
        set(settings, "workTree", wt == null ? null : wt.toString());
        boolean hadFiles = wt == null && Files.isDirectory(root) && hasFiles(root);
        FileAdapter.Options options = new FileAdapter.Options();
        if (wt != null) {
            options.workTree(wt);
        }
        try (Project p = Project.create(root, settings, options, cli.env(), cli.passwords(), encrypt)) {
            Files.createDirectories(p.workingCopy()); // people are told to put their files there right away
            if (!settings.values().isEmpty()) {
                settings.save();
            }
            if (cli.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("project", root);
                m.put("workingCopy", p.workingCopy());
                m.put("workTree", wt);
                m.put("encrypted", p.jcf().isEncrypted());
                cli.json(m);
            } else {
                cli.info("Initialized an empty " + (encrypt ? "encrypted " : "") + "Kamaros project in " + root);
                if (encrypt) {
                    cli.info("Keep the password safe: without it the history cannot be read by anyone, us included.");
                }
                cli.info("Working copy: " + p.workingCopy() + " (edit files there, then 'kamaros commit -m MESSAGE')");
                if (hadFiles) {
                    cli.info("Note: files already in " + root + " are not versioned; to version a folder in place use "
                            + "'kamaros init --work-tree FOLDER'.");
                }
            }
        }
        return ExitCodes.OK;
    }

    private static void set(CliSettings settings, String key, @Nullable String value) {
        if (value != null) {
            settings.set(key, value);
        }
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.anyMatch(p -> !p.getFileName().toString().equals("content"));
        }
    }
}
