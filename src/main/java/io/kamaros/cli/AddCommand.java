package io.kamaros.cli;

import io.kamaros.frontend.ByteSize;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", description = {"Copy files or folders from anywhere on disk into the working copy.",
    "Files already in the working copy need no adding: every change there is saved by the next commit."})
final class AddCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to add.")
    List<String> paths;

    @Option(names = "--to", paramLabel = "FOLDER", description = "Project folder to put them in (default: the top).")
    String to;

    @Option(names = {"-v", "--verbose"}, description = "Name each file added.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        try (Project p = cli.openProject()) {
            Path wc = p.workingCopy().toAbsolutePath().normalize();
            String prefix = to == null || to.isBlank() ? "" : p.projectPath(cli.base(), to) + "/";
            List<Map<String, Object>> added = new ArrayList<>();
            List<String> already = new ArrayList<>();
            long bytes = 0;
            for (String arg : paths) {
                Path src = cli.base().resolve(arg).toAbsolutePath().normalize();
                if (!Files.exists(src, LinkOption.NOFOLLOW_LINKS)) {
                    throw CliException.notFound("'" + arg + "' does not exist.");
                }
                if (src.startsWith(wc)) {
                    already.add(src.equals(wc) ? "." : wc.relativize(src).toString());
                    continue;
                }
                if (p.root().startsWith(src) || src.startsWith(p.root()) || wc.startsWith(src)) {
                    throw CliException.badArgument("'" + arg + "' holds the project itself; add the files inside it instead.");
                }
                for (Path file : filesOf(src)) {
                    String rel = src.equals(file) ? file.getFileName().toString()
                            : src.getFileName() + "/" + src.relativize(file);
                    String target = prefix + rel.replace(File.separatorChar, '/');
                    try (InputStream in = Files.newInputStream(file)) {
                        p.jcf().addFile(target, in);
                    }
                    long size = Files.size(file);
                    bytes += size;
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("source", file);
                    m.put("path", target);
                    m.put("size", size);
                    added.add(m);
                    if (verbose && !cli.json()) {
                        cli.info("added " + target);
                    }
                }
            }
            if (cli.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("added", added);
                m.put("alreadyInWorkingCopy", already);
                cli.json(m);
            } else {
                if (!already.isEmpty()) {
                    cli.info("Already in the working copy (saved by the next commit): " + String.join(", ", already));
                }
                if (!added.isEmpty()) {
                    cli.info("Added " + added.size() + (added.size() == 1 ? " file" : " files") + " (" + ByteSize.iec(bytes)
                            + "); 'kamaros commit -m MESSAGE' saves them.");
                }
            }
        }
        return ExitCodes.OK;
    }

    /** Regular files of a file or folder, sorted; symbolic links are not followed (they could leave the folder). */
    private static List<Path> filesOf(Path src) throws IOException {
        if (Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) {
            return List.of(src);
        }
        if (!Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) {
            throw CliException.badArgument("'" + src + "' is neither a file nor a folder.");
        }
        try (Stream<Path> s = Files.walk(src)) {
            return s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }
}
