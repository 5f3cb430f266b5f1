package io.kamaros.app.verify;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.TaskProgress;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.FindingCode;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerificationReport.Finding;
import io.kamaros.engine.model.VerificationReport.FindingType;
import io.kamaros.engine.model.VerificationReport.Repair;
import io.kamaros.engine.model.VerifyOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * Verify integrity (quick: everything present; deep: every byte re-read and checked) and show the
 * report grouped by finding type, in plain words, with counts; Repair fixes what the project's own
 * redundancy allows and says what it fixed and what it could not.
 */
public final class VerifyViewModel {
    /** The overall answer shown at the top. */
    public enum Verdict { NOT_CHECKED, HEALTHY, NOTES_ONLY, DAMAGED }

    /** Finding types repair can act on (besides errors): leftover temp files are deleted. */
    private static final List<FindingType> REPAIRABLE_NOTES = List.of(FindingType.STALE_TEMP);

    private final ProjectSession session;
    private final BooleanProperty deep = new SimpleBooleanProperty(this, "deep", false);
    private final ReadOnlyObjectWrapper<VerificationReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<Verdict> verdict = new ReadOnlyObjectWrapper<>(this, "verdict", Verdict.NOT_CHECKED);
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", I18n.t("verify.notChecked"));
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper(this, "counts", "");
    private final ObservableList<FindingGroup> groups = FXCollections.observableArrayList();
    private final ObservableList<String> repaired = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper repairRan = new ReadOnlyBooleanWrapper(this, "repairRan");
    private final TaskProgress task = new TaskProgress();
    private final BooleanBinding canRepair;
    private final BooleanBinding canVerify;

    public VerifyViewModel(ProjectSession session) {
        this.session = session;
        canVerify = Bindings.createBooleanBinding(() -> session.isOpen() && !task.isRunning(),
                session.projectProperty(), task.runningProperty());
        canRepair = Bindings.createBooleanBinding(() -> canVerify.get() && report.get() != null
                && needsRepair(report.get()), canVerify, report);
    }

    static boolean needsRepair(VerificationReport r) {
        return !r.errors().isEmpty() || REPAIRABLE_NOTES.stream().anyMatch(t -> !r.findings(t).isEmpty());
    }

    /** Checks the project (quick or deep, per {@link #deepProperty()}); changes nothing. */
    public TaskRunner.EngineTask<VerificationReport> verify() {
        JcfManager jcf = session.manager();
        boolean isDeep = deep.get();
        repaired.clear();
        repairRan.set(false);
        TaskRunner.EngineTask<VerificationReport> t = session.runner().task(
                        I18n.t(isDeep ? "verify.task.deep" : "verify.task.quick"),
                        ctx -> jcf.verifyIntegrity(VerifyOptions.builder().deep(isDeep).cancel(ctx.cancellation()).build()))
                .progressFrom(jcf).visible()
                .onSuccess(r -> {
                    show(r);
                    session.runner().announceFinished(headline.get());
                })
                .onDone(task::done)
                .start();
        return task.follow(t);
    }

    /**
     * Repairs what redundancy allows (a deep check first, so everything damaged is found), then shows
     * what was fixed and what is still wrong. History is never invented.
     */
    public TaskRunner.EngineTask<VerificationReport> repair() {
        JcfManager jcf = session.manager();
        TaskRunner.EngineTask<VerificationReport> t = session.runner().task(I18n.t("verify.task.repair"),
                        ctx -> jcf.verifyIntegrity(VerifyOptions.builder().deep(true).repair(true)
                                .cancel(ctx.cancellation()).build()))
                .progressFrom(jcf).visible().writes()
                .onSuccess(r -> {
                    deep.set(true);
                    show(r);
                    repaired.setAll(r.repairs().stream().map(VerifyViewModel::message).toList());
                    repairRan.set(true);
                    session.runner().announceFinished(I18n.t("verify.repair.status", r.repaired().size(), r.errors().size()));
                    session.refresh();
                })
                .onDone(task::done)
                .start();
        return task.follow(t);
    }

