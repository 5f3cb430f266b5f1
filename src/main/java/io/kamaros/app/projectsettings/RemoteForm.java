package io.kamaros.app.projectsettings;

import io.kamaros.app.i18n.I18n;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.ValidationException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/**
 * Where a remote is, as a person types it: {@code s3://bucket/prefix}, {@code file:///…} or a folder's path, with
 * the S3 endpoint, region, path-style addressing and credentials profile; checked by the engine's
 * {@link RemoteConfig} as it is typed. Shared by the Remotes page (add) and Open from remote… (clone).
 */
public final class RemoteForm {
    private final StringProperty location = new SimpleStringProperty(this, "location", "");
    private final StringProperty endpoint = new SimpleStringProperty(this, "endpoint", "");
    private final StringProperty region = new SimpleStringProperty(this, "region", "");
    private final BooleanProperty pathStyle = new SimpleBooleanProperty(this, "pathStyle");
    private final StringProperty profile = new SimpleStringProperty(this, "profile", "");
    private final StringBinding locationProblem;
    private final StringBinding endpointProblem;

    public RemoteForm() {
        locationProblem = Bindings.createStringBinding(() -> fieldProblem("url"), location, endpoint, region,
                pathStyle, profile);
        endpointProblem = Bindings.createStringBinding(() -> fieldProblem("endpoint"), endpoint, location);
    }

    /** The remote the form describes, named so; a {@link ValidationException} naming the field when it is not one. */
    public RemoteConfig remote(String remoteName) {
        String where = location.get().strip();
        if (!where.isEmpty() && !where.toLowerCase(Locale.ROOT).startsWith("s3://") && !where.startsWith("file:")) {
            try {
                Path folder = Path.of(where);
                if (!folder.isAbsolute()) {
                    throw new ValidationException("not an absolute folder", Map.of("field", "url"));
                }
                where = folder.normalize().toUri().toString(); // a folder chosen with Browse… or typed
            } catch (InvalidPathException e) {
                throw new ValidationException("not a folder", Map.of("field", "url"), e);
            }
        }
        return new RemoteConfig(remoteName, where, blankToNull(endpoint.get()), blankToNull(region.get()),
                pathStyle.get(), blankToNull(profile.get()));
    }

    /** A location is typed and nothing in the form is wrong. */
    public boolean complete() {
        return !location.get().isBlank() && locationProblem.get().isEmpty() && endpointProblem.get().isEmpty();
    }

    public void clear() {
        location.set("");
        endpoint.set("");
        region.set("");
        pathStyle.set(false);
        profile.set("");
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The words for what the engine finds wrong with one field of the form ("" when that field is fine or empty). */
    private String fieldProblem(String field) {
        if (location.get().isBlank()) {
            return "";
        }
        try {
            remote("check"); // a valid stand-in: a name has its own check
            return "";
        } catch (ValidationException e) {
            Object which = e.details().get("field");
            if (!field.equals(which)) {
                return "";
            }
            if (!"url".equals(field)) {
                return I18n.t("projectSettings.remotes.invalid.endpoint");
            }
            return I18n.t(folderFlags() ? "projectSettings.remotes.invalid.folderFlags"
                    : "projectSettings.remotes.invalid.location");
        }
    }

    /** S3-only settings given for a folder remote. */
    private boolean folderFlags() {
        String where = location.get().strip().toLowerCase(Locale.ROOT);
        return !where.startsWith("s3://") && (!endpoint.get().isBlank() || !region.get().isBlank() || pathStyle.get()
                || !profile.get().isBlank());
    }

    /** {@code s3://bucket/prefix}, {@code file:///…} or a folder's path. */
    public StringProperty locationProperty() {
        return location;
    }

    public StringProperty endpointProperty() {
        return endpoint;
    }

    public StringProperty regionProperty() {
        return region;
    }

    public BooleanProperty pathStyleProperty() {
        return pathStyle;
    }

    public StringProperty profileProperty() {
        return profile;
    }

    public StringBinding locationProblemBinding() {
        return locationProblem;
    }

    public StringBinding endpointProblemBinding() {
        return endpointProblem;
    }
}
