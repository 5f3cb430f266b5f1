package io.kamaros.cli;

import io.kamaros.engine.model.FileHistoryEntry;
import io.kamaros.engine.model.HistoryFilter;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.Version;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.jspecify.annotations.Nullable;

@Command(name = "log", description = "List versions, newest first.")
final class LogCommand extends BaseCommand {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy xx", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    @Option(names = {"-n", "--max-count"}, paramLabel = "N", description = "Show at most N versions.")
    @Nullable Integer limit;

    @Option(names = "--oneline", description = "One line per version: short id and message.")
    boolean oneline;

    @Option(names = "--follow", paramLabel = "FILE", description = "Only versions that changed FILE, following renames.")
    @Nullable String follow;

    @Option(names = "--author", paramLabel = "TEXT", description = "Only versions whose author or e-mail contains TEXT.")
    @Nullable String author;

    @Option(names = "--grep", paramLabel = "TEXT", description = "Only versions whose message contains TEXT.")
    @Nullable String grep;

    @Override
    public Integer call() {
        if (limit != null && limit < 0) {
            throw CliException.badArgument("-n must not be negative.");
        }
        try (Project p = cli.openProject()) {
            JcfManager jcf = p.jcf();
            List<Version> versions;
            List<Map<String, Object>> fileChanges = null;
            String head = jcf.getCurrentVersion().map(Version::id).orElse(null);
            if (follow != null) {
                List<FileHistoryEntry> entries = new ArrayList<>(jcf.getFileHistory(p.projectPath(cli.cwd(), follow)));
                Collections.reverse(entries); // newest first, as the rest of log
                versions = new ArrayList<>();
                fileChanges = new ArrayList<>();
                for (FileHistoryEntry e : entries) {
                    Optional<Version> v = jcf.getVersion(e.versionId());
                    if (v.isPresent() && matches(v.get()) && (limit == null || versions.size() < limit)) {
                        versions.add(v.get());
                        Map<String, Object> change = new LinkedHashMap<>();
                        change.put("path", e.path());
                        change.put("change", e.changeType().jsonName());
                        change.put("previousPath", e.previousPath());
                        fileChanges.add(change);
                    }
                }
            } else {
                HistoryFilter.Builder f = HistoryFilter.builder().author(author).message(grep);
                if (limit != null) {
                    f.limit(limit);
                }
                versions = jcf.getHistory(f.build());
            }
            if (cli.json()) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (int i = 0; i < versions.size(); i++) {
                    Map<String, Object> m = Views.version(versions.get(i));
                    m.put("head", versions.get(i).id().equals(head));
                    if (fileChanges != null) {
                        m.put("file", fileChanges.get(i));
                    }
                    out.add(m);
                }
                cli.json(out);
                return ExitCodes.OK;
            }
            for (int i = 0; i < versions.size(); i++) {
                Version v = versions.get(i);
                String decorations = decorations(v, head);
                if (oneline) {
                    cli.print(v.shortId() + (decorations.isEmpty() ? "" : " (" + decorations + ")") + " " + firstLine(v.message()));
                    continue;
                }
                cli.print("version " + v.id() + (decorations.isEmpty() ? "" : " (" + decorations + ")"));
                cli.print("Author: " + v.author() + (v.email() == null ? "" : " <" + v.email() + ">"));
                cli.print("Date:   " + DATE.format(v.timestamp()));
                if (fileChanges != null) {
                    Map<String, Object> c = fileChanges.get(i);
                    cli.print("File:   " + c.get("change") + " " + c.get("path")
                            + (c.get("previousPath") == null ? "" : " (was " + c.get("previousPath") + ")"));
                }
                cli.print("");
                v.message().lines().forEach(l -> cli.print("    " + l));
                cli.print("");
            }
        }
        return ExitCodes.OK;
    }

    private boolean matches(Version v) {
        return contains(v.message(), grep) && (contains(v.author(), author) || (contains(v.email(), author) && v.email() != null));
    }

    private static boolean contains(@Nullable String text, @Nullable String part) {
        return part == null || (text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT)));
    }

    static String decorations(Version v, @Nullable String head) {
        List<String> d = new ArrayList<>();
        if (v.id().equals(head)) {
            d.add("HEAD");
        }
        v.tags().forEach(t -> d.add("tag: " + t));
        if (v.autoSaved()) {
            d.add("auto-saved");
        }
        if (v.automatic()) {
            d.add("automatic");
        }
        return String.join(", ", d);
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
