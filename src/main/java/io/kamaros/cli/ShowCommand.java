package io.kamaros.cli;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionNotFoundException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "Show a version: who, when, why, and what it changed.")
final class ShowCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "VERSION", description = "Id, id prefix, tag, HEAD or HEAD~N (default HEAD).")
    String version = "HEAD";

    @Mixin
    DiffFormat format = new DiffFormat();

    @Override
    public Integer call() {
        try (Project p = cli.openProject()) {
            JcfManager jcf = p.jcf();
            Version v = jcf.getVersion(version).orElseThrow(() -> new VersionNotFoundException(version));
            List<Diffs.Entry> entries = Diffs.between(jcf, v.parentId(), v.id());
            String head = jcf.getCurrentVersion().map(Version::id).orElse(null);
            if (cli.json()) {
                Map<String, Object> m = Views.version(v);
                m.put("head", v.id().equals(head));
                m.put("files", format.json(entries));
                cli.json(m);
                return ExitCodes.OK;
            }
            String decorations = LogCommand.decorations(v, head);
            cli.print("version " + v.id() + (decorations.isEmpty() ? "" : " (" + decorations + ")"));
            if (v.parentId() != null) {
                cli.print("Parent: " + v.parentId());
            }
            cli.print("Author: " + v.author() + (v.email() == null ? "" : " <" + v.email() + ">"));
            cli.print("Date:   " + LogCommand.DATE.format(v.timestamp()));
            cli.print("");
            v.message().lines().forEach(l -> cli.print("    " + l));
            cli.print("");
            format.print(cli, entries);
            List<String> folders = Views.folderChanges(jcf, v);
            if (!folders.isEmpty()) {
                cli.print("Empty folders:");
                folders.forEach(f -> cli.print("  " + f));
            }
        }
        return ExitCodes.OK;
    }
}