    private void show(VerificationReport r) {
        report.set(r);
        groups.setAll(group(r));
        Verdict v = !r.errors().isEmpty() ? Verdict.DAMAGED : r.warnings().isEmpty() ? Verdict.HEALTHY : Verdict.NOTES_ONLY;
        verdict.set(v);
        headline.set(switch (v) {
            case HEALTHY -> I18n.t("verify.verdict.healthy");
            case NOTES_ONLY -> I18n.t("verify.verdict.notes", r.warnings().size());
            case DAMAGED -> I18n.t("verify.verdict.damaged", r.errors().size());
            case NOT_CHECKED -> I18n.t("verify.notChecked");
        });
        counts.set(I18n.t("verify.counts", r.errors().size(), r.warnings().size(),
                I18n.t(deep.get() ? "verify.mode.deep" : "verify.mode.quick")));
    }

    /** Errors first, then notes; within each, in the order of {@link FindingType}. */
    static List<FindingGroup> group(VerificationReport r) {
        Map<String, List<Finding>> byKey = new LinkedHashMap<>();
        r.errors().stream().sorted(Comparator.comparing(Finding::type))
                .forEach(f -> byKey.computeIfAbsent("E" + f.type(), k -> new ArrayList<>()).add(f));
        r.warnings().stream().sorted(Comparator.comparing(Finding::type))
                .forEach(f -> byKey.computeIfAbsent("W" + f.type(), k -> new ArrayList<>()).add(f));
        List<FindingGroup> out = new ArrayList<>();
        byKey.forEach((key, findings) -> {
            FindingType type = findings.get(0).type();
            String k = "verify.type." + type.name().toLowerCase(Locale.ROOT);
            List<FindingGroup.FindingRow> rows = findings.stream()
                    .map(f -> new FindingGroup.FindingRow(message(f), where(f), f.suggestion())).toList();
            out.add(new FindingGroup(type, key.startsWith("E"), I18n.t(k + ".title"), I18n.t(k + ".explain"),
                    I18n.t(k + ".todo"), rows));
        });
        return out;
    }

    /**
     * The finding's sentence in the app's language, from its stable code and arguments (the engine's own
     * message is English). A finding made outside the engine's verifier has no code: its message is shown.
     */
    static String message(Finding f) {
        if (f.code() == FindingCode.OTHER) {
            return f.message();
        }
        return I18n.t("verify.finding." + f.code().key(), f.arguments().toArray());
    }

    /** What a repair did, in the app's language, from its stable code and arguments (the engine's message is English). */
    static String message(Repair r) {
        return I18n.t("verify.repaired." + r.code().key(), r.arguments().toArray());
    }

    /** Where a finding is, in words: the file, the version, the stored object. */
    static String where(Finding f) {
        List<String> parts = new ArrayList<>();
        Map<String, String> d = Objects.requireNonNull(f.details(), "Finding turns no details into an empty map");
        if (d.get("path") != null) {
            parts.add(I18n.t("verify.where.path", d.get("path")));
        }
        if (d.get("versionId") != null) {
            String id = d.get("versionId");
            parts.add(I18n.t("verify.where.version", id.length() > 8 ? id.substring(0, 8) : id));
        }
        if (d.get("hash") != null) {
            String h = d.get("hash");
            parts.add(I18n.t("verify.where.object", h.length() > 12 ? h.substring(0, 12) : h));
        }
        if (d.get("chunk") != null) {
            String c = d.get("chunk");
            parts.add(I18n.t("verify.where.chunk", c.length() > 12 ? c.substring(0, 12) : c));
        }
        return String.join(" · ", parts);
    }

    public void cancel() {
        task.cancel();
    }

    public BooleanProperty deepProperty() {
        return deep;
    }

    public ReadOnlyObjectProperty<VerificationReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Verdict> verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public ObservableList<FindingGroup> getGroups() {
        return groups;
    }

    /** What the last repair fixed, one sentence each. */
    public ObservableList<String> getRepaired() {
        return repaired;
    }

    public ReadOnlyBooleanProperty repairRanProperty() {
        return repairRan.getReadOnlyProperty();
    }

    public BooleanBinding canRepairBinding() {
        return canRepair;
    }

    public BooleanBinding canVerifyBinding() {
        return canVerify;
    }

    public TaskProgress task() {
        return task;
    }
}
