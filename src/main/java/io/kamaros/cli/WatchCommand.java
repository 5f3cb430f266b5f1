package io.kamaros.cli;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.DurationSetting;
import io.kamaros.engine.model.ForgetResult;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.RetentionSettings;
import io.kamaros.engine.watch.AutoThinning;
import io.kamaros.frontend.ByteSize;
import io.kamaros.engine.watch.Autosave;
import io.kamaros.engine.watch.AutosavePolicy;
import io.kamaros.engine.watch.FolderWatcher;
import io.kamaros.frontend.DurationText;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kamaros watch}: autosave without the app. Watches the working copy and saves an automatic
 * checkpoint once changes have settled, no more often than the interval, until Ctrl+C (or a service
 * manager's stop), which cancels a save that is running (nothing of it kept) and closes the project.
 */
@Command(name = "watch", description = {"Watch the working copy and save automatic checkpoints (autosave) until Ctrl+C.",
    "A save comes once nothing was written for the settle time, never more often than the interval, and never while "
        + "a file is still being written. Automatic versions are marked as such ('kamaros log' shows 'automatic').",
    "Defaults: the project's autosaveSettle / autosaveInterval settings ('kamaros config'), else 30s and 10m.",
    "After a save the history thins itself by the project's retention policy ('kamaros forget' without flags), at "
        + "most once an hour (retentionAutoInterval); 'kamaros config retentionAuto false' turns that off."})
final class WatchCommand extends BaseCommand {
    static final String SETTLE_KEY = "autosaveSettle";
    static final String INTERVAL_KEY = "autosaveInterval";

    @Option(names = "--settle", paramLabel = "TIME",
            description = "Time without writes before a save (e.g. 30s, 2m; default 30s).")
    @Nullable String settle;

    @Option(names = "--interval", paramLabel = "TIME",
            description = "Least time between two automatic saves (e.g. 10m, 1h; default 10m).")
    @Nullable String interval;

    @Override
    public Integer call() throws IOException, InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (Project p = cli.openProject()) {
            AutosavePolicy policy = new AutosavePolicy(true,
                    duration(settle, p.settings().get(SETTLE_KEY), AutosavePolicy.DEFAULT_SETTLE, "--settle"),
                    duration(interval, p.settings().get(INTERVAL_KEY), AutosavePolicy.DEFAULT_INTERVAL, "--interval"));
            JcfManager jcf = p.jcf();
            Autosave autosave = new Autosave(jcf, policy, Clock.systemUTC(), new Autosave.Listener() {
                @Override
                public void saved(String versionId) {
                    report(jcf, versionId);
                }

                @Override
                public void failed(JcfException error) {
                    cli.warn("Autosave failed (tried again later): " + error.getMessage());
                }

                @Override
                public void thinned(ForgetResult result) {
                    reportThinned(result);
                }

                @Override
                public void thinningFailed(RuntimeException error) {
                    cli.warn("Thinning the history failed (tried again later): " + error.getMessage());
                }
            });
            // history that keeps itself also thins itself: the project's policy after saves, at most once per interval
            autosave.thinAfterSaves(new AutoThinning(jcf, Clock.systemDefaultZone()));
            FolderWatcher watcher = FolderWatcher.start(p.workingCopy(), p.root(), new FolderWatcher.Listener() {
                @Override
                public void changed(String path) {
                    autosave.changed();
                }

                @Override
                public void eventsLost() {
                    autosave.changed(); // the save's own scan looks at every file
                }
            });
            Thread hook = new Thread(() -> {
                autosave.close(); // cancels a running save and waits for it to roll back
                watcher.close();
                stop.countDown();
                try {
                    closed.await(1, TimeUnit.MINUTES); // the project's bookkeeping is written before the JVM goes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "kamaros-watch-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            RetentionSettings retention = jcf.getRetentionSettings();
            cli.info("Watching " + p.workingCopy() + " (a save after " + human(policy.settle()) + " without writes, "
                    + "at most one every " + human(policy.minInterval()) + (retention.autoThin()
                    ? "; the history thinned by its retention policy at most every " + human(retention.autoThinInterval())
                    : "; no automatic thinning") + "). Ctrl+C stops.");
            autosave.start();
            stop.await();
        } finally {
            closed.countDown();
        }
        return ExitCodes.OK;
    }

    private void report(JcfManager jcf, String versionId) {
        var changes = jcf.getVersion(versionId).map(v -> v.changes().total()).orElse(0);
        if (cli.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "saved");
            m.put("version", versionId);
            m.put("changes", changes);
            cli.json(m);
        } else {
            cli.print("Saved automatic checkpoint " + Views.shortId(versionId) + " (" + changes
                    + (changes == 1 ? " change)" : " changes)"));
        }
    }

    private void reportThinned(ForgetResult r) {
        if (cli.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "thinned");
            m.put("forgotten", r.forgotten().size());
            m.put("kept", r.kept());
            m.put("bytesFreed", r.bytesFreed());
            cli.json(m);
        } else {
            int n = r.forgotten().size();
            cli.print("Thinned the history by its retention policy: forgot " + n + (n == 1 ? " version" : " versions")
                    + ", kept " + r.kept() + "; " + ByteSize.iec(r.bytesFreed()) + " freed.");
        }
    }

    /** The option, else the project's setting, else the default; a wrong value is a bad argument. */
    static Duration duration(@Nullable String option, @Nullable String setting, Duration fallback, String name) {
        String text = option != null ? option : setting;
        if (text == null) {
            return fallback;
        }
        Duration d = parseDuration(text);
        if (d == null) {
            throw CliException.badArgument("Cannot read " + name + " '" + text
                    + "': use a number with s, m or h (30s, 10m, 1h) or an ISO-8601 duration (PT30S).");
        }
        return d;
    }

    /** "30s", "10m", "1h", "90" (seconds) or ISO-8601 ("PT30S"); null when it is none of these or negative. */
    static @Nullable Duration parseDuration(String text) {
        return DurationText.parse(text);
    }

    private static String human(Duration d) {
        return DurationSetting.format(d);
    }
}
