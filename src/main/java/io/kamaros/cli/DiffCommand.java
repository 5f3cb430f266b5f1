package io.kamaros.cli;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "diff", description = {"Show changes: no version = working copy against HEAD; one = working copy against it;",
    "two = between them. Arguments that are not versions (or that follow --) are files to limit the diff to."})
final class DiffCommand extends BaseCommand {
    @Parameters(arity = "0..*", paramLabel = "[V1 [V2]] [--] [FILE...]")
    List<String> args = new ArrayList<>();

    @Mixin
    DiffFormat format = new DiffFormat();

    @Override
    public Integer call() {
        // picocli keeps "--" out of the positional list; find where it was in the original arguments.
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int dashes = original.indexOf("--");
        // Everything after "--" is positional, so the last (size - dashes - 1) arguments are files.
        int positionalBeforeDashes = dashes < 0 ? Integer.MAX_VALUE : args.size() - (original.size() - dashes - 1);
        try (Project p = cli.openProject()) {
            JcfManager jcf = p.jcf();
            List<String> versions = new ArrayList<>();
            List<String> files = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (i < positionalBeforeDashes && files.isEmpty() && versions.size() < 2) {
                    Optional<Version> v = jcf.getVersion(a);
                    if (v.isPresent()) {
                        versions.add(v.get().id());
                        continue;
                    }
                    if (dashes >= 0) {
                        throw new VersionNotFoundException(a);
                    }
                }
                files.add(p.projectPath(cli.cwd(), a));
            }
            String head = jcf.getCurrentVersion().map(Version::id).orElse(null);
            List<Diffs.Entry> entries = versions.size() == 2 ? Diffs.between(jcf, versions.get(0), versions.get(1))
                    : Diffs.toWorkingCopy(jcf, versions.isEmpty() ? head : versions.get(0));
            if (!files.isEmpty()) {
                entries = entries.stream().filter(e -> files.stream().anyMatch(f -> under(e.path(), f)
                        || (e.oldPath() != null && under(e.oldPath(), f)))).toList();
            }
            if (cli.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("from", versions.isEmpty() ? head : versions.get(0));
                m.put("to", versions.size() == 2 ? versions.get(1) : null);
                m.put("files", format.json(entries));
                cli.json(m);
            } else {
                format.print(cli, entries);
            }
        }
        return ExitCodes.OK;
    }

    static boolean under(String path, String filter) {
        return filter.isEmpty() || path.equals(filter) || path.startsWith(filter + "/");
    }
}
