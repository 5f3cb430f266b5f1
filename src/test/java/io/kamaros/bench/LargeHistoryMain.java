package io.kamaros.bench;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.frontend.ProjectLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes a project with a long history for measuring how fast the desktop app opens it:
 * {@code java -cp ... io.kamaros.bench.LargeHistoryMain <folder> [versions=10000] [files=50]}.
 * Each version edits one to three text files; every 1,000 versions an older version is restored and
 * worked on, so the history graph has branches. The folder is tracked in place (history in
 * {@code <folder>/.kamaros}), as the app creates projects. Then:
 * {@code java -Dkamaros.timing=true -jar target/kamaros.jar <folder>}.
 */
public final class LargeHistoryMain {
    private LargeHistoryMain() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args.length > 0 ? args[0] : "target/large-history");
        int versions = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int files = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Files.createDirectories(folder);
        Random random = new Random(42);
        String[] authors = {"Ada", "Bartek", "Chloe", "Dmitri"};
        Instant start = Instant.now().minus(Duration.ofDays(400));
        long t0 = System.nanoTime();
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("Ada").build())) {
            jcf.init(ProjectLocation.trackedFolder(folder).adapter());
            List<String> ids = new ArrayList<>(jcf.getHistory().stream().map(v -> v.id()).toList());
            if (ids.isEmpty()) {
                for (int f = 0; f < files; f++) {
                    jcf.addFile("docs/file-" + f + ".md", "# File " + f + "\n\nfirst line\n");
                }
            }
            for (int v = ids.size(); v < versions; v++) {
                if (v > 0 && v % 1000 == 0) {
                    jcf.restoreVersion(ids.get(v - 10)); // go back a little and continue: a branch
                }
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    String path = "docs/file-" + random.nextInt(files) + ".md";
                    jcf.appendToFile(path, ("line " + v + " by edit " + e + "\n").getBytes());
                }
                ids.add(jcf.saveCheckpoint("Edit " + v + ": " + edits + " files", CheckpointOptions.defaults()
                        .author(authors[v % authors.length]).timestamp(start.plus(Duration.ofMinutes(55L * v)))
                        .tags(v % 500 == 0 ? new String[] {"milestone-" + v / 500} : new String[0])));
                if (v % 500 == 0) {
                    System.out.printf("%d versions, %.1f s%n", v + 1, (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        System.out.printf("done: %d versions in %s, %.1f s%n", versions, folder, (System.nanoTime() - t0) / 1e9);
    }
}
