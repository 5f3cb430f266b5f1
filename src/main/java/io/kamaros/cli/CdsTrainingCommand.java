package io.kamaros.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * Runs the common commands once on a scratch project so that the build's class-data-sharing dump
 * ({@code -XX:ArchiveClassesAtExit}) records the classes they load; see the pom and the README.
 */
@Command(name = "cds-training", hidden = true, description = "Exercise common commands (used by the build for AppCDS).")
final class CdsTrainingCommand extends BaseCommand {
    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("kamaros-cds-");
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        try {
            Files.writeString(dir.resolve("notes.txt"), "first line\nsecond line\n");
            Files.write(dir.resolve("image.bin"), new byte[] {0, 1, 2, 3, (byte) 0xff});
            // A folder versioned in place with a file big enough to be chunked, so that the archive also holds
            // what saving, a no-change commit and a restore of big files load (chunking, packs, the pipelines).
            Files.createDirectories(dir.resolve("tree"));
            byte[] big = new byte[640 * 1024];
            new SplittableRandom(1).nextBytes(big);
            Files.write(dir.resolve("tree/big.bin"), big);
            String[][] steps = {
                {"--version"}, {"--json", "--version"}, {"init", "p"}, {"-C", "p", "add", "../notes.txt", "../image.bin"},
                {"-C", "p", "status"}, {"-C", "p", "commit", "-m", "first"}, {"-C", "p", "status", "--json"},
                {"-C", "p", "log"}, {"-C", "p", "log", "--oneline"}, {"-C", "p", "log", "--json"},
                {"-C", "p", "diff"}, {"-C", "p", "show", "HEAD", "--stat"}, {"-C", "p", "cat", "notes.txt"},
                {"-C", "p", "no-such-command"}, {"-C", "p", "show", "no-such-version"},
                {"init", "--work-tree", "tree", "w"}, {"-C", "w", "commit", "-m", "big"}, {"-C", "w", "commit", "-m", "none"},
                {"-C", "w", "restore", "HEAD", "--to", "out"},
            };
            for (String[] step : steps) {
                new KamarosCli(dir, sink, sink, Map.of(), false).execute(step);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        return ExitCodes.OK;
    }
}
