package io.kamaros.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rm", aliases = "remove", description = "Delete files from the working copy (recorded by the next commit; history keeps them).")
final class RmCommand extends BaseCommand {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Project paths (or paths in the working copy).")
    List<String> files;

    @Option(names = {"-r", "--recursive"}, description = "Also remove folders and everything in them.")
    boolean recursive;

    @Override
    public Integer call() {
        try (Project p = cli.openProject()) {
            List<String> removed = new ArrayList<>();
            for (String f : files) {
                String path = p.projectPath(cli.cwd(), f);
                p.jcf().removeFile(path, recursive);
                removed.add(path);
                cli.info("removed " + path);
            }
            if (cli.json()) {
                cli.json(Map.of("removed", removed));
            }
        }
        return ExitCodes.OK;
    }
}
