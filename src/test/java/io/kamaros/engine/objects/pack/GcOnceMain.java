package io.kamaros.engine.objects.pack;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.GcReport;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.store.FileAdapter;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link PackedProjectTest}: opens the project {@code args[0]} (packs of {@code args[1]}
 * bytes), runs one GC and prints {@code REMOVED <blobs removed> MERGED <packs merged>} — another program's GC.
 */
public final class GcOnceMain {
    private GcOnceMain() {
    }

    public static void main(String[] args) throws Exception {
        JcfConfig config = JcfConfig.builder().author("gc").snapshotInterval(3).packBytes(Long.parseLong(args[1])).build();
        try (JcfManager jcf = new JcfManager(config)) {
            jcf.init(new FileAdapter(Path.of(args[0])));
            GcReport report = jcf.runGc();
            System.out.println("REMOVED " + report.blobsRemoved() + " MERGED " + report.packsMerged());
        }
        System.out.flush();
    }
}
