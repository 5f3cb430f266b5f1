package io.kamaros.cli;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.RenameInfo;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.WorkingCopyStatus;
import io.kamaros.frontend.ByteSize;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", description = "Show the current version and what changed in the working copy since.")
final class StatusCommand extends BaseCommand {
    @Option(names = {"-s", "--short"}, description = "One line per change: A, M, D or R and the path.")
    boolean shortFormat;

    @Override
    public Integer call() {
        try (Project p = cli.openProjectForStatus()) {
            JcfManager jcf = p.jcf();
            WorkingCopyStatus st = jcf.getStatus();
            Optional<Version> head = jcf.getCurrentVersion();
            long size = st.totalSize(); // from the status scan: no second walk of the folder
            boolean clean = st.isClean(); // files, and empty folders added or removed
            if (cli.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("project", p.root());
                m.put("workingCopy", p.workingCopy());
                m.put("head", head.map(Views::version).orElse(null));
                m.put("files", st.fileCount());
                m.put("size", size);
                m.put("clean", clean);
                m.put("added", st.added());
                m.put("modified", st.modified());
                m.put("deleted", st.deleted());
                m.put("renamed", st.renamed().stream().map(r -> Map.of("from", r.fromPath(), "to", r.toPath())).toList());
                m.put("foldersAdded", st.foldersAdded());
                m.put("foldersRemoved", st.foldersRemoved());
                m.put("unversionable", Views.unversionable(st.unversionable()));
                cli.json(m);
                return ExitCodes.OK;
            }
            if (shortFormat) {
                st.added().forEach(a -> cli.print("A " + a));
                st.modified().forEach(a -> cli.print("M " + a));
                st.deleted().forEach(a -> cli.print("D " + a));
                st.renamed().forEach(r -> cli.print("R " + r.fromPath() + " -> " + r.toPath()));
                // empty folders: a trailing slash tells them from files
                st.foldersAdded().forEach(f -> cli.print("A " + f + "/"));
                st.foldersRemoved().forEach(f -> cli.print("D " + f + "/"));
                // '!' not versioned, 'W' saved with a Windows-name warning; the reason code follows.
                st.unversionable().forEach(u -> cli.print((u.saved() ? "W " : "! ") + u.path() + "\t" + u.reason()));
                return ExitCodes.OK;
            }
            cli.print(head.map(v -> "On version " + v.shortId() + (v.tags().isEmpty() ? "" : " (" + String.join(", ", v.tags()) + ")")
                    + ": " + v.message()).orElse("No checkpoint yet"));
            cli.print(st.fileCount() + " files, " + ByteSize.iec(size) + " in " + p.workingCopy());
            Views.unversionableLines(st.unversionable()).forEach(cli::print);
            if (clean) {
                cli.print("Nothing to commit, the working copy is clean.");
                return ExitCodes.OK;
            }
            cli.print("Changes not yet saved in a checkpoint:");
            st.added().forEach(a -> cli.print("  added:     " + a));
            st.modified().forEach(a -> cli.print("  modified:  " + a));
            st.deleted().forEach(a -> cli.print("  deleted:   " + a));
            for (RenameInfo r : st.renamed()) {
                cli.print("  renamed:   " + r.fromPath() + " -> " + r.toPath());
            }
            st.foldersAdded().forEach(f -> cli.print("  added:     " + f + "/  (empty folder)"));
            st.foldersRemoved().forEach(f -> cli.print("  removed:   " + f + "/  (empty folder)"));
            cli.info("Save them with 'kamaros commit -m MESSAGE'.");
        }
        return ExitCodes.OK;
    }
}
