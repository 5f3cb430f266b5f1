package io.kamaros.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** How {@code diff} and {@code show} report changes: whole patches, {@code --stat} or {@code --name-only}. */
final class DiffFormat {
    @Option(names = "--stat", description = "Lines added and removed per file, instead of the patch.")
    boolean stat;

    @Option(names = "--name-only", description = "Only the names of changed files.")
    boolean nameOnly;

    /** The entries for {@code --json}, with their patches unless a short form was asked for. */
    List<Map<String, Object>> json(List<Diffs.Entry> entries) {
        return entries.stream().map(e -> Diffs.json(e, !stat && !nameOnly)).toList();
    }

    void print(KamarosCli cli, List<Diffs.Entry> entries) {
        Diffs.print(cli, entries, stat, nameOnly);
    }
}
