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

    @Option(names = "--purge", description = "Rewrite every pack that holds a removed object, so its bytes leave "
            + "the disk (without it a pack is rewritten only once most of it is unused).")
    boolean purge;

    @Override
    public Integer call() {
        try (Project p = cli.openProject()) {
            GcReport r = cli.longOperation(p, token -> p.jcf().runGc(GcOptions.builder().dryRun(dryRun)
                    .aggressive(aggressive).purge(purge).cancel(token).build()));
            if (cli.json()) {
                cli.json(r);
                return ExitCodes.OK;
            }
            String verb = r.dryRun() ? "Would remove" : "Removed";
            cli.print(verb + " " + r.blobsRemoved() + " blobs, " + r.chunksRemoved() + " chunks, " + r.deltasRemoved()
                    + " patches, " + r.tempRemoved() + " temp files: " + ByteSize.iec(r.spaceFreed())
                    + (r.dryRun() ? " would be freed." : " freed."));
            if (r.packsRemoved() + r.packsRewritten() + r.packsMerged() + r.objectsPacked() > 0) {
                cli.print((r.dryRun() ? "Would delete " : "Deleted ") + r.packsRemoved() + " packs, "
                        + (r.dryRun() ? "rewrite " : "rewrote ") + r.packsRewritten() + " mostly unused packs, "
                        + (r.dryRun() ? "merge " : "merged ") + r.packsMerged() + " small packs, "
                        + (r.dryRun() ? "pack " : "packed ") + r.objectsPacked() + " loose objects: "
                        + ByteSize.iec(Math.max(0, r.packBytesFreed())) + " of pack files "
                        + (r.dryRun() ? "would be freed." : "freed."));
            }
        }
        return ExitCodes.OK;
    }
}
