package io.kamaros.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kamaros.engine.container.ImportStaging;
import io.kamaros.engine.history.sync.HistorySync;
import io.kamaros.engine.history.sync.VersionOrigins;
import io.kamaros.engine.history.Operation;
import io.kamaros.engine.history.OperationRunner;
import io.kamaros.engine.model.Args;
import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.RemotePruneResult;
import io.kamaros.engine.model.RemoteStatus;
import io.kamaros.engine.model.RemoteTransferResult;
import io.kamaros.engine.model.VersionOrigin;
import io.kamaros.engine.model.RemoteVerifyResult;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.objects.ProjectKey;
import io.kamaros.engine.project.Ledger;
import io.kamaros.engine.project.ProjectStore;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.FolderTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.RemoteAccessDeniedException;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemoteException;
import io.kamaros.engine.model.RemoteNotFoundException;
import io.kamaros.engine.model.RemoteTestResult;
import io.kamaros.engine.model.RemoteTestResult.Status;
import io.kamaros.engine.model.RemoteUnavailableException;
import io.kamaros.engine.model.RemoteUnreachableException;
import io.kamaros.engine.model.StorageException;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.remote.CasResult;
import io.kamaros.engine.remote.FolderBackend;
import io.kamaros.engine.remote.PutOutcome;
import io.kamaros.engine.remote.RemoteBackend;
import io.kamaros.engine.remote.RemoteStore;
import io.kamaros.engine.remote.S3Backend;
import io.kamaros.engine.store.FileSystemAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A project's remotes: copies of its history on S3-compatible storage or in a plain folder. Kept in the project's
 * settings file ({@value #SETTINGS_FILE}, member {@code "remotes"}; other members are left as they are), never
 * with credentials. Beside {@link JcfManager}; it needs only the project's storage, so an encrypted project's
 * remotes are listed and tested without its password.
 *
 * <pre>{@code
 * Remotes remotes = Remotes.of(jcf);
 * remotes.add(new RemoteConfig("origin", "s3://my-bucket/novel", null, "eu-central-1", false, null));
 * RemoteTestResult t = remotes.test("origin");   // READY, NOT_FOUND, ACCESS_DENIED, UNREACHABLE, …
 * }</pre>
 *
 * Pushing and fetching history come with the pack store (issue 15); this is the transport and the settings.
 */
public final class Remotes {
    /** The project's settings file, in its history folder (the CLI's {@code kamaros config} keeps its keys there too). */
    public static final String SETTINGS_FILE = SettingsFile.PATH;
    private static final String MEMBER = "remotes";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final FileSystemAdapter storage;
    private final Map<String, String> env;
    private final RemoteStore.Settings settings;
    private final Function<RemoteConfig, RemoteBackend> backends;
    /** The open project push, fetch and pull work on; null for a facade over settings only. */
    private final @Nullable JcfManager jcf;
    private @Nullable AsyncRemotes async;

    /**
     * @param storage the project's storage (its history folder)
     * @param env     the environment the S3 credentials are taken from ({@code AWS_ACCESS_KEY_ID}, …,
     *                {@code AWS_PROFILE}); {@code ~/.aws} and the rest of AWS's chain are read as well
     */
    public Remotes(FileSystemAdapter storage, Map<String, String> env) {
        this(storage, env, RemoteStore.Settings.defaults());
    }

    Remotes(FileSystemAdapter storage, Map<String, String> env, RemoteStore.Settings settings) {
        this(storage, env, settings, null, null);
    }

    /**
     * The remotes of the project {@code jcf} has open: settings, and the transfers of its history (push, fetch,
     * pull, sync).
     */
    public Remotes(JcfManager jcf, Map<String, String> env) {
        this(jcf.getAdapter(), env, RemoteStore.Settings.defaults(), jcf, null);
    }

    /** For tests: {@code backends} reaches the remotes (a counting or faulty wrapper around the real backend). */
    Remotes(FileSystemAdapter storage, Map<String, String> env, RemoteStore.Settings settings, @Nullable JcfManager jcf,
            @Nullable Function<RemoteConfig, RemoteBackend> backends) {
        this.storage = Args.required(storage, "storage", "The project's storage (e.g. jcf.getAdapter())");
        this.env = Map.copyOf(Args.required(env, "env", "The environment (e.g. System.getenv())"));
        this.settings = settings;
        this.jcf = jcf;
        this.backends = backends != null ? backends : r -> defaultBackend(r, this.env);
    }

    /** The remotes of the project {@code jcf} has open, with the process's environment. */
    public static Remotes of(JcfManager jcf) {
        return new Remotes(jcf, System.getenv());
    }

    static RemoteBackend defaultBackend(RemoteConfig remote, Map<String, String> env) {
        return remote.isS3() ? new S3Backend(remote, env) : new FolderBackend(remote.folder());
    }

    // ------------------------------------------------------------------ settings

    public List<RemoteConfig> list() {
        JsonNode remotes = read().path(MEMBER);
        List<RemoteConfig> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = remotes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = e.getValue();
            try {
                out.add(new RemoteConfig(e.getKey(), r.path("url").asText(""), text(r, "endpoint"), text(r, "region"),
                        r.path("pathStyle").asBoolean(false), text(r, "profile")));
            } catch (ValidationException bad) {
                throw new ValidationException("The remote '" + e.getKey() + "' in " + SETTINGS_FILE + " is not valid ("
                        + bad.getMessage() + "); remove it with 'kamaros remote remove " + e.getKey() + "'.",
                        Map.of("field", "remotes", "remote", e.getKey()), bad);
            }
        }
        return out;
    }

    public Optional<RemoteConfig> get(String name) {
        Args.required(name, "name", "A remote's name");
        return list().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Adds a remote; a name already taken is refused ({@link ValidationException}, {@code FILE_EXISTS}). */
    public RemoteConfig add(RemoteConfig remote) {
        Args.required(remote, "remote", "The remote to add (new RemoteConfig(name, url, …))");
        ObjectNode root = read();
        ObjectNode remotes = root.has(MEMBER) && root.get(MEMBER).isObject() ? (ObjectNode) root.get(MEMBER)
                : root.putObject(MEMBER);
        if (remotes.has(remote.name())) {
            throw new ValidationException("There is a remote named '" + remote.name() + "' already ("
                    + remotes.get(remote.name()).path("url").asText() + "); remove it first or choose another name.",
                    ErrorCodes.FILE_EXISTS, Map.of("field", "name", "remote", remote.name()));
        }
        ObjectNode r = remotes.putObject(remote.name());
        r.put("url", remote.url());
        if (remote.endpoint() != null) {
            r.put("endpoint", remote.endpoint());
        }
        if (remote.region() != null) {
            r.put("region", remote.region());
        }
        if (remote.pathStyle()) {
            r.put("pathStyle", true);
        }
        if (remote.profile() != null) {
            r.put("profile", remote.profile());
        }
        write(root);
        return remote;
    }

    /** Forgets a remote (nothing on the remote is touched); false when there was none of that name. */
    public boolean remove(String name) {
        Args.required(name, "name", "A remote's name");
        ObjectNode root = read();
        JsonNode remotes = root.get(MEMBER);
        if (remotes == null || !remotes.isObject() || !remotes.has(name)) {
            return false;
        }
        ((ObjectNode) remotes).remove(name);
        if (remotes.isEmpty()) {
            root.remove(MEMBER);
        }
        write(root);
        return true;
    }

    private ObjectNode read() {
        return new SettingsFile(storage).read();
    }

    private void write(ObjectNode root) {
        new SettingsFile(storage).write(root);
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    // ------------------------------------------------------------------ transport

    /** The remote's store, for the transfers built on it; close it when done. */
    public RemoteStore open(RemoteConfig remote) {
        return new RemoteStore(backends.apply(remote), settings);
    }

    /** {@link #test(RemoteConfig)} of the remote named so. */
    public RemoteTestResult test(String name) {
        return test(named(name));
    }

    private RemoteConfig named(String name) {
        Args.required(name, "name", "A remote's name");
        return get(name).orElseThrow(() -> new ValidationException("No remote named '" + name + "'; 'kamaros"
                + " remote list' lists them.", ErrorCodes.FILE_NOT_FOUND, Map.of("field", "name", "remote", name)));
    }

    /**
     * Whether the remote can hold this project's history: lists it, creates a probe object, checks that creating
     * it again and a compare-and-set from a wrong etag are both refused (a server that ignores those conditions
     * would let two pushes overwrite each other), reads it back and deletes it. Never throws for what it finds.
     */
    public RemoteTestResult test(RemoteConfig remote) {
        Args.required(remote, "remote", "The remote to test");
        String where = remote.url() + (remote.endpoint() == null ? "" : " at " + remote.endpoint());
        try (RemoteStore store = open(remote)) {
            store.list("probes/");
            String probe = "probes/" + UUID.randomUUID();
            byte[] mine = ("kamaros remote test " + probe).getBytes(StandardCharsets.UTF_8);
            byte[] other = ("another writer " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
            try {
                if (store.putIfAbsent(probe, mine) != PutOutcome.CREATED) {
                    return result(remote, Status.FAILED, ErrorCodes.REMOTE_ERROR, "A new probe object on " + where
                            + " was reported as existing; the remote does not behave as object storage should.");
                }
                PutOutcome again = store.putIfAbsent(probe, other);
                CasResult wrongEtag = store.compareAndSet(probe, "\"00000000000000000000000000000000\"", other);
                byte[] there = store.get(probe).orElse(new byte[0]);
                if (again != PutOutcome.ALREADY_THERE || wrongEtag.swapped() || !Arrays.equals(there, mine)) {
                    return result(remote, Status.NO_CONDITIONAL_WRITES, ErrorCodes.REMOTE_ERROR, where
                            + " ignores conditional writes (If-None-Match / If-Match): two computers pushing at once"
                            + " could overwrite each other's work there. Use a server that supports them (AWS S3, MinIO,"
                            + " Ceph, Cloudflare R2 and current S3-compatible services do).");
                }
            } finally {
                store.delete(probe);
            }
            return result(remote, Status.READY, null, where + " is reachable and writable.");
        } catch (RemoteNotFoundException e) {
            return result(remote, Status.NOT_FOUND, e.code(), e.getMessage());
        } catch (RemoteAccessDeniedException e) {
            return result(remote, Status.ACCESS_DENIED, e.code(), e.getMessage());
        } catch (RemoteUnreachableException e) {
            return result(remote, Status.UNREACHABLE, e.code(), e.getMessage());
        } catch (RemoteUnavailableException e) {
            return result(remote, Status.UNAVAILABLE, e.code(), e.getMessage());
        } catch (RemoteException e) {
            return result(remote, Status.FAILED, e.code(), e.getMessage());
        } catch (JcfException e) {
            return result(remote, Status.FAILED, e.code(), e.getMessage());
        }
    }

    private static RemoteTestResult result(RemoteConfig remote, Status status, @Nullable String code,
                                           @Nullable String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("remote", remote.name());
        details.put("url", remote.url());
        return new RemoteTestResult(remote, status, code, message == null ? status.toString() : message, details);
    }

    // ------------------------------------------------------------------ history: push, fetch, pull, sync, clone

    /** {@link #push(String, CancellationToken)} that cannot be cancelled. */
    public RemoteTransferResult push(String name) {
        return push(name, CancellationToken.NONE);
    }

    /**
     * Sends the versions the remote has no record of, with the packs and dictionaries it lacks, then moves the
     * remote's branch head forward when it is behind (docs/storage-format.md, "Remotes"). Versions forgotten here
     * travel too (the record lists them, with the lines their forget rewrote): no reader of the remote shows them
     * again, and {@link #prune} then deletes their bytes there. Runs as the project's
     * operation {@code push}: its progress events count packs and bytes sent; {@code cancel} stops it between
     * requests (what was sent stays, named by content, and the next push does not send it again).
     */
    public RemoteTransferResult push(String name, CancellationToken cancel) {
        RemoteConfig remote = named(name);
        OperationRunner run = project().runner();
        return run.write("push", cancel, op -> {
            try (RemoteStore store = open(remote)) {
                return new HistorySync(run.store(), store, remote.name(), op).push();
            }
        });
    }

    /**
     * Checks the remote named so without changing it (see {@link HistorySync#verify}): quick reads the listing,
     * the push records and the head; {@code deep} also downloads and re-hashes every pack and reads its entries.
     */
    public RemoteVerifyResult verify(String name, boolean deep, CancellationToken cancel) {
        RemoteConfig remote = named(name);
        OperationRunner run = project().runner();
        return run.readLong("verify-remote", cancel, op -> {
            try (RemoteStore store = open(remote)) {
                return new HistorySync(run.store(), store, remote.name(), op).verify(deep);
            }
        });
    }

    /** How old a prune's mark must be before the packs it names are deleted, unless told otherwise. */
    public static final Duration DEFAULT_PRUNE_DELAY = Duration.ofHours(1);

    /**
     * Deletes what the remote's kept versions no longer need, in two phases: redundant packs (every needed object
     * they hold is in another pack that stays: copies left by a local GC's repack, or by two pushes sending the same
     * objects), and the bytes of versions forgotten by a push's record (a {@link JcfManager#forget} pushed): each
     * pack holding some is rewritten without them (a new pack with the rest is uploaded) and the old one deleted.
     * This run marks what may go now, and deletes what a run at least {@code delay} ago marked, if it still may and
     * no push since named it (docs/storage-format.md, "Remotes": Prune, Forgotten versions on a remote). So prune
     * twice, the delay apart. {@code dryRun} reports (what it would rewrite, mark and free) and changes nothing. The
     * delay must exceed the longest push.
     */
    public RemotePruneResult prune(String name, Duration delay, boolean dryRun, CancellationToken cancel) {
        return prune(name, delay, dryRun, cancel, Clock.systemUTC());
    }

    /** For tests: {@code clock} stands for the time (the marks' and the delay's). */
    RemotePruneResult prune(String name, Duration delay, boolean dryRun, CancellationToken cancel, Clock clock) {
        RemoteConfig remote = named(name);
        Args.required(delay, "delay", "The safety delay (e.g. Remotes.DEFAULT_PRUNE_DELAY)");
        if (delay.isNegative()) {
            throw new ValidationException("The prune delay cannot be negative (" + delay + ").",
                    Map.of("field", "delay"));
        }
        OperationRunner run = project().runner();
        return run.write("prune-remote", cancel, op -> {
            try (RemoteStore store = open(remote)) {
                return new HistorySync(run.store(), store, remote.name(), op).prune(delay, dryRun, clock);
            }
        });
    }

    /** {@link #status(String, CancellationToken)} that cannot be cancelled. */
    public RemoteStatus status(String name) {
        return status(name, CancellationToken.NONE);
    }

    /**
     * What waits between the project and the remote named so: versions to send and versions to receive. Cheap: it
     * lists the remote's push records and reads only those not seen before (no pack is downloaded), and changes
     * nothing, here or there. Runs as the project's read operation {@code remote-status}.
     */
    public RemoteStatus status(String name, CancellationToken cancel) {
        RemoteConfig remote = named(name);
        OperationRunner run = project().runner();
        return run.readLong("remote-status", cancel, op -> {
            try (RemoteStore store = open(remote)) {
                return new HistorySync(run.store(), store, remote.name(), op).status();
            }
        });
    }

    /**
     * Where the versions this project received from its remotes were made (machine and user of the push that
     * brought each), by version id; versions made here are not in it.
     */
    public Map<String, VersionOrigin> origins() {
        return VersionOrigins.load(storage);
    }

    /** {@link #fetch(String, CancellationToken)} that cannot be cancelled. */
    public RemoteTransferResult fetch(String name) {
        return fetch(name, CancellationToken.NONE);
    }

    /**
     * Downloads what is new on the remote and adds its versions to the history beside the local ones; HEAD, the
     * working copy and every local version stay as they are (work done on both sides shows as two branches). One
     * commit: a failed or cancelled fetch changes nothing local. Versions a push record there forgets are then
     * forgotten here too (a teammate's forget reaches every clone), but for the current version, which stays with a
     * warning until another one is current; a push does the same before it sends.
     */
    public RemoteTransferResult fetch(String name, CancellationToken cancel) {
        RemoteConfig remote = named(name);
        OperationRunner run = project().runner();
        return run.write("fetch", cancel, op -> {
            try (RemoteStore store = open(remote)) {
                return new HistorySync(run.store(), store, remote.name(), op).fetch();
            }
        });
    }

    /** {@link #pull(String, CancellationToken)} that cannot be cancelled. */
    public RemoteTransferResult pull(String name) {
        return pull(name, CancellationToken.NONE);
    }

    /**
     * A fetch, then the current version moves to the remote's head when that is a fast-forward (the remote's
     * head descends from the current version): its files are restored into the working copy, unsaved changes
     * first saved as a restore saves them. When both sides have new work, both stay as branches and the result
     * says {@code diverged}; nothing is merged or overwritten. Its progress is one bar (operation {@code pull}):
     * the fetch is its first {@value #PULL_FETCH_PERCENT} %, the restore the rest.
     */
    public RemoteTransferResult pull(String name, CancellationToken cancel) {
        return pull(name, cancel, false);
    }

    /** {@link #pull(String, CancellationToken)}; {@code cloning}: into a clone's new folder (see {@link #clone}). */
    private RemoteTransferResult pull(String name, CancellationToken cancel, boolean cloning) {
        JcfManager project = project();
        return project.runner().asOneBar("pull", cancel, bar -> {
            RemoteTransferResult fetched;
            try (Operation.Span ignored = bar.within(0, PULL_FETCH_PERCENT)) {
                fetched = fetch(name, cancel);
            }
            String target = fetched.remoteHead();
            String head = fetched.head();
            if (target == null || target.equals(head) || project.getVersion(target).isEmpty()) {
                return relabel(fetched, "pull", false, false);
            }
            List<String> remoteLine = project.runner().read(() -> project.runner().store().graph().ancestry(target));
            List<String> localLine = head == null ? List.of()
                    : project.runner().read(() -> project.runner().store().graph().ancestry(head));
            if (head == null || remoteLine.contains(head)) {
                try (Operation.Span ignored = bar.within(PULL_FETCH_PERCENT, 100)) {
                    project.restoreVersion(target, RestoreOptions.builder().cancel(cancel).build(), cloning);
                }
                return relabel(fetched, "pull", true, false);
            }
            return relabel(fetched, "pull", false, !localLine.contains(target));
        });
    }

    /**
     * A pull's part of its bar that the fetch takes (the rest is the fast-forward's restore). Fixed, as what
     * either moves is known only once it runs; the bar only goes forward, past a part with nothing to do.
     */
    private static final int PULL_FETCH_PERCENT = 50;
    /** A sync's part of its bar that the pull takes (the rest is the push's). */
    private static final int SYNC_PULL_PERCENT = 60;

    /** {@link #sync(String, CancellationToken)} that cannot be cancelled. */
    public RemoteTransferResult sync(String name) {
        return sync(name, CancellationToken.NONE);
    }

    /**
     * A pull, then a push: afterwards both sides have every version either had. Its progress is one bar from 0 to
     * 100 % (operation {@code sync}: the pull its first {@value #SYNC_PULL_PERCENT} %, the push the rest), not one
     * per step.
     */
    public RemoteTransferResult sync(String name, CancellationToken cancel) {
        return project().runner().asOneBar("sync", cancel, bar -> {
            RemoteTransferResult pulled;
            try (Operation.Span ignored = bar.within(0, SYNC_PULL_PERCENT)) {
                pulled = pull(name, cancel);
            }
            RemoteTransferResult pushed;
            try (Operation.Span ignored = bar.within(SYNC_PULL_PERCENT, 100)) {
                pushed = push(name, cancel);
            }
            RemoteTransferResult both = pulled.plus(pushed, "sync");
            return relabel(both, "sync", pulled.fastForwarded(), pulled.diverged());
        });
    }

    private static RemoteTransferResult relabel(RemoteTransferResult r, String operation, boolean fastForwarded,
                                                boolean diverged) {
        return new RemoteTransferResult(operation, r.remote(), r.versionsSent(), r.versionsReceived(), r.packsSent(),
                r.packsReceived(), r.bytesSent(), r.bytesReceived(), fastForwarded, diverged, r.head(), r.remoteHead());
    }

    private JcfManager project() {
        JcfManager project = jcf;
        if (project == null) {
            throw new IllegalStateException("Push, fetch and pull need the open project: Remotes.of(jcf)");
        }
        return project;
    }

    /** Where a clone puts the history and the files. */
    public enum Layout {
        /** {@code FOLDER} is the project: its history ({@code manifest.json}, {@code .store/}) and the files under
         * {@code FOLDER/content/} (as {@code kamaros init FOLDER}). */
        PROJECT,
        /** {@code FOLDER} holds the files, tracked in place, and the history sits in {@code FOLDER/.kamaros}: the
         * desktop app's layout (and {@code kamaros init --work-tree FOLDER}'s); nothing in it names the folder, so
         * it can be moved. */
        IN_PLACE
    }

    /** The history folder inside a folder tracked in place ({@link Layout#IN_PLACE}), as the front ends find it. */
    public static final String IN_PLACE_HISTORY = ".kamaros";

    /**
     * Makes a new project in {@code folder} (which must not exist, or be empty) from a remote's history: every
     * pack is downloaded and checked, every version recorded, and the remote's head restored into the working
     * copy. The remote is kept in the new project's settings under {@code remote.name()}. An encrypted remote
     * needs its project's {@code password} ({@code PASSWORD_REQUIRED} without, {@code WRONG_PASSWORD}); it is
     * wiped once used. Built in a hidden folder beside {@code folder} and renamed into place at the end, so a
     * failed or cancelled clone leaves nothing behind.
     *
     * @param events receives the clone's progress events (one bar, operation {@code pull}: fetch, then restore)
     */
    public static RemoteTransferResult clone(RemoteConfig remote, Path folder, char @Nullable [] password,
                                             Map<String, String> env, CancellationToken cancel,
                                             Consumer<? super JcfEvent> events) {
        return clone(remote, folder, Layout.PROJECT, password, env, cancel, events);
    }

    /** {@link #clone(RemoteConfig, Path, char[], Map, CancellationToken, Consumer)} into the given layout. */
    public static RemoteTransferResult clone(RemoteConfig remote, Path folder, Layout layout,
                                             char @Nullable [] password, Map<String, String> env,
                                             CancellationToken cancel, Consumer<? super JcfEvent> events) {
        return clone(remote, folder, layout, password, env, cancel, events, RemoteStore.Settings.defaults(), null);
    }

    static RemoteTransferResult clone(RemoteConfig remote, Path folder, Layout layout, char @Nullable [] password,
                                      Map<String, String> env, CancellationToken cancel,
                                      Consumer<? super JcfEvent> events, RemoteStore.Settings settings,
                                      @Nullable Function<RemoteConfig, RemoteBackend> backends) {
        Args.required(remote, "remote", "The remote to clone");
        Args.required(layout, "layout", "Where the history and the files go (Remotes.Layout.PROJECT or IN_PLACE)");
        Path target = Args.required(folder, "folder", "The folder of the new project").toAbsolutePath().normalize();
        try {
            if (Files.exists(target) && !(Files.isDirectory(target) && isEmpty(target))) {
                throw new ValidationException("Cannot clone into " + target + ": it exists and is not an empty folder.",
                        ErrorCodes.FILE_EXISTS, Map.of("field", "folder", "path", target.toString()));
            }
            Path parent = target.getParent();
            if (parent == null) {
                throw new ValidationException("Cannot clone into the root of a file system (" + target + ").",
                        Map.of("field", "folder", "path", target.toString()));
            }
            // hidden until complete; what a killed clone left beside it goes at the next clone there
            Path building = ImportStaging.beside(target, ImportStaging.CLONE_INFIX);
            JcfManager jcf = new JcfManager();
            boolean done = false;
            try {
                jcf.init(layout == Layout.IN_PLACE
                        ? new FileAdapter(building.resolve(IN_PLACE_HISTORY), new FileAdapter.Options().workTree(building))
                        : new FileAdapter(building));
                jcf.on(JcfEvent.class, events::accept);
                Remotes remotes = new Remotes(jcf.getAdapter(), env, settings, jcf, backends);
                remotes.add(remote);
                remotes.adoptKey(remote, password, cancel);
                RemoteTransferResult pulled = remotes.pull(remote.name(), cancel, true);
                jcf.close();
                if (Files.isDirectory(target)) {
                    Files.delete(target); // the empty folder named as the target
                }
                Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
                // done means durable: the history and every file were forced before; now the name (else a power cut
                // could bring back the hidden folder, which the next clone there deletes)
                FileAdapter.forceFolder(parent);
                done = true;
                return relabel(pulled, "clone", pulled.fastForwarded(), false);
            } finally {
                if (!done) {
                    jcf.close();
                    FolderTrees.deleteQuietly(building);
                }
            }
        } catch (IOException e) {
            throw new StorageException("Cannot clone into " + target + ": " + e.getMessage(),
                    Map.of("path", target.toString()), e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** A clone's first step: the new project takes the remote's key (it is encrypted under the same one). */
    private void adoptKey(RemoteConfig remote, char @Nullable [] password, CancellationToken cancel) {
        JsonNode descriptor;
        try (RemoteStore store = open(remote)) {
            byte[] bytes = store.get(HistorySync.DESCRIPTOR).orElseThrow(() -> new RemoteNotFoundException(
                    store.describe() + " holds no Kamaros history (no " + HistorySync.DESCRIPTOR + "): push a project"
                    + " there first, or check the URL.", Map.of("remote", store.describe()), null));
            descriptor = HistorySync.readDescriptor(bytes, store.describe());
        }
        JsonNode encryption = descriptor.get("encryption");
        if (encryption == null) {
            return;
        }
        ProjectKey key = ProjectKey.open(JSON.convertValue(encryption, Map.class),
                password == null ? null : password.clone());
        OperationRunner run = project().runner();
        run.writeVoid("clone", cancel, op -> {
            ProjectStore s = run.store();
            Ledger next = s.draft();
            next.setConfig(ProjectKey.CONFIG_KEY, key.record());
            s.commit(next);
            s.adoptKey(key);
            s.load();
        });
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    // ------------------------------------------------------------------ async

    /** The same operations as {@code CompletableFuture}s on background threads (a test can take seconds). */
    public synchronized AsyncRemotes async() {
        if (async == null) {
            async = new AsyncRemotes(this);
        }
        return async;
    }

    /** The asynchronous face of {@link Remotes}; failures complete the future with the {@link JcfException}. */
    public static final class AsyncRemotes {
        private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "kamaros-remotes");
            t.setDaemon(true);
            return t;
        });
        private final Remotes remotes;

        AsyncRemotes(Remotes remotes) {
            this.remotes = remotes;
        }

        public Remotes sync() {
            return remotes;
        }

        public CompletableFuture<List<RemoteConfig>> list() {
            return CompletableFuture.supplyAsync(remotes::list, EXECUTOR);
        }

        public CompletableFuture<RemoteConfig> add(RemoteConfig remote) {
            return CompletableFuture.supplyAsync(() -> remotes.add(remote), EXECUTOR);
        }

        public CompletableFuture<Boolean> remove(String name) {
            return CompletableFuture.supplyAsync(() -> remotes.remove(name), EXECUTOR);
        }

        public CompletableFuture<RemoteTestResult> test(String name) {
            return CompletableFuture.supplyAsync(() -> remotes.test(name), EXECUTOR);
        }

        public CompletableFuture<RemoteTestResult> test(RemoteConfig remote) {
            return CompletableFuture.supplyAsync(() -> remotes.test(remote), EXECUTOR);
        }

        public CompletableFuture<RemoteStatus> status(String name, CancellationToken cancel) {
            return CompletableFuture.supplyAsync(() -> remotes.status(name, cancel), EXECUTOR);
        }

        public CompletableFuture<RemoteTransferResult> push(String name, CancellationToken cancel) {
            return CompletableFuture.supplyAsync(() -> remotes.push(name, cancel), EXECUTOR);
        }

        public CompletableFuture<RemotePruneResult> prune(String name, Duration delay, boolean dryRun,
                                                          CancellationToken cancel) {
            return CompletableFuture.supplyAsync(() -> remotes.prune(name, delay, dryRun, cancel), EXECUTOR);
        }

        public CompletableFuture<RemoteTransferResult> fetch(String name, CancellationToken cancel) {
            return CompletableFuture.supplyAsync(() -> remotes.fetch(name, cancel), EXECUTOR);
        }

        public CompletableFuture<RemoteTransferResult> pull(String name, CancellationToken cancel) {
            return CompletableFuture.supplyAsync(() -> remotes.pull(name, cancel), EXECUTOR);
        }

        public CompletableFuture<RemoteTransferResult> sync(String name, CancellationToken cancel) {
            return CompletableFuture.supplyAsync(() -> remotes.sync(name, cancel), EXECUTOR);
        }

        /** {@link Remotes#clone} on a background thread. */
        public static CompletableFuture<RemoteTransferResult> clone(RemoteConfig remote, Path folder,
                                                                    char @Nullable [] password, Map<String, String> env,
                                                                    CancellationToken cancel,
                                                                    Consumer<? super JcfEvent> events) {
            return CompletableFuture.supplyAsync(() -> Remotes.clone(remote, folder, password, env, cancel, events),
                    EXECUTOR);
        }
    }
}
