package io.kamaros.cli;

import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.ForgetResult;
import io.kamaros.engine.model.RetentionPolicy;
import io.kamaros.engine.model.RetentionSettings;
import io.kamaros.frontend.ByteSize;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "forget", description = {
        "Forget versions: by hand (forget VERSION…), or those a retention policy does not keep (forget --keep-…).",
        "Kept versions stay byte-exact (a forgotten version's children are re-linked to its parent); the space",
        "only forgotten versions used is freed. Without VERSION or --keep flags the project's policy applies",
        "(Time Machine's defaults unless --save-policy or the app set another), with the project's settings for",
        "manual and tagged versions (retentionThinManual / retentionThinTagged). A policy thins automatic saves",
        "only, unless --include-manual; tagged versions only with --force; the current version never.",
        "'kamaros watch' applies the project's policy by itself after automatic saves (retentionAuto)."})
final class ForgetCommand extends BaseCommand {
    @Parameters(arity = "0..*", paramLabel = "VERSION", description = "Versions to forget (ids, short ids or tags).")
    List<String> versions = new ArrayList<>();

    @Option(names = "--keep-last", paramLabel = "N", description = "Keep the N newest versions.")
    @Nullable String keepLast;

    @Option(names = "--keep-within", paramLabel = "DURATION", description = "Keep every version of the last DURATION (e.g. 24h, 7d).")
    @Nullable String keepWithin;

    @Option(names = "--keep-hourly", paramLabel = "N", description = "Keep the newest version of each of the N newest hours (or 'unlimited').")
    @Nullable String keepHourly;

