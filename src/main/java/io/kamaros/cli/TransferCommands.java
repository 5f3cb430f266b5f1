package io.kamaros.cli;

import io.kamaros.engine.Remotes;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.PasswordException;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemoteTransferResult;
import io.kamaros.frontend.ByteSize;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kamaros push|fetch|pull|sync [NAME]} and {@code kamaros clone URL FOLDER}: the project's history to and
 * from a remote (see {@code kamaros remote}). NAME defaults to {@code origin}, or to the only remote there is.
 */
final class TransferCommands {
    private TransferCommands() {
    }

    /** What push, fetch, pull and sync share: the remote's name, the project, the report. */
    abstract static class Transfer extends BaseCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The remote (default: origin,"
                + " or the only one).")
        @Nullable String name;

        abstract RemoteTransferResult run(Remotes remotes, String remote, CancellationToken token);

        @Override
        public Integer call() {
            try (Project p = cli.openProject()) {
                Remotes remotes = new Remotes(p.jcf(), cli.env());
                String remote = chosen(remotes);
                RemoteTransferResult r = cli.longOperation(p, token -> run(remotes, remote, token));
                report(cli, r);
            }
            return ExitCodes.OK;
        }

        private String chosen(Remotes remotes) {
            if (name != null) {
                return name;
            }
            List<RemoteConfig> all = remotes.list();
            if (all.stream().anyMatch(r -> r.name().equals("origin"))) {
                return "origin";
            }
            if (all.size() == 1) {
                return all.get(0).name();
            }
            throw new CliException(ExitCodes.FILE_NOT_FOUND, ErrorCodes.FILE_NOT_FOUND, all.isEmpty()
                    ? "This project has no remote; add one with 'kamaros remote add NAME URL'."
                    : "Name the remote: this project has several and none is called origin ('kamaros remote list').");
        }
    }

    static void report(KamarosCli cli, RemoteTransferResult r) {
        if (cli.json()) {
            cli.json(r);
            return;
        }
        String where = r.remote();
        if (r.versionsSent() > 0) {
            cli.print("Sent " + versions(r.versionsSent()) + " to " + where + " (" + r.packsSent() + " packs, "
                    + ByteSize.iec(r.bytesSent()) + ").");
        }
        if (r.versionsReceived() > 0) {
            cli.print("Received " + versions(r.versionsReceived()) + " from " + where + " (" + r.packsReceived()
                    + " packs, " + ByteSize.iec(r.bytesReceived()) + ").");
        }
        if (r.fastForwarded()) {
            cli.print("The current version is now " + shortId(r.head()) + ", the remote's newest; its files are in "
                    + "the working copy.");
        }
        if (r.diverged()) {
            cli.print("Both sides have new versions: they are kept as two branches (see 'kamaros log'); the current"
                    + " version stays " + shortId(r.head()) + ". Restore the other one to continue from it.");
        }
        if (r.upToDate()) {
            cli.print("Up to date with " + where + ".");
        }
    }

    private static String versions(int n) {
        return n == 1 ? "1 version" : n + " versions";
    }

    private static String shortId(@Nullable String id) {
        return id == null ? "(none)" : id.substring(0, Math.min(8, id.length()));
    }

    @Command(name = "push", description = {"Send the versions the remote lacks (only the packs it does not have),",
        "then move its branch head forward when it is behind."})
    static final class Push extends Transfer {
        @Override
        RemoteTransferResult run(Remotes remotes, String remote, CancellationToken token) {
            return remotes.push(remote, token);
        }
    }

    @Command(name = "fetch", description = {"Download the remote's new versions into the history, beside the local",
        "ones: the current version and the working copy stay as they are."})
    static final class Fetch extends Transfer {
        @Override
        RemoteTransferResult run(Remotes remotes, String remote, CancellationToken token) {
            return remotes.fetch(remote, token);
        }
    }

    @Command(name = "pull", description = {"Fetch, then move to the remote's newest version when that continues the",
        "current one (unsaved changes are saved first); otherwise both lines are kept as branches."})
    static final class Pull extends Transfer {
        @Override
        RemoteTransferResult run(Remotes remotes, String remote, CancellationToken token) {
            return remotes.pull(remote, token);
        }
    }

    @Command(name = "sync", description = "Pull, then push: afterwards both sides have every version either had.")
    static final class Sync extends Transfer {
        @Override
        RemoteTransferResult run(Remotes remotes, String remote, CancellationToken token) {
            return remotes.sync(remote, token);
        }
    }

    @Command(name = "clone", description = {"Make a new project in FOLDER from a remote's history (every version,",
        "checked), with the remote's newest version in its working copy. FOLDER must not exist or be empty."})
    static final class Clone extends BaseCommand {
        @Parameters(index = "0", paramLabel = "URL", description = "s3://bucket/prefix or file:///path")
        String url;

        @Parameters(index = "1", paramLabel = "FOLDER")
        String folder;

        @Option(names = "--name", paramLabel = "NAME", description = "The remote's name in the new project (default: origin).")
        String remoteName = "origin";

        @Option(names = "--work-tree", description = {"Track FOLDER in place: the files in FOLDER, the history in",
            "FOLDER/.kamaros (the desktop app's layout; as 'init --work-tree FOLDER')."})
        boolean workTree;

        @Mixin
        S3Options s3 = new S3Options();

        @Override
        public Integer call() {
            RemoteConfig remote = s3.remote(remoteName, url);
            Path target = cli.base().resolve(folder).toAbsolutePath().normalize();
            Remotes.Layout layout = workTree ? Remotes.Layout.IN_PLACE : Remotes.Layout.PROJECT;
            RemoteTransferResult r;
            try {
                r = cli.longOperation((token, progress) -> Remotes.clone(remote, target, layout, null, cli.env(), token,
                        progress));
            } catch (PasswordException e) {
                if (!ErrorCodes.PASSWORD_REQUIRED.equals(e.code())) {
                    throw e;
                }
                char[] password = cli.passwords().forOpening(remote.url(), e.getMessage());
                r = cli.longOperation((token, progress) -> Remotes.clone(remote, target, layout, password, cli.env(),
                        token, progress));
            }
            if (cli.json()) {
                cli.json(r);
            } else {
                cli.print("Cloned " + versions(r.versionsReceived()) + " from " + remote.url() + " into " + target
                        + " (" + r.packsReceived() + " packs, " + ByteSize.iec(r.bytesReceived()) + ").");
            }
            return ExitCodes.OK;
        }
    }
}
