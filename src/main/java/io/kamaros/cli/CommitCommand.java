package io.kamaros.cli;

import io.kamaros.engine.CheckpointOptions;
import io.kamaros.engine.ChangeSummary;
import io.kamaros.engine.NoChangesException;
import io.kamaros.engine.Version;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "commit", aliases = "checkpoint", description = "Save a checkpoint of the working copy.")
final class CommitCommand extends BaseCommand {
    @Option(names = {"-m", "--message"}, required = true, paramLabel = "MSG", description = "What changed, for people.")
    String message;

    @Option(names = "--author", description = "Author of this checkpoint (default: config author, JCF_AUTHOR, the OS user).")
    String author;

    @Option(names = "--email", description = "E-mail of the author.")
    String email;

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", description = "Tag the new version (repeatable).")
    List<String> tags = List.of();

    @Option(names = "--allow-empty", description = "Save a checkpoint even when nothing changed.")
    boolean allowEmpty;

    @Override
    public Integer call() {
        try (Project p = cli.openProject()) {
            String id;
            try {
                id = cli.longOperation(p, token -> p.jcf().saveCheckpoint(message, CheckpointOptions.defaults()
                        .author(author).email(email).tags(tags).allowEmpty(allowEmpty).cancel(token)));
            } catch (NoChangesException e) {
                throw new CliException(ExitCodes.GENERAL, e.code(),
                        "Nothing to commit: the working copy is the same as the current version (use --allow-empty to save anyway).");
            }
            Version v = p.jcf().getVersion(id).orElseThrow();
            if (cli.json()) {
                cli.json(Views.version(v));
            } else {
                ChangeSummary c = v.changes();
                cli.print("[" + v.shortId() + "] " + v.message());
                cli.info("  " + c.added() + " added, " + c.modified() + " modified, " + c.deleted() + " deleted, "
                        + c.renamed() + " renamed" + (v.tags().isEmpty() ? "" : "; tagged " + String.join(", ", v.tags())));
            }
        }
        return ExitCodes.OK;
    }
}
