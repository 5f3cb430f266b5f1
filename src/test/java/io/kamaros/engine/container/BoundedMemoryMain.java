package io.kamaros.engine.container;

import io.kamaros.engine.model.ExportResult;
import io.kamaros.engine.model.ImportResult;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.store.FileAdapter;
import java.nio.file.Path;

/**
 * Run in a child JVM with a heap much smaller than the project: exports {@code args[0]} to
 * {@code args[1]}, then imports that archive into {@code args[2]}. Prints "OK" on success.
 */
public final class BoundedMemoryMain {
    private BoundedMemoryMain() {
    }

    public static void main(String[] args) {
        try (JcfManager source = new JcfManager()) {
            source.init(new FileAdapter(Path.of(args[0])));
            ExportResult r = source.export(Path.of(args[1]));
            System.out.println("exported " + r.bytesWritten());
        }
        try (JcfManager target = new JcfManager()) {
            target.init(new FileAdapter(Path.of(args[2])));
            ImportResult r = target.importData(Path.of(args[1]));
            System.out.println("imported " + r.totalSize());
        }
        System.out.println("OK");
    }
}
