package io.kamaros.cli;

import io.kamaros.engine.Remotes;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemotePruneResult;
import io.kamaros.engine.model.RemoteTestResult;
import io.kamaros.frontend.ByteSize;
import java.time.Duration;
import io.kamaros.engine.store.FileAdapter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kamaros remote add|list|remove|test}: the project's remotes (kept in its settings, never credentials). */
@Command(name = "remote", description = {"Manage the project's remotes: copies of its history on S3-compatible",
    "storage (s3://bucket/prefix) or in a folder (file:///path). Credentials come from the AWS chain",
    "(AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws profiles, --profile); they are never stored."},
        subcommands = {RemoteCommand.Add.class, RemoteCommand.ListRemotes.class, RemoteCommand.Remove.class,
            RemoteCommand.Test.class, RemoteCommand.Prune.class})
final class RemoteCommand extends BaseCommand {
    @Override
    public Integer call() {
        return new ListRemotes().listFor(this);
    }

    Remotes remotes() {
        return new Remotes(new FileAdapter(Project.find(cli.base()), new FileAdapter.Options().createIfMissing(false)),
                cli.env());
    }

    static Map<String, Object> json(RemoteConfig r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("url", r.url());
        if (r.endpoint() != null) {
            m.put("endpoint", r.endpoint());
        }
        if (r.region() != null) {
            m.put("region", r.region());
        }
        m.put("pathStyle", r.pathStyle());
        if (r.profile() != null) {
            m.put("profile", r.profile());
        }
        return m;
    }

