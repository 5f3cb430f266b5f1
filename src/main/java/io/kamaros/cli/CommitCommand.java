package io.kamaros.cli;

import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ChangeSummary;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.NoChangesException;
import io.kamaros.engine.model.UnversionableFile;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionDiff;
import io.kamaros.engine.model.WorkingCopyStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.jspecify.annotations.Nullable;

@Command(name = "commit", aliases = "checkpoint", description = {"Save a checkpoint of the working copy.",
    "With paths after --, save only the changes under those files and folders (a partial checkpoint); "
            + "every other change stays unsaved, as 'kamaros status' then shows."})
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

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Save only the changes under these files or "
            + "folders (relative to the current folder, as in git; put them after --).")
    List<String> paths = new ArrayList<>();

    @Override
    public Integer call() {
        try (Project p = cli.openProject()) {
            String id;
            List<UnversionableFile> unversionable = new ArrayList<>();
            List<String> only = paths.stream().map(f -> p.projectPath(cli.cwd(), f)).toList();
            Consumer<JcfEvent.CheckpointCompleted> completed = c -> unversionable.addAll(c.unversionable());
            p.jcf().on(JcfEvent.CheckpointCompleted.class, completed);
            try {
                id = cli.longOperation(p, token -> p.jcf().saveCheckpoint(message, CheckpointOptions.builder()
                        .author(author).email(email).tags(tags).allowEmpty(allowEmpty).strict(strict).paths(only)
                        .cancel(token).build()));
            } catch (NoChangesException e) {
                throw new CliException(ExitCodes.GENERAL, e.code(), only.isEmpty()
                        ? "Nothing to commit: the working copy is the same as the current version (use --allow-empty to save anyway)."
                        : "Nothing to commit under " + String.join(", ", only) + ": those files are the same as in the "
                                + "current version ('kamaros status' shows what changed).");
            }
            Version v = p.jcf().getVersion(id).orElseThrow();
            WorkingCopyStatus left = only.isEmpty() ? null : p.jcf().getStatus();
            if (cli.json()) {
                Map<String, Object> m = new LinkedHashMap<>(Views.version(v));
                m.put("unversionable", Views.unversionable(unversionable));
                if (left != null) {
                    m.put("paths", only);
                    m.put("saved", saved(p, v));
                    m.put("unsaved", unsaved(left));
                }
                cli.json(m);
            } else {
                ChangeSummary c = v.changes();
                cli.print("[" + v.shortId() + "] " + v.message());
                cli.info("  " + c.added() + " added, " + c.modified() + " modified, " + c.deleted() + " deleted, "
                        + c.renamed() + " renamed" + (v.tags().isEmpty() ? "" : "; tagged " + String.join(", ", v.tags())));
                Views.folderChanges(p.jcf(), v).forEach(f -> cli.info("  " + f + "  (empty folder)"));
                Views.unversionableLines(unversionable).forEach(cli::warn);
                if (left != null && !left.isClean()) {
                    int n = unsaved(left).size();
                    cli.info("  " + n + (n == 1 ? " change" : " changes") + " left unsaved ('kamaros status' lists them).");
                }
            }
            if (!unversionable.isEmpty()) {
                return ExitCodes.SAVED_WITH_WARNINGS;
            }
        }
        return ExitCodes.OK;
    }

    /** The paths this version changed (a rename as its new path). */
    private static List<String> saved(Project p, Version v) {
        if (v.parentId() == null) {
            return List.copyOf(v.fileStates().keySet());
        }
        VersionDiff d = p.jcf().getVersionDiff(v.parentId(), v.id());
        List<String> out = new ArrayList<>();
        d.added().forEach(c -> out.add(c.path()));
        d.modified().forEach(c -> out.add(c.path()));
        d.deleted().forEach(c -> out.add(c.path()));
        d.renamed().forEach(r -> out.add(r.toPath()));
        return out.stream().distinct().sorted().toList();
    }

    /** What stays unsaved, as status lists it (empty folders with a trailing '/'). */
    private static List<String> unsaved(WorkingCopyStatus st) {
        List<String> out = new ArrayList<>();
        out.addAll(st.added());
        out.addAll(st.modified());
        out.addAll(st.deleted());
        st.renamed().forEach(r -> out.add(r.toPath()));
        st.foldersAdded().forEach(f -> out.add(f + "/"));
        st.foldersRemoved().forEach(f -> out.add(f + "/"));
        return out.stream().distinct().sorted().toList();
    }
}
