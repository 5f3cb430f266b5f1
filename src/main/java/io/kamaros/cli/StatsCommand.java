package io.kamaros.cli;

import io.kamaros.engine.model.ProjectStats;
import io.kamaros.frontend.ByteSize;
import java.util.Locale;
import picocli.CommandLine.Command;

@Command(name = "stats", description = "Figures about the project: versions, files, sizes, deduplication.")
final class StatsCommand extends BaseCommand {
    @Override
    public Integer call() {
        try (Project p = cli.openProject()) {
            ProjectStats s = p.jcf().getStats();
            if (cli.json()) {
                cli.json(s);
                return ExitCodes.OK;
            }
            cli.print("Versions:        " + s.totalVersions()
                    + (s.oldestVersion() == null ? "" : " (" + s.oldestVersion().timestamp() + " .. " + s.newestVersion().timestamp() + ")"));
            cli.print("Files (HEAD):    " + s.totalFiles() + " (" + s.filesByType().text() + " text, " + s.filesByType().binary()
                    + " binary), " + ByteSize.iec(s.totalSize()));
            if (s.largestFile() != null) {
                cli.print("Largest file:    " + s.largestFile().path() + " (" + ByteSize.iec(s.largestFile().size()) + ")");
            }
            cli.print("Working copy:    " + ByteSize.iec(s.contentSize()));
            cli.print("Stored objects:  " + ByteSize.iec(s.blobsSize()) + " blobs and chunks, " + ByteSize.iec(s.deltasSize())
                    + " patches, " + ByteSize.iec(s.manifestSize()) + " manifest and journal");
            cli.print("Deduplication:   " + s.uniqueBlobs() + " distinct contents for " + s.blobReferences()
                    + " file entries (" + String.format(Locale.ROOT, "%.2f", s.deduplicationRatio()) + "x)");
        }
        return ExitCodes.OK;
    }
}
