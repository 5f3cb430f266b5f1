package io.kamaros.cli;

import io.kamaros.engine.Remotes;
import io.kamaros.engine.model.RemoteVerifyResult;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerifyOptions;
import picocli.CommandLine.Command;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

@Command(name = "verify", description = {"Check the project's integrity (exit code 5 when history is damaged).",
    "--deep re-reads and re-hashes every stored object; --repair fixes what redundancy allows."})
final class VerifyCommand extends BaseCommand {
    /** Warnings lose nothing (e.g. one per unsaved file); a few are enough on a terminal. */
    private static final int MAX_WARNINGS = 5;

    @Option(names = "--deep", description = "Re-hash every blob, chunk and patch.")
    boolean deep;

    @Option(names = {"--repair", "--fix"}, description = "Repair what can be rebuilt without inventing history.")
    boolean repair;

    @Option(names = "--remote", paramLabel = "NAME", description = {"Check a remote instead: its listing, push records",
        "and head (with --deep: download, re-hash and read every pack)."})
    @Nullable String remote;

    @Override
    public Integer call() {
        if (remote != null) {
            return verifyRemote(remote);
        }
        try (Project p = cli.openProject()) {
            VerificationReport r = cli.longOperation(p, token -> p.jcf().verifyIntegrity(VerifyOptions.builder()
                    .deep(deep).repair(repair).cancel(token).build()));
            if (cli.json()) {
                cli.json(r);
            } else {
                r.repaired().forEach(s -> cli.print("repaired: " + s));
                r.errors().forEach(f -> cli.print("error: " + f.message() + (f.suggestion() == null ? "" : " (" + f.suggestion() + ")")));
                r.warnings().stream().limit(MAX_WARNINGS).forEach(f -> cli.info("warning: " + f.message()));
                if (r.warnings().size() > MAX_WARNINGS) {
                    cli.info("... and " + (r.warnings().size() - MAX_WARNINGS) + " more warnings (--json lists them all).");
                }
                cli.print(r.valid() ? "OK: the history is intact" + (deep ? " (every object re-hashed)." : ".")
                        : "DAMAGED: " + r.errors().size() + " problem(s) found" + (repair ? " that repair could not fix." : "; try --repair."));
            }
            return r.valid() ? ExitCodes.OK : ExitCodes.INTEGRITY;
        }
    }

    private int verifyRemote(String name) {
        try (Project p = cli.openProject()) {
            Remotes remotes = new Remotes(p.jcf(), cli.env());
            RemoteVerifyResult r = cli.longOperation(p, token -> remotes.verify(name, deep, token));
            if (cli.json()) {
                cli.json(r);
            } else {
                r.problems().forEach(problem -> cli.print("error: " + problem));
                cli.print((r.intact() ? "OK: " : "DAMAGED: " + r.problems().size() + " problem(s); ") + r.records()
                        + " push records, " + r.versions() + " versions, " + r.packs() + " packs"
                        + (deep ? " (every pack re-hashed)." : " (listing and records; --deep re-hashes the packs)."));
            }
            return r.intact() ? ExitCodes.OK : ExitCodes.INTEGRITY;
        }
    }
}
