package io.kamaros.cli;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.VersionNotFoundException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import org.jspecify.annotations.Nullable;

/**
 * The {@code kamaros} command line: global options and the plumbing every command shares
 * (opening the project, printing text or JSON, progress, Ctrl-C, exit codes). Each command is its
 * own class; they only parse, call the engine and print.
 */
@Command(name = "kamaros", sortOptions = false, usageHelpAutoWidth = true,
        description = "Keeps the whole history of a project. Run 'kamaros help COMMAND' for a command's options.",
        footer = {"", "Exit codes: 0 ok, 1 general error, 2 bad arguments, 3 file not found, 4 version not found,",
            "5 integrity problem, 6 project locked by another program, 7 password required or wrong,",
            "8 saved, but some files were not versioned or have names Windows cannot restore (listed),",
            "9 a remote cannot be used (unreachable, access denied, unavailable).",
            "", "An encrypted project's password comes from --password-file FILE, the KAMAROS_PASSWORD environment",
            "variable, or a prompt (no echo) when a terminal is attached; never from a command-line value."})
public final class KamarosCli implements Callable<Integer> {
    /** Command names; the launcher sends anything else with one existing path to the desktop app. */
    public static final List<String> COMMANDS = List.of("init", "status", "add", "rm", "mv", "commit", "log", "show",
            "cat", "diff", "restore", "tag", "forget", "gc", "verify", "stats", "export", "import", "config", "remote", "watch",
            "completion", "help");

    /** Every command, in the order help lists them. */
    private static final List<Class<?>> COMMAND_CLASSES = List.of(
            InitCommand.class, StatusCommand.class, AddCommand.class, RmCommand.class, MvCommand.class,
            CommitCommand.class, LogCommand.class, ShowCommand.class, CatCommand.class, DiffCommand.class,
            RestoreCommand.class, TagCommand.class, ForgetCommand.class, GcCommand.class, VerifyCommand.class,
            StatsCommand.class, ExportCommand.class, ImportCommand.class, ConfigCommand.class, RemoteCommand.class, TransferCommands.Push.class,
            TransferCommands.Fetch.class, TransferCommands.Pull.class, TransferCommands.Sync.class,
            TransferCommands.Clone.class, WatchCommand.class,
            CompletionCommand.class,
            CdsTrainingCommand.class, CommandLine.HelpCommand.class);

    @Option(names = "-C", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Run as if started in DIR (the project is DIR or its nearest parent that is one).")
    @Nullable Path directory;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Machine-readable output (errors too).")
    boolean json;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print only results and errors.")
    boolean quiet;

    @Option(names = "--password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The password of an encrypted project: the first line of FILE.")
    @Nullable Path passwordFile;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    @Option(names = {"-V", "--version"}, description = "Print the version and exit.")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show help.")
    boolean help;

    @Spec
    CommandSpec spec;

    private final Path cwd;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final boolean terminal;
    private final Passwords.@Nullable Prompt prompt;
    /** Ctrl-C during a long operation: the hook cancels it and waits on this until it has rolled back. */
    private @Nullable CountDownLatch finished;
    private @Nullable Thread cancelHook;

    public KamarosCli(Path cwd, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal) {
        this(cwd, out, err, env, terminal, null);
    }

    /** {@code prompt} reads a password without echo (null: no terminal to ask on). */
    KamarosCli(Path cwd, PrintStream out, PrintStream err, Map<String, String> env, boolean terminal,
               Passwords.@Nullable Prompt prompt) {
        this.prompt = prompt;
        this.cwd = cwd.toAbsolutePath().normalize();
        this.out = out;
        this.err = err;
        this.env = env;
        this.terminal = terminal;
    }

    /** Runs a command line in this process with System's streams; returns the exit code. */
    public static int run(String... args) {
        if (!Arrays.asList(args).contains("--debug") && System.getProperty("slf4j.provider") == null) {
            // The engine logs through SLF4J; a command's output is its result and its one-line errors,
            // so logging stays off (this also spares start-up the logging framework's initialisation).
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN"); // else SLF4J announces the choice on stderr
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        KamarosCli cli = new KamarosCli(Path.of(""), out, err, System.getenv(), System.console() != null,
                Passwords.console());
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Parses and runs {@code args}; every failure becomes an exit code and one line on stderr. */
    public int execute(String... args) {
        CommandLine cl = new CommandLine(this);
        // Start-up: picocli reflects over every command it is given, so a run that names one command
        // registers only that one; help, completion and anything unknown get them all.
        for (Class<?> c : commandsToRegister(args)) {
            cl.addSubcommand(c);
        }
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler(this::badArguments);
        cl.setExecutionExceptionHandler((e, line, parsed) -> failure(e));
        cl.setExitCodeExceptionMapper(e -> ExitCodes.GENERAL);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
            releaseCancelHook();
        }
    }

    /**
     * The commands {@link #execute} registers: the one the arguments name; none for a bare {@code --version}
     * (it prints one line, and reflecting over every command was most of its start-up); all of them otherwise
     * (help, completion, no command, an unknown one: their messages list the commands).
     */
    static List<Class<?>> commandsToRegister(String[] args) {
        Class<?> named = commandNamed(args);
        if (named != null) {
            return List.of(named);
        }
        List<String> given = Arrays.asList(args);
        boolean onlyOptions = given.stream().allMatch(a -> a.startsWith("-"));
        boolean version = given.contains("-V") || given.contains("--version");
        boolean help = given.contains("-h") || given.contains("--help");
        return onlyOptions && version && !help ? List.of() : COMMAND_CLASSES;
    }

    /** The command class the arguments name (after global options), or null for help, completion or none. */
    static @Nullable Class<?> commandNamed(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-C") || a.equals("--password-file")) {
                i++;
                continue;
            }
            if (a.startsWith("-")) {
                continue;
            }
            for (Class<?> c : COMMAND_CLASSES) {
                Command command = c.getAnnotation(Command.class);
                if (command.name().equals(a) || List.of(command.aliases()).contains(a)) {
                    return a.equals("help") || a.equals("completion") ? null : c;
                }
            }
            return null;
        }
        return null;
    }