    @Option(names = "--keep-daily", paramLabel = "N", description = "… of each of the N newest days.")
    @Nullable String keepDaily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "… of each of the N newest weeks.")
    @Nullable String keepWeekly;

    @Option(names = "--keep-monthly", paramLabel = "N", description = "… of each of the N newest months.")
    @Nullable String keepMonthly;

    @Option(names = "--max-size", paramLabel = "SIZE", description = "Then drop the oldest thinnable versions until the history is about SIZE (e.g. 5GB).")
    @Nullable String maxSize;

    @Option(names = "--include-manual", negatable = true, description = "The policy may thin manual checkpoints too, "
            + "not only automatic saves (--no-include-manual: it may not). Without --keep flags the project's setting "
            + "(retentionThinManual, the app's Retention tab) decides unless this is given.")
    @Nullable Boolean includeManual;

    @Option(names = {"-f", "--force"}, negatable = true, description = "Forget tagged versions too (their tags go with "
            + "them; --no-force: never). Without VERSION or --keep flags the project's setting (retentionThinTagged) "
            + "decides unless this is given.")
    @Nullable Boolean force;

    @Option(names = {"-n", "--dry-run"}, description = "Only list what would go and the space it would free.")
    boolean dryRun;

    @Option(names = "--save-policy", description = "Keep the --keep flags as the project's policy (and apply it).")
    boolean savePolicy;

    @Override
    public Integer call() {
        boolean flags = keepLast != null || keepWithin != null || keepHourly != null || keepDaily != null
                || keepWeekly != null || keepMonthly != null || maxSize != null;
        if (!versions.isEmpty() && (flags || savePolicy || includeManual != null)) {
            throw CliException.badArgument("Name versions to forget, or give --keep flags, not both.");
        }
        if (savePolicy && !flags) {
            throw CliException.badArgument("--save-policy needs --keep flags to save.");
        }
        try (Project p = cli.openProject()) {
            ForgetResult r;
            if (!versions.isEmpty()) {
                ForgetOptions byHand = ForgetOptions.defaults().withForce(Boolean.TRUE.equals(force)).withDryRun(dryRun);
                r = cli.longOperation(p, token -> p.jcf().forget(versions, byHand.withCancel(token)));
            } else {
                // Without --keep flags, the project's policy with its switches, as the app and autosave's thinning
                // apply it; explicit --keep flags are a policy of their own, thinning manual or tagged versions
                // only when asked here.
                RetentionSettings saved = p.jcf().getRetentionSettings();
                RetentionPolicy policy = flags ? policyFromFlags() : saved.policy();
                ForgetOptions base = flags ? ForgetOptions.defaults() : saved.forgetOptions();
                ForgetOptions opts = base.withIncludeManual(includeManual != null ? includeManual : base.includeManual())
                        .withForce(force != null ? force : base.force()).withDryRun(dryRun);
                if (savePolicy && !dryRun) {
                    p.jcf().setRetentionPolicy(policy);
                }
                r = cli.longOperation(p, token -> p.jcf().forget(policy, opts.withCancel(token)));
            }
            report(r);
        }
        return ExitCodes.OK;
    }

    private void report(ForgetResult r) {
        if (cli.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dryRun", r.dryRun());
            m.put("forgotten", r.forgotten().stream().map(i -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("id", i.id());
                v.put("timestamp", i.timestamp().toString());
                v.put("message", i.message());
                v.put("autoSaved", i.autoSaved());
                return v;
            }).toList());
            m.put("kept", r.kept());
            m.put(r.dryRun() ? "bytesFreedEstimate" : "bytesFreed", r.bytesFreed());
            cli.json(m);
            return;
        }
        DateTimeFormatter when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());
        for (ForgetResult.Item i : r.forgotten()) {
            cli.print((r.dryRun() ? "would forget " : "forgot ") + i.shortId() + "  " + when.format(i.timestamp())
                    + "  " + i.message());
        }
        int n = r.forgotten().size();
        String versionsWord = n == 1 ? " version" : " versions";
        cli.print(n == 0 ? "Nothing to forget (" + r.kept() + " versions kept)."
                : r.dryRun() ? "Would forget " + n + versionsWord + ", keep " + r.kept() + ", and free about "
                + ByteSize.iec(r.bytesFreed()) + "."
                : "Forgot " + n + versionsWord + ", kept " + r.kept() + "; " + ByteSize.iec(r.bytesFreed()) + " freed.");
    }

    private RetentionPolicy policyFromFlags() {
        return new RetentionPolicy(count("--keep-last", keepLast), duration(keepWithin), count("--keep-hourly", keepHourly),
                count("--keep-daily", keepDaily), count("--keep-weekly", keepWeekly),
                count("--keep-monthly", keepMonthly), size(maxSize));
    }

    private static int count(String flag, @Nullable String value) {
        if (value == null) {
            return 0;
        }
        if (value.equalsIgnoreCase("unlimited") || value.equals("-1")) {
            return RetentionPolicy.UNLIMITED;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw CliException.badArgument(flag + " takes a count (0 or more) or 'unlimited', not '" + value + "'.");
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([mhdw])");

    /** 90m, 24h, 7d, 2w, or a sum of them (1d12h). */
    static Duration duration(@Nullable String value) {
        return duration(value, "--keep-within");
    }

    /** {@link #duration(String)} for the option {@code flag} (named in the message when the value is not one). */
    static Duration duration(@Nullable String value, String flag) {
        if (value == null) {
            return Duration.ZERO;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(v);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
            end = m.end();
        }
        if (end == 0 || end != v.length()) {
            throw CliException.badArgument(flag + " takes a duration such as 24h, 7d or 1d12h, not '" + value + "'.");
        }
        return total;
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?i?b?)");

    /** 500MB, 5GB, 1.5GiB, 1000000 (bytes); KB/MB/GB are powers of 1000, KiB/MiB/GiB of 1024. */
    static long size(@Nullable String value) {
        if (value == null) {
            return 0;
        }
        Matcher m = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw CliException.badArgument("--max-size takes a size such as 500MB or 5GB, not '" + value + "'.");
        }
        String unit = m.group(2);
        int power = unit.isEmpty() || unit.equals("b") ? 0 : "kmgt".indexOf(unit.charAt(0)) + 1;
        double base = unit.contains("i") ? 1024 : 1000;
        return (long) (Double.parseDouble(m.group(1)) * Math.pow(base, power));
    }
}
