package io.kamaros.cli;

import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ChangeSummary;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.NoChangesException;
import io.kamaros.engine.model.UnversionableFile;
import io.kamaros.engine.model.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.jspecify.annotations.Nullable;

@Command(name = "commit", aliases = "checkpoint", description = "Save a checkpoint of the working copy.")
final class CommitCommand extends BaseCommand {
    @Option(names = {"-m", "--message"}, required = true, paramLabel = "MSG", description = "What changed, for people.")
    String message;

    @Option(names = "--author", description = "Author of this checkpoint (default: config author, JCF_AUTHOR, the OS user).")
    @Nullable String author;

    @Option(names = "--email", description = "E-mail of the author.")
    @Nullable String email;

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", description = "Tag the new version (repeatable).")
    List<String> tags = List.of();

    @Option(names = "--allow-empty", description = "Save a checkpoint even when nothing changed.")
    boolean allowEmpty;

    @Option(names = "--strict", description = "Save nothing when any file cannot be versioned (unreadable, a link, "
            + "a special file, an invalid name). Without it those are left out, listed, and the exit code is "
            + ExitCodes.SAVED_WITH_WARNINGS + ".")
    boolean strict;

    @Override
    public Integer call() {
        try (Project p = cli.openProject()) {
            String id;
            List<UnversionableFile> unversionable = new ArrayList<>();
            Consumer<JcfEvent.CheckpointCompleted> completed = c -> unversionable.addAll(c.unversionable());
            p.jcf().on(JcfEvent.CheckpointCompleted.class, completed);
            try {
                id = cli.longOperation(p, token -> p.jcf().saveCheckpoint(message, CheckpointOptions.builder()
                        .author(author).email(email).tags(tags).allowEmpty(allowEmpty).strict(strict).cancel(token).build()));
            } catch (NoChangesException e) {
                throw new CliException(ExitCodes.GENERAL, e.code(),
                        "Nothing to commit: the working copy is the same as the current version (use --allow-empty to save anyway).");
            }
            Version v = p.jcf().getVersion(id).orElseThrow();
            if (cli.json()) {
                Map<String, Object> m = new LinkedHashMap<>(Views.version(v));
                m.put("unversionable", Views.unversionable(unversionable));
                cli.json(m);
            } else {
                ChangeSummary c = v.changes();
                cli.print("[" + v.shortId() + "] " + v.message());
                cli.info("  " + c.added() + " added, " + c.modified() + " modified, " + c.deleted() + " deleted, "
                        + c.renamed() + " renamed" + (v.tags().isEmpty() ? "" : "; tagged " + String.join(", ", v.tags())));
                Views.folderChanges(p.jcf(), v).forEach(f -> cli.info("  " + f + "  (empty folder)"));
                Views.unversionableLines(unversionable).forEach(cli::warn);
            }
            if (!unversionable.isEmpty()) {
                return ExitCodes.SAVED_WITH_WARNINGS;
            }
        }
        return ExitCodes.OK;
    }
}
