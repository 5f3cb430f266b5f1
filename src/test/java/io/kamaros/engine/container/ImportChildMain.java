package io.kamaros.engine.container;

import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.ImportResult;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.store.FileAdapter;
import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap: imports {@code args[0]} into a new project {@code args[1]}
 * and prints one line, {@code RESULT ok <versions>} or {@code RESULT refused <code> <message>}.
 * Anything else (an OutOfMemoryError, a runtime exception) escapes: a stack trace and exit code 1.
 */
public final class ImportChildMain {
    private ImportChildMain() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new FileAdapter(Path.of(args[0 + 1])));
            try {
                ImportResult r = jcf.importData(Path.of(args[0]), ImportOptions.defaults());
                System.out.println("RESULT ok " + r.versionsImported());
            } catch (JcfException e) {
                System.out.println("RESULT refused " + e.code() + " " + e.getMessage());
            }
        }
        System.out.println("TIME " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
