package io.kamaros.app.shell;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.engine.model.UnversionableFile;
import io.kamaros.engine.model.WorkingCopyStatus;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;

/** The window around the features: its title, which screen shows, the status bar's summary. */
public final class MainWindowViewModel {
    private final ProjectSession session;
    private final StringBinding title;
    private final BooleanBinding projectOpen;
    private final StringBinding workingCopySummary;
    private final StringBinding projectFacts;
    private final BooleanBinding unversionableShown;
    private final StringBinding unversionableHeadline;
    private final StringBinding unversionableList;
    /** At most this many entries are listed in the bar; the headline counts them all. */
    static final int LISTED = 8;

    public MainWindowViewModel(ProjectSession session) {
        this.session = session;
        title = Bindings.createStringBinding(() -> session.location()
                .map(l -> I18n.t("window.title.project", l.displayName())).orElse(I18n.t("window.title")),
                session.projectProperty());
        projectOpen = session.projectProperty().isNotNull();
        workingCopySummary = Bindings.createStringBinding(() -> summary(session.getStatus()), session.statusProperty(),
                session.headProperty());
        projectFacts = Bindings.createStringBinding(() -> session.isOpen() && !session.getVersions().isEmpty()
                ? I18n.t("timeline.count", session.getVersions().size()) : "", session.projectProperty(),
                session.getVersions());
        unversionableShown = Bindings.createBooleanBinding(() -> !unversionable().isEmpty(), session.statusProperty(),
                session.projectProperty());
        unversionableHeadline = Bindings.createStringBinding(this::headline, session.statusProperty(),
                session.projectProperty());
        unversionableList = Bindings.createStringBinding(this::list, session.statusProperty(), session.projectProperty());
    }

    /** What the working copy holds that is not versioned as it is (from the last status, refreshed after every save). */
    public List<UnversionableFile> unversionable() {
        WorkingCopyStatus s = session.getStatus();
        return !session.isOpen() || s == null ? List.of() : s.unversionable();
    }

    private String headline() {
        List<UnversionableFile> all = unversionable();
        long notSaved = all.stream().filter(u -> !u.saved()).count();
        long windows = all.size() - notSaved;
        if (notSaved > 0 && windows > 0) {
            return I18n.t("unversionable.headline.both", notSaved, windows);
        }
        return notSaved > 0 ? I18n.t("unversionable.headline.notSaved", notSaved)
                : windows > 0 ? I18n.t("unversionable.headline.windows", windows) : "";
    }

    private String list() {
        List<UnversionableFile> all = unversionable();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < all.size() && i < LISTED; i++) {
            UnversionableFile u = all.get(i);
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(I18n.t("unversionable.line", u.path(), I18n.t("unversionable.reason." + u.reason().name())));
        }
        if (all.size() > LISTED) {
            sb.append('\n').append(I18n.t("unversionable.more", all.size() - LISTED));
        }
        return sb.toString();
    }

    /** True while the warning bar shows: the working copy holds something not versioned as it is. */
    public BooleanBinding unversionableShownBinding() {
        return unversionableShown;
    }

    /** The warning bar's first line, e.g. "2 files are not versioned". */
    public StringBinding unversionableHeadlineBinding() {
        return unversionableHeadline;
    }

    /** The warning bar's list: one line per entry (path and why), at most {@value #LISTED}. */
    public StringBinding unversionableListBinding() {
        return unversionableList;
    }

    private String summary(WorkingCopyStatus s) {
        if (!session.isOpen() || s == null) {
            return "";
        }
        if (session.getHead() == null) {
            return I18n.t("status.noVersions");
        }
        return s.isClean() ? I18n.t("status.clean") : I18n.t("status.changes", s.changeCount());
    }

    /** The project's facts for the status bar ("25 versions"); empty without a project or history. */
    public StringBinding projectFactsBinding() {
        return projectFacts;
    }

    /** "Moonlit Garden — Kamaros" with a project open, "Kamaros" on the welcome screen. */
    public StringBinding titleBinding() {
        return title;
    }

    public BooleanBinding projectOpenBinding() {
        return projectOpen;
    }

    public StringBinding workingCopySummaryBinding() {
        return workingCopySummary;
    }

    public ProjectSession session() {
        return session;
    }
}
