package io.kamaros.cli;

import io.kamaros.engine.model.ExportOptions;
import io.kamaros.engine.model.ExportResult;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionNotFoundException;
import io.kamaros.frontend.ByteSize;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = "Write the project as one portable .jcf file (any unzip tool opens it).")
final class ExportCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE.jcf")
    Path file;

    @Option(names = {"-v", "--version"}, paramLabel = "V", description = "The version whose files go under content/ (default HEAD).")
    String version;

    @Option(names = "--no-history", description = "Only that version's files, without the history.")
    boolean noHistory;

    @Override
    public Integer call() {
        Path target = cli.base().resolve(file).toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw CliException.badArgument(target + " is a folder; name the .jcf file to write.");
        }
        try (Project p = cli.openProject()) {
            ExportOptions options = ExportOptions.defaults().includeHistory(!noHistory);
            if (version != null) {
                options.versionId(p.jcf().getVersion(version).map(Version::id).orElseThrow(() -> new VersionNotFoundException(version)));
            }
            ExportResult r = cli.longOperation(p, token -> p.jcf().export(target, options.cancel(token)));
            if (cli.json()) {
                cli.json(r);
            } else {
                cli.print("Exported " + r.versions() + " versions (" + r.entries() + " entries, " + ByteSize.iec(r.bytesWritten())
                        + ") to " + r.file());
            }
        }
        return ExitCodes.OK;
    }
}
