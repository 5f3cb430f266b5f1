package io.kamaros.cli;

import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.model.GcReport;
import io.kamaros.frontend.ByteSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "gc", description = "Remove stored objects no version needs.")
final class GcCommand extends BaseCommand {
    @Option(names = {"-n", "--dry-run"}, description = "Only report what would be removed.")
    boolean dryRun;

    @Option(names = "--aggressive", description = "Also compact whole text copies that patches can rebuild.")
    boolean aggressive;

    @Override
    public Integer call() {
        try (Project p = cli.openProject()) {
            GcReport r = cli.longOperation(p, token -> p.jcf().runGc(GcOptions.defaults().dryRun(dryRun)
                    .aggressive(aggressive).cancel(token)));
            if (cli.json()) {
                cli.json(r);
                return ExitCodes.OK;
            }
            String verb = r.dryRun() ? "Would remove" : "Removed";
            cli.print(verb + " " + r.blobsRemoved() + " blobs, " + r.chunksRemoved() + " chunks, " + r.deltasRemoved()
                    + " patches, " + r.tempRemoved() + " temp files: " + ByteSize.iec(r.spaceFreed())
                    + (r.dryRun() ? " would be freed." : " freed."));
        }
        return ExitCodes.OK;
    }
}
