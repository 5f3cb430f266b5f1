package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.remote.S3ProxyServer;
import io.kamaros.engine.store.FileAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-writers race of issue 16: two independent engine instances, each with its own project folder (two
 * clones of one project), save a version and push it at the same moment, 20 rounds. Afterwards the remote holds
 * every version of both (its push records are the truth; the head is a hint) and a clone in a third folder
 * sees all of them. Against a folder remote and S3Proxy; S3Proxy's conditional writes are not atomic (it reads
 * the metadata, then writes), so its store is wrapped in {@code SerialisingBlobStore}, which serialises them
 * per key as AWS S3 does.
 */
class RemoteRaceTest {
    private static final int ROUNDS = 20;

    @TempDir
    Path dir;

    enum Kind { FOLDER, S3 }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoWritersPushingAtOnceBothEndUpOnTheRemote(Kind kind) throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(true)) {
            RemoteConfig remote = kind == Kind.FOLDER
                    ? RemoteConfig.folder("origin", Files.createDirectories(dir.resolve("remote")))
                    : s3.config("origin", s3.newBucket() + "/race");
            JcfManager base = new JcfManager();
            base.init(new FileAdapter(dir.resolve("base")));
            base.addFile("shared.txt", "the start\n");
            base.saveCheckpoint("start");
            Remotes baseRemotes = new Remotes(base, s3.env());
            baseRemotes.add(remote);
            baseRemotes.push("origin");
            base.close();

            List<JcfManager> writers = new ArrayList<>();
            for (String name : List.of("left", "right")) {
                Remotes.clone(remote, dir.resolve(name), null, s3.env(), CancellationToken.NONE, e -> { });
                JcfManager w = new JcfManager();
                w.init(new FileAdapter(dir.resolve(name)));
                writers.add(w);
            }
            Set<String> made = new HashSet<>();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CyclicBarrier together = new CyclicBarrier(2);
                for (int round = 0; round < ROUNDS; round++) {
                    List<Future<String>> pushes = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        JcfManager w = writers.get(i);
                        String file = (i == 0 ? "left" : "right") + round + ".txt";
                        pushes.add(pool.submit(() -> {
                            w.addFile(file, "written in round " + file + "\n");
                            String id = w.saveCheckpoint(file);
                            together.await(); // both push at the same moment
                            new Remotes(w, s3.env()).push("origin");
                            return id;
                        }));
                    }
                    for (Future<String> f : pushes) {
                        made.add(f.get());
                    }
                }
            } finally {
                pool.shutdownNow();
                writers.forEach(JcfManager::close);
            }
            assertThat(made).hasSize(2 * ROUNDS);

            Remotes.clone(remote, dir.resolve("third"), null, s3.env(), CancellationToken.NONE, e -> { });
            JcfManager third = new JcfManager();
            third.init(new FileAdapter(dir.resolve("third")));
            try {
                Set<String> seen = new HashSet<>();
                for (Version v : third.getHistory()) {
                    seen.add(v.id());
                }
                assertThat(seen).containsAll(made).hasSize(2 * ROUNDS + 1);
                for (String id : made) {
                    Version v = third.getVersion(id).orElseThrow();
                    String file = v.message();
                    assertThat(new String(third.getFileContent(file, id))).isEqualTo("written in round " + file + "\n");
                }
            } finally {
                third.close();
            }
        }
    }
}
