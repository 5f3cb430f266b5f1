package io.kamaros.app.verify;

import io.kamaros.engine.model.VerificationReport.FindingType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The findings of one type and severity, put into words: what it is, what it means for the person,
 * and what to do.
 *
 * @param error true for damage (errors), false for notes (warnings)
 */
public record FindingGroup(FindingType type, boolean error, String title, String explanation, String whatToDo,
                           List<FindingRow> items) {

    public int count() {
        return items.size();
    }

    /** One finding: the engine's sentence, where (file, version, object) and its own suggestion if any. */
    public record FindingRow(String message, String where, @Nullable String suggestion) {
    }
}
