package io.kamaros.cli;

import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "tag", description = "Name a version (tag VERSION NAME), or list tags (no arguments).")
final class TagCommand extends BaseCommand {
    @Parameters(arity = "0..2", paramLabel = "VERSION NAME")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        if (args.size() == 1) {
            throw CliException.badArgument("Give a version and a name: kamaros tag VERSION NAME.");
        }
        try (Project p = cli.openProject()) {
            if (args.isEmpty()) {
                Map<String, String> tags = new TreeMap<>();
                for (Version v : p.jcf().getHistory()) {
                    v.tags().forEach(t -> tags.put(t, v.id()));
                }
                if (cli.json()) {
                    cli.json(tags);
                } else {
                    tags.forEach((t, id) -> cli.print(t + " " + Views.shortId(id)));
                }
                return ExitCodes.OK;
            }
            String ref = args.get(0);
            String name = args.get(1);
            Version v = p.jcf().getVersion(ref).orElseThrow(() -> new VersionNotFoundException(ref));
            if (!p.jcf().tagVersion(v.id(), name)) {
                String other = p.jcf().getVersion(name).map(Version::shortId).orElse("another version");
                throw new CliException(ExitCodes.GENERAL, "TAG_EXISTS", "The tag '" + name + "' already names " + other
                        + "; tags never move. Choose another name.");
            }
            if (cli.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("tag", name);
                m.put("version", v.id());
                cli.json(m);
            } else {
                cli.info("Tagged " + v.shortId() + " as " + name);
            }
        }
        return ExitCodes.OK;
    }
}
