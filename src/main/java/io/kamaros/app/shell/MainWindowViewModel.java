package io.kamaros.app.shell;

import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.engine.WorkingCopyStatus;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;

/** The window around the features: its title, which screen shows, the status bar's summary. */
public final class MainWindowViewModel {
    private final ProjectSession session;
    private final StringBinding title;
    private final BooleanBinding projectOpen;
    private final StringBinding workingCopySummary;

    public MainWindowViewModel(ProjectSession session) {
        this.session = session;
        title = Bindings.createStringBinding(() -> session.location()
                .map(l -> I18n.t("window.title.project", l.displayName())).orElse(I18n.t("window.title")),
                session.projectProperty());
        projectOpen = session.projectProperty().isNotNull();
        workingCopySummary = Bindings.createStringBinding(() -> summary(session.getStatus()), session.statusProperty(),
                session.headProperty());
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