    /** What the subcommands share: the {@code remote} command above them. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        RemoteCommand remote;

        @Spec
        CommandSpec spec;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
        boolean help;

        KamarosCli cli() {
            return remote.cli;
        }
    }

    @Command(name = "add", description = "Add a remote: NAME s3://bucket/prefix or NAME file:///path.")
    static final class Add extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "URL")
        String url;

        @Mixin
        S3Options s3 = new S3Options();

        @Override
        public Integer call() {
            RemoteConfig added = remote.remotes().add(s3.remote(name, url));
            if (cli().json()) {
                cli().json(json(added));
            } else {
                cli().info("Added remote " + added.name() + " (" + added.url() + "). Check it with 'kamaros remote test "
                        + added.name() + "'.");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List the remotes.")
    static final class ListRemotes extends Sub {
        @Override
        public Integer call() {
            return listFor(remote);
        }

        int listFor(RemoteCommand command) {
            List<RemoteConfig> all = command.remotes().list();
            KamarosCli cli = command.cli;
            if (cli.json()) {
                cli.json(Map.of("remotes", all.stream().map(RemoteCommand::json).toList()));
                return ExitCodes.OK;
            }
            for (RemoteConfig r : all) {
                StringBuilder line = new StringBuilder(r.name()).append('\t').append(r.url());
                if (r.endpoint() != null) {
                    line.append("  endpoint=").append(r.endpoint());
                }
                if (r.region() != null) {
                    line.append("  region=").append(r.region());
                }
                if (r.pathStyle()) {
                    line.append("  path-style");
                }
                if (r.profile() != null) {
                    line.append("  profile=").append(r.profile());
                }
                cli.print(line.toString());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", aliases = "rm", description = "Forget a remote (nothing on it is deleted).")
    static final class Remove extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            if (!remote.remotes().remove(name)) {
                throw new CliException(ExitCodes.FILE_NOT_FOUND, ErrorCodes.FILE_NOT_FOUND, "No remote named '" + name
                        + "'; 'kamaros remote list' lists them.");
            }
            if (cli().json()) {
                cli().json(Map.of("removed", name));
            } else {
                cli().info("Removed remote " + name + " (its copy of the history was left as it is).");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "test", description = {"Check that a remote is reachable and writable (and supports the",
        "conditional writes concurrent pushes rely on). Exit 0 when ready, else the error's exit code."})
    static final class Test extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            RemoteTestResult result = remote.remotes().test(name);
            int exit = result.ready() ? ExitCodes.OK : ExitCodes.ofCode(result.code());
            if (cli().json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("remote", json(result.remote()));
                m.put("status", result.status().name());
                m.put("ready", result.ready());
                if (result.code() != null) {
                    m.put("code", result.code());
                }
                m.put("message", result.message());
                m.put("exitCode", exit);
                cli().json(m);
            } else if (result.ready()) {
                cli().print(result.message());
            } else {
                cli().warn("kamaros: " + result.message());
            }
            return exit;
        }
    }

    @Command(name = "prune", description = {"Delete what the remote no longer needs: redundant packs (every object in",
        "them is in another pack that stays) and the bytes of forgotten versions (a pack holding some is rewritten",
        "without them), in two phases: this run marks what may go and deletes what a run at least --delay ago",
        "marked, if it still may go and no push since named it. So run it twice, the delay apart. A version",
        "leaves a remote only when forgotten (kamaros forget, then push)."})
    static final class Prune extends Sub {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--dry-run", description = "Say what would be marked and deleted; change nothing.")
        boolean dryRun;

        @Option(names = "--delay", paramLabel = "DURATION", description = {"How old a mark must be before its"
            + " packs are deleted (default 1h; 90m, 24h, 7d). Longer than any push takes."})
        @Nullable String delay;

        @Override
        public Integer call() {
            Duration wait = delay == null ? Remotes.DEFAULT_PRUNE_DELAY : ForgetCommand.duration(delay, "--delay");
            try (Project p = cli().openProject()) {
                Remotes remotes = new Remotes(p.jcf(), cli().env());
                RemotePruneResult r = cli().longOperation(p, token -> remotes.prune(name, wait, dryRun, token));
                report(r);
            }
            return ExitCodes.OK;
        }

        private void report(RemotePruneResult r) {
            if (cli().json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("remote", r.remote());
                m.put("dryRun", r.dryRun());
                m.put("marked", r.marked());
                m.put("deleted", r.deleted());
                m.put("keptMarked", r.keptMarked());
                m.put("waiting", r.waiting());
                m.put("bytesFreed", r.bytesFreed());
                m.put("rewritten", r.rewritten());
                m.put("bytesToFree", r.bytesToFree());
                m.put("nextDeletion", r.nextDeletion() == null ? null : String.valueOf(r.nextDeletion()));
                cli().json(m);
                return;
            }
            if (!r.deleted().isEmpty()) {
                cli().print((r.dryRun() ? "Would delete " : "Deleted ") + packs(r.deleted().size()) + " ("
                        + ByteSize.iec(r.bytesFreed()) + ") that an earlier prune marked.");
            }
            if (!r.keptMarked().isEmpty()) {
                cli().print((r.dryRun() ? "Would keep " : "Kept ") + packs(r.keptMarked().size()) + " an earlier prune"
                        + " marked: a push since named them, or they hold the only copy of an object.");
            }
            if (!r.rewritten().isEmpty()) {
                cli().print((r.dryRun() ? "Would rewrite " : "Rewrote ") + packs(r.rewritten().size()) + " without the"
                        + " objects of forgotten versions (a new pack holds the rest).");
            }
            if (!r.marked().isEmpty()) {
                cli().print((r.dryRun() ? "Would mark " : "Marked ") + packs(r.marked().size()) + " for deletion ("
                        + ByteSize.iec(r.bytesToFree()) + " to free); a prune after " + r.nextDeletion()
                        + " deletes them if they still may go.");
            }
            if (!r.waiting().isEmpty() && r.marked().isEmpty()) {
                cli().print(packs(r.waiting().size()) + " marked earlier wait for their delay (the first until "
                        + r.nextDeletion() + ").");
            }
            if (r.deleted().isEmpty() && r.keptMarked().isEmpty() && r.marked().isEmpty() && r.waiting().isEmpty()) {
                cli().print("Nothing to prune on " + r.remote() + ".");
            }
        }

        private static String packs(int n) {
            return n == 1 ? "1 pack" : n + " packs";
        }
    }
}
