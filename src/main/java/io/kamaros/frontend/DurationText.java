package io.kamaros.frontend;

import io.kamaros.engine.model.DurationSetting;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A time as people write it in settings and options: "30s", "10m", "1h", "90" (seconds), or ISO-8601 ("PT30S"). */
public final class DurationText {
    private DurationText() {
    }

    /** The time, or null when the text is none of the forms above or negative (the engine's reading of it). */
    public static @Nullable Duration parse(String text) {
        return DurationSetting.parse(text);
    }
}