    @Override
    public Integer call() {
        if (version) {
            String v = versionText();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", "kamaros");
                m.put("version", v);
                m.put("java", System.getProperty("java.version"));
                json(m);
            } else {
                out.println("kamaros " + v);
            }
            return ExitCodes.OK;
        }
        spec.commandLine().usage(err);
        return ExitCodes.BAD_ARGUMENTS;
    }

    static String versionText() {
        String v = KamarosCli.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    // ------------------------------------------------------------------ what commands share

    Path cwd() {
        return cwd;
    }

    /** The folder commands start from: {@code -C DIR} or the current one. */
    Path base() {
        return directory == null ? cwd : cwd.resolve(directory).toAbsolutePath().normalize();
    }

    Map<String, String> env() {
        return env;
    }

    boolean json() {
        return json;
    }

    Project openProject() {
        return Project.open(base(), env, passwords());
    }

    Project openProjectForStatus() {
        return Project.openForStatus(base(), env, passwords());
    }

    /** Where an encrypted project's password comes from (asked for only when a project needs one). */
    Passwords passwords() {
        return new Passwords(passwordFile == null ? null : base().resolve(passwordFile), env, prompt);
    }

    PrintStream out() {
        return out;
    }

    /** A message for people; none with --quiet or --json. */
    void info(String line) {
        if (!quiet && !json) {
            out.println(line);
        }
    }

    /** A warning for people on stderr, printed even with --quiet (not with --json: the JSON carries it). */
    void warn(String line) {
        if (!json) {
            err.println(line);
        }
    }

    /** A result in text mode (printed even with --quiet). */
    void print(String line) {
        out.println(line);
    }

    void json(Object value) {
        out.println(JsonOutput.write(value));
    }

    /**
     * Runs a long engine operation: a progress bar on a terminal, and Ctrl-C cancels it cleanly (the
     * JVM waits in a shutdown hook until the engine has rolled back, so nothing is left half-written).
     */
    <T> T longOperation(Project project, Function<CancellationToken, T> work) {
        return longOperation((token, progress) -> {
            project.jcf().on("*:progress", progress);
            try {
                return work.apply(token);
            } finally {
                project.jcf().off("*:progress", progress);
            }
        });
    }

    /** {@link #longOperation(Project, Function)} for work with no open project (a clone): it is handed the listener. */
    <T> T longOperation(BiFunction<CancellationToken, Consumer<JcfEvent>, T> work) {
        CancellationToken token = new CancellationToken();
        installCancelHook(token);
        ProgressBar bar = terminal && !quiet && !json ? new ProgressBar(err) : null;
        try {
            return work.apply(token, bar != null ? bar : event -> { });
        } finally {
            if (bar != null) {
                bar.finish();
            }
        }
    }

    private void installCancelHook(CancellationToken token) {
        releaseCancelHook(); // one hook per operation
        finished = new CountDownLatch(1);
        CountDownLatch done = finished;
        cancelHook = new Thread(() -> {
            token.cancel();
            try {
                // Released by execute() once the operation has rolled back and its error line is printed.
                done.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kamaros-cancel");
        Runtime.getRuntime().addShutdownHook(cancelHook);
    }

    private void releaseCancelHook() {
        if (finished != null) {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(cancelHook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived: the hook is running and now lets the JVM exit
            }
            finished = null;
            cancelHook = null;
        }
    }

    // ------------------------------------------------------------------ errors

    private int badArguments(CommandLine.ParameterException e, String[] args) {
        String command = e.getCommandLine().getCommandName();
        String hint = "kamaros".equals(command) ? "kamaros help" : "kamaros help " + command;
        reportError("BAD_ARGUMENTS", e.getMessage(), ExitCodes.BAD_ARGUMENTS, Map.of(), e, hint);
        return ExitCodes.BAD_ARGUMENTS;
    }

    private int failure(Exception e) {
        if (e instanceof CliException c) {
            reportError(c.code(), c.getMessage(), c.exitCode(), c.details(), e, null);
            return c.exitCode();
        }
        if (e instanceof JcfException j) {
            int code = ExitCodes.of(j);
            String message = j.getMessage();
            if (j instanceof VersionNotFoundException && j.details().get("versionId") != null) {
                message = "No version '" + j.details().get("versionId") + "' in this project; 'kamaros log' lists them"
                        + " (full ids, unique prefixes, tags, HEAD and HEAD~N work).";
            }
            reportError(j.code(), message, code, j.details(), e, null);
            return code;
        }
        reportError("UNEXPECTED", "Unexpected error: " + e + (debug ? "" : " (run with --debug for details)"),
                ExitCodes.GENERAL, Map.of(), e, null);
        return ExitCodes.GENERAL;
    }

    private void reportError(String code, @Nullable String message, int exitCode, Map<String, ?> details, Exception e,
                             @Nullable String hint) {
        if (json) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", code);
            error.put("message", message);
            error.put("exitCode", exitCode);
            if (!details.isEmpty()) {
                error.put("details", details);
            }
            err.println(JsonOutput.writeLine(Map.of("error", error)));
        } else {
            err.println("kamaros: " + message + (hint == null ? "" : " (see '" + hint + "')"));
        }
        if (debug) {
            e.printStackTrace(err);
        }
    }
}
