package io.kamaros.app.task;

import io.kamaros.app.i18n.I18n;
import io.kamaros.engine.model.JcfEvent;
import io.kamaros.frontend.ByteSize;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Puts an engine progress event into words: phase, files, bytes and time left. */
public final class ProgressText {
    /** A remote transfer's phases: what they count are the parts (packs) sent or received, not the person's files. */
    private static final Set<String> PART_PHASES = Set.of("sending", "receiving", "recording", "re-hashing");

    private ProgressText() {
    }

    public static String describe(JcfEvent.Progress p, @Nullable Duration eta) {
        StringBuilder sb = new StringBuilder(phase(p.phase()));
        if (p.filesTotal() > 0) {
            sb.append(" — ").append(I18n.t(PART_PHASES.contains(p.phase()) ? "progress.parts" : "progress.files",
                    p.filesDone(), p.filesTotal()));
        }
        if (p.bytesTotal() > 0) {
            sb.append(" — ").append(I18n.t("progress.bytes", bytes(p.bytesDone()), bytes(p.bytesTotal())));
        }
        if (eta != null) {
            sb.append(" — ").append(I18n.t("progress.eta", duration(eta)));
        }
        return sb.toString();
    }

    public static String phase(String phase) {
        if (phase == null) {
            return I18n.t("progress.working");
        }
        String key = "phase." + phase;
        return I18n.has(key) ? I18n.t(key) : phase.replace('-', ' ');
    }

    public static String duration(Duration d) {
        long s = Math.max(1, (d.toMillis() + 999) / 1000);
        return s < 60 ? I18n.t("time.seconds", s) : I18n.t("time.minutes", s / 60, s % 60);
    }

    public static String bytes(long n) {
        return ByteSize.format(n, I18n.locale(), ByteSize.DESKTOP_UNITS);
    }
}
