package io.kamaros.cli;

import io.kamaros.engine.model.JcfEvent;
import io.kamaros.frontend.ByteSize;
import io.kamaros.frontend.TimeLeft;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One self-overwriting line on the terminal for long operations, fed by the engine's
 * {@code *:progress} events: phase, percent, files, bytes and an estimate of the time left.
 */
final class ProgressBar implements Consumer<JcfEvent> {
    private static final int WIDTH = 24;
    /** Redraw at most ten times a second: drawing must not slow the operation down. */
    private static final long MIN_REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private int lastLength;

    ProgressBar(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void accept(JcfEvent event) {
        if (!(event instanceof JcfEvent.Progress p)) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < MIN_REDRAW_NANOS && p.percent() < 100) {
            return;
        }
        lastDraw = now;
        String line = render(p, now - startNanos);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    static String render(JcfEvent.Progress p, long elapsedNanos) {
        double pct = Math.max(0, Math.min(100, p.percent()));
        int filled = (int) Math.round(pct / 100 * WIDTH);
        StringBuilder b = new StringBuilder();
        b.append(p.operation()).append(' ').append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled))
                .append("] ").append(String.format(Locale.ROOT, "%3.0f%%", pct));
        if (p.filesTotal() > 0) {
            b.append("  ").append(p.filesDone()).append('/').append(p.filesTotal()).append(" files");
        }
        if (p.bytesTotal() > 0) {
            b.append("  ").append(ByteSize.iec(p.bytesDone())).append('/').append(ByteSize.iec(p.bytesTotal()));
        }
        Duration left = TimeLeft.estimate(pct / 100, Duration.ofNanos(elapsedNanos));
        if (left != null) {
            long leftSeconds = left.toSeconds();
            b.append("  ETA ").append(leftSeconds >= 60 ? leftSeconds / 60 + "m" + leftSeconds % 60 + "s" : leftSeconds + "s");
        }
        if (p.phase() != null) {
            b.append("  ").append(p.phase());
        }
        return b.toString();
    }

    /** Clears the line so the result is printed on a clean one. */
    synchronized void finish() {
        if (lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }
}
