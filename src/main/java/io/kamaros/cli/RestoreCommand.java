package io.kamaros.cli;

import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.RestorePlan;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.jspecify.annotations.Nullable;

@Command(name = "restore", aliases = "checkout", description = {"Bring back a version: the whole working copy, chosen files (after --), or into another folder.",
    "Uncommitted work that would be overwritten is first saved as an automatic checkpoint (unless --force), so a restore can be undone."})
final class RestoreCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "VERSION", description = "Id, id prefix, tag, HEAD or HEAD~N.")
    String version;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "FILE", description = "Only these files (or folders).")
    List<String> files = new ArrayList<>();

    @Option(names = {"-f", "--force"}, description = "Overwrite uncommitted changes without saving them first.")
    boolean force;

    @Option(names = "--to", paramLabel = "FOLDER", description = "Write the version into FOLDER instead of the working copy.")
    @Nullable Path to;

    @Option(names = {"-n", "--dry-run"}, description = "Show what would be written, deleted and saved first; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        try (Project p = cli.openProject()) {
            Version v = p.jcf().getVersion(version).orElseThrow(() -> new VersionNotFoundException(version));
            RestoreOptions.Builder options = RestoreOptions.builder().force(force);
            List<String> paths = files.stream().map(f -> p.projectPath(cli.cwd(), f)).toList();
            if (!paths.isEmpty()) {
                options.paths(paths);
            }
            Path target = to == null ? null : cli.base().resolve(to).toAbsolutePath().normalize();
            if (target != null) {
                options.target(target);
            }
            if (dryRun) {
                return printPlan(p, v, p.jcf().planRestore(v.id(), options.build()), target);
            }
            RestoreResult r = cli.longOperation(p, token -> p.jcf().restoreVersion(v.id(), options.cancel(token).build()));
            if (cli.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("version", v.id());
                m.put("target", target == null ? p.workingCopy() : target);
                m.put("files", paths);
                m.put("filesRestored", r.filesRestored());
                m.put("filesDeleted", r.filesDeleted());
                m.put("autoSavedVersion", r.autoSavedVersionId());
                m.put("previousVersion", r.previousVersionId());
                m.put("undoVersion", target == null ? r.undoVersionId() : null);
                m.put("undoFiles", target == null ? r.undoPaths() : List.of());
                m.put("durationMillis", r.duration() == null ? null : r.duration().toMillis());
                cli.json(m);
                return ExitCodes.OK;
            }
            cli.print("Restored " + v.shortId() + (target == null ? "" : " into " + target) + ": " + r.filesRestored()
                    + " files written, " + r.filesDeleted() + " deleted.");
            if (r.autoSavedVersionId() != null) {
                cli.info("Your uncommitted changes were saved first as " + Views.shortId(r.autoSavedVersionId()) + ".");
            }
            if (target == null && r.undoVersionId() != null) {
                cli.info("Undo with 'kamaros restore " + Views.shortId(r.undoVersionId())
                        + (r.undoPaths().isEmpty() ? "" : " -- " + String.join(" ", r.undoPaths())) + "'.");
            }
        }
        return ExitCodes.OK;
    }

    private int printPlan(Project p, Version v, RestorePlan plan, @Nullable Path target) {
        if (cli.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", v.id());
            m.put("target", target == null ? p.workingCopy() : target);
            m.put("files", plan.paths());
            m.put("dryRun", true);
            m.put("written", plan.written());
            m.put("created", plan.created());
            m.put("deleted", plan.deleted());
            m.put("foldersCreated", plan.foldersCreated());
            m.put("foldersRemoved", plan.foldersRemoved());
            m.put("autoSave", plan.autoSave());
            m.put("uncommitted", plan.uncommitted());
            cli.json(m);
            return ExitCodes.OK;
        }
        cli.print("Restoring " + v.shortId() + (target == null ? "" : " into " + target) + " would write "
                + plan.written().size() + (plan.written().size() == 1 ? " file" : " files") + " and delete "
                + plan.deleted().size() + ":");
        for (String f : plan.written()) {
            cli.print((plan.created().contains(f) ? "  A " : "  M ") + f);
        }
        for (String f : plan.deleted()) {
            cli.print("  D " + f);
        }
        for (String f : plan.foldersCreated()) {
            cli.print("  A " + f + "/");
        }
        for (String f : plan.foldersRemoved()) {
            cli.print("  D " + f + "/");
        }
        if (plan.autoSave()) {
            cli.info("Your " + plan.uncommitted().size() + " uncommitted " + (plan.uncommitted().size() == 1
                    ? "change" : "changes") + " would be saved first as an automatic checkpoint.");
        }
        cli.info("Nothing was changed (--dry-run).");
        return ExitCodes.OK;
    }
}
