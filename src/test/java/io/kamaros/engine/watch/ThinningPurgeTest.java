package io.kamaros.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ForgetOptions;
import io.kamaros.engine.model.ForgetResult;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hourly automatic thinning makes room; it does not purge. Rewriting every pack that holds a forgotten autosave
 * rewrote the pack of every kept content each hour (a cost that grew with the history kept, issue 17's "grows with
 * the versions removed"). A forget a person asks for still purges: its bytes leave the disk.
 */
class ThinningPurgeTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void automaticThinningLeavesAMostlyLivePackAndAForgetByHandRewritesIt() throws IOException {
        Path folder = tmp.resolve("p");
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(new FileAdapter(folder));
            Path content = Files.createDirectories(folder.resolve("content"));
            byte[] big = new byte[400_000];
            new SplittableRandom(7).nextBytes(big);
            Files.write(content.resolve("big.bin"), big);
            Files.writeString(content.resolve("note.txt"), "note 0\n");
            jcf.saveCheckpoint("base", CheckpointOptions.builder().timestamp(T0).build());
            for (int i = 1; i <= 10; i++) { // ten autosaves within one hour: Time Machine's policy keeps one of them
                Files.writeString(content.resolve("note.txt"), ("note " + i + "\n").repeat(200 * i));
                jcf.saveCheckpoint("auto " + i, CheckpointOptions.builder().automatic(true)
                        .timestamp(T0.plus(Duration.ofMinutes(3L * i))).build());
            }
            Files.writeString(content.resolve("note.txt"), "done\n");
            jcf.saveCheckpoint("later, by hand", CheckpointOptions.builder().timestamp(T0.plus(Duration.ofHours(2))).build());
            jcf.runGc(); // merges the small packs each checkpoint sealed
            List<String> before = packs(folder);
            assertThat(before).as("one pack after merging").hasSize(1);

            ForgetResult thinned = jcf.thinAutomatically(null, Clock.fixed(T0.plus(Duration.ofDays(3)), ZoneOffset.UTC));
            assertThat(thinned.forgotten()).hasSize(9);
            assertThat(packs(folder)).as("the mostly live pack stays as it was").isEqualTo(before);

            List<Version> autos = jcf.getHistory().stream().filter(Version::automatic).toList();
            assertThat(autos).hasSize(1);
            ForgetResult byHand = jcf.forget(List.of(autos.get(0).id()), ForgetOptions.defaults());
            assertThat(byHand.forgotten()).hasSize(1);
            assertThat(packs(folder)).as("a forget by hand rewrites the pack: its dead bytes leave the disk")
                    .doesNotContainAnyElementsOf(before);
            assertThat(jcf.verifyIntegrity().valid()).isTrue();
            assertThat(jcf.getFileContent("big.bin", jcf.getHistory().get(0).id())).isEqualTo(big);
        }
    }

    private static List<String> packs(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder.resolve(".store/packs"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".pack")).sorted().toList();
        }
    }
}
