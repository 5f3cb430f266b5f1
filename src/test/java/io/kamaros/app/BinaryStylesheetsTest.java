package io.kamaros.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.ChildJvm;
import io.kamaros.app.toolkit.ToolWindow;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build converts the app's stylesheets to binary CSS beside them (pom.xml, "binary-css-*"), and JavaFX loads
 * the .bss instead of the .css when one is there. So a stylesheet edited without a matching .bss would be
 * ignored by the app: every app stylesheet must have a .bss that is exactly what its .css converts to now.
 */
class BinaryStylesheetsTest {
    @Test
    void everyAppStylesheetHasABinaryThatIsItsCurrentConversion(@TempDir Path temp) throws Exception {
        Path appFolder = Path.of(URI.create(ToolWindow.stylesheet())).getParent();
        List<Path> stylesheets;
        try (Stream<Path> files = Files.walk(appFolder)) {
            stylesheets = files.filter(f -> f.toString().endsWith(".css")).sorted().toList();
        }
        assertThat(stylesheets).extracting(f -> f.getFileName().toString()).contains("kamaros.css", "diff.css");

        for (Path css : stylesheets) {
            Path bss = binaryOf(css);
            assertThat(bss).as("a binary stylesheet beside %s (add a binary-css execution in pom.xml)", css).isRegularFile();
            Path fresh = temp.resolve(bss.getFileName());
            // converted in a JVM of its own, as the build does: a .bss lists a selector's pseudo-classes in the
            // order its JVM registered them, so a JVM that has shown controls writes the same rules otherwise
            Process convert = new ProcessBuilder(ChildJvm.command("com.sun.javafx.css.parser.Css2Bin",
                    css.toString(), fresh.toString())).inheritIO().start();
            assertThat(convert.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(convert.exitValue()).isZero();
            assertThat(Files.readAllBytes(bss)).as("%s is the conversion of the current %s", bss.getFileName(), css)
                    .isEqualTo(Files.readAllBytes(fresh));
        }
    }

    private static Path binaryOf(Path css) {
        String name = css.getFileName().toString();
        return css.resolveSibling(name.substring(0, name.length() - ".css".length()) + ".bss");
    }
}
