package io.kamaros.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.util.Objects;
import javafx.css.CssParser;
import javafx.css.Stylesheet;

/**
 * Loads the app's stylesheet once in a fresh JVM, as the first window does, from its text ({@code css}) or its
 * binary form ({@code bss}), and prints the wall and the process CPU time (JIT threads included) it took. Run
 * each way several times, alternated:
 * {@code java -cp "target/classes:target/test-classes:target/lib/*" io.kamaros.bench.StylesheetLoadMain css|bss}
 */
public final class StylesheetLoadMain {
    private StylesheetLoadMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean binary = args.length > 0 && args[0].equals("bss");
        URL css = Objects.requireNonNull(StylesheetLoadMain.class.getResource("/io/kamaros/app/kamaros.css"));
        URL bss = new URL(css.toExternalForm().replaceFirst("\\.css$", ".bss"));
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        Stylesheet sheet = binary ? Stylesheet.loadBinary(bss) : new CssParser().parse(css);
        long tookWall = System.nanoTime() - wall;
        long tookCpu = os.getProcessCpuTime() - cpu;
        System.out.printf("%s: %d rules, %.1f ms wall, %.1f ms CPU%n", binary ? "bss" : "css", sheet.getRules().size(),
                tookWall / 1e6, tookCpu / 1e6);
    }
}
