package io.kamaros.cli;

import java.nio.file.Path;
import java.util.Collections;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.jspecify.annotations.Nullable;

@Command(name = "config", description = {"Show or change project settings (kept in <project>/" + CliSettings.FILE + ").",
    "Keys: author, email, compressionLevel (0-9), autoGC (true/false), maxFileSize (bytes), snapshotInterval, workTree, "
        + "autosave (the app's autosave: true/false), autosaveSettle and autosaveInterval (30s, 10m, 1h).",
    "JCF_AUTHOR, JCF_EMAIL, JCF_COMPRESSION_LEVEL, JCF_MAX_FILE_SIZE override them; command options override both."})
final class ConfigCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "KEY")
    @Nullable String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE")
    @Nullable String value;

    @Option(names = "--unset", description = "Remove KEY.")
    boolean unset;

    @Override
    public Integer call() {
        Path root = Project.find(cli.base());
        CliSettings settings = CliSettings.load(root);
        if (key == null) {
            if (cli.json()) {
                cli.json(settings.values());
            } else {
                // the remotes kept in the same file are listed by 'kamaros remote list'
                settings.values().forEach((k, v) -> {
                    if (CliSettings.KEYS.contains(k)) {
                        cli.print(k + "=" + v);
                    }
                });
            }
            return ExitCodes.OK;
        }
        if (!CliSettings.KEYS.contains(key)) {
            throw CliException.badArgument("Unknown setting '" + key + "'. Known: " + String.join(", ", CliSettings.KEYS) + ".");
        }
        if (unset || value != null) {
            settings.set(key, unset ? null : value);
            settings.save();
            if (cli.json()) {
                cli.json(settings.values());
            }
            return ExitCodes.OK;
        }
        String current = settings.get(key);
        if (cli.json()) {
            cli.json(Collections.singletonMap(key, settings.values().get(key)));
            return ExitCodes.OK;
        }
        if (current == null) {
            return ExitCodes.GENERAL; // as git config: an unset key prints nothing and exits 1
        }
        cli.print(current);
        return ExitCodes.OK;
    }
}
