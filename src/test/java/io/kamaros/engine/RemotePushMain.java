package io.kamaros.engine;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemoteTransferResult;
import io.kamaros.engine.remote.RemoteStore;
import io.kamaros.engine.remote.S3ProxyServer;
import io.kamaros.engine.store.FileAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Measures (not a test) the first push of a 2,500-file project and the push after one changed file, to a folder
 * remote or the in-JVM S3Proxy: requests by kind, bytes sent and seconds.
 * {@code java -cp "target/classes:target/test-classes:target/lib/*" io.kamaros.engine.RemotePushMain folder|s3 DIR}
 */
public final class RemotePushMain {
    private RemotePushMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean s3Remote = args[0].equals("s3");
        Path dir = Files.createDirectories(Path.of(args[1]));
        try (S3ProxyServer s3 = S3ProxyServer.start(true)) {
            RemoteConfig remote = s3Remote ? s3.config("origin", s3.newBucket() + "/w1")
                    : RemoteConfig.folder("origin", Files.createDirectories(dir.resolve("remote")));
            JcfManager jcf = new JcfManager();
            jcf.init(new FileAdapter(dir.resolve("project")));
            Random random = new Random(1);
            String[] words = {"class", "final", "return", "value", "string", "import", "public", "void", "list", "map"};
            for (int i = 0; i < 2_500; i++) {
                StringBuilder b = new StringBuilder();
                int lines = 20 + random.nextInt(80);
                for (int l = 0; l < lines; l++) {
                    for (int w = 0; w < 8; w++) {
                        b.append(words[random.nextInt(words.length)]).append(random.nextInt(100)).append(' ');
                    }
                    b.append('\n');
                }
                jcf.addFile("src/module" + i % 25 + "/File" + i + ".java", b.toString());
            }
            jcf.saveCheckpoint("2,500 files");
            CountingBackend[] counter = new CountingBackend[1];
            Remotes remotes = new Remotes(jcf.getAdapter(), s3.env(), RemoteStore.Settings.defaults(), jcf, r -> {
                counter[0] = new CountingBackend(Remotes.defaultBackend(r, s3.env()));
                return counter[0];
            });
            remotes.add(remote);
            long t0 = System.nanoTime();
            RemoteTransferResult first = remotes.push("origin");
            report("first push", first, counter[0], t0);

            jcf.addFile("src/module3/File3.java", "changed\n");
            jcf.saveCheckpoint("one change");
            t0 = System.nanoTime();
            RemoteTransferResult second = remotes.push("origin");
            report("push after one changed file", second, counter[0], t0);

            t0 = System.nanoTime();
            RemoteTransferResult cloned = Remotes.clone(remote, dir.resolve("clone"), null, s3.env(),
                    CancellationToken.NONE, e -> { }, RemoteStore.Settings.defaults(), r -> {
                        counter[0] = new CountingBackend(Remotes.defaultBackend(r, s3.env()));
                        return counter[0];
                    });
            System.out.printf("clone: %d versions, %d packs, %,d bytes received, %.2f s%n", cloned.versionsReceived(),
                    cloned.packsReceived(), cloned.bytesReceived(), (System.nanoTime() - t0) / 1e9);
            jcf.close();
        }
    }

    private static void report(String what, RemoteTransferResult r, CountingBackend c, long t0) {
        System.out.printf("%s: %d versions, %d packs, %,d bytes sent, %d requests %s, %.2f s%n", what, r.versionsSent(),
                r.packsSent(), r.bytesSent(), c.total(), c.requests, (System.nanoTime() - t0) / 1e9);
    }
}
