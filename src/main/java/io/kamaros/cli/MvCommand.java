package io.kamaros.cli;

import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.FileNotFoundException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "mv", aliases = "move", description = "Move or rename a file or folder; its history follows it.")
final class MvCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FROM")
    String from;

    @Parameters(index = "1", paramLabel = "TO")
    String to;

    @Option(names = {"-f", "--force"}, description = "Replace a file that already exists at TO.")
    boolean force;

    @Override
    public Integer call() {
        try (Project p = cli.openProject()) {
            String src = p.projectPath(cli.cwd(), from);
            String dst = p.projectPath(cli.cwd(), to);
            List<Map<String, String>> moved = new ArrayList<>();
            boolean isFile = !src.isEmpty() && Files.isRegularFile(p.workingCopy().resolve(src));
            if (isFile) {
                p.jcf().moveFile(src, dst, force);
                moved.add(Map.of("from", src, "to", dst));
            } else {
                // A folder: the engine moves files, so move each one below it, keeping its identity.
                List<FileInfo> inside = src.isEmpty() ? List.of() : p.jcf().listFiles(src);
                if (inside.isEmpty()) {
                    throw new FileNotFoundException(src);
                }
                for (FileInfo f : inside) {
                    String target = dst + f.path().substring(src.length());
                    p.jcf().moveFile(f.path(), target, force);
                    moved.add(Map.of("from", f.path(), "to", target));
                }
            }
            if (cli.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("moved", moved);
                cli.json(m);
            } else {
                moved.forEach(m -> cli.info("moved " + m.get("from") + " -> " + m.get("to")));
            }
        }
        return ExitCodes.OK;
    }
}
