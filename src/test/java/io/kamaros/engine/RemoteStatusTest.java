package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemoteStatus;
import io.kamaros.engine.model.VersionOrigin;
import io.kamaros.engine.remote.S3ProxyServer;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Remotes#status} counts what waits on each side from the push records alone, and a fetch remembers which
 * machine and user each received version came from ({@link Remotes#origins}): on a folder remote and on S3 (S3Proxy
 * in this JVM).
 */
class RemoteStatusTest {
    enum Kind { FOLDER, S3 }

    private static S3ProxyServer s3;

    @TempDir
    Path dir;

    private final List<JcfManager> open = new ArrayList<>();

    @BeforeAll
    static void startS3() {
        s3 = S3ProxyServer.start(true);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @AfterEach
    void closeProjects() {
        open.forEach(JcfManager::close);
    }

    private RemoteConfig remote(Kind kind) throws IOException {
        return kind == Kind.FOLDER
                ? RemoteConfig.folder("origin", Files.createDirectories(dir.resolve("remote-" + System.nanoTime())))
                : s3.config("origin", s3.newBucket() + "/novel");
    }

    private JcfManager project(Path folder) {
        JcfManager jcf = new JcfManager();
        jcf.init(new FileAdapter(folder));
        open.add(jcf);
        return jcf;
    }

    private Remotes remotes(JcfManager jcf) {
        return new Remotes(jcf, s3.env());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void statusCountsVersionsToSendAndToReceiveWithoutChangingAnything(Kind kind) throws Exception {
        JcfManager a = project(dir.resolve("a"));
        a.addFile("a.txt", "one\n");
        a.saveCheckpoint("one");
        a.addFile("a.txt", "two\n");
        a.saveCheckpoint("two");
        RemoteConfig remote = remote(kind);
        Remotes ra = remotes(a);
        ra.add(remote);
        assertThat(ra.status("origin")).isEqualTo(new RemoteStatus("origin", 2, 0)); // nothing pushed there yet
        ra.push("origin");
        assertThat(ra.status("origin").inSync()).isTrue();

        Path bFolder = dir.resolve("b");
        Remotes.clone(remote, bFolder, null, s3.env(), CancellationToken.NONE, e -> { });
        JcfManager b = project(bFolder);
        b.addFile("b.txt", "from b\n");
        b.saveCheckpoint("b's work");
        remotes(b).push("origin");
        a.addFile("a.txt", "three\n");
        a.saveCheckpoint("three");

        byte[] stateBefore = a.getAdapter().fileExists(".jcf/remotes/origin.json")
                ? a.getAdapter().readFile(".jcf/remotes/origin.json") : new byte[0];
        RemoteStatus status = ra.status("origin");
        assertThat(status.versionsToSend()).isEqualTo(1);
        assertThat(status.versionsToReceive()).isEqualTo(1);
        assertThat(a.getHistory()).hasSize(3); // a status adds nothing
        assertThat(a.getAdapter().readFile(".jcf/remotes/origin.json")).isEqualTo(stateBefore);

        ra.sync("origin");
        assertThat(ra.status("origin").inSync()).isTrue();
        assertThat(remotes(b).status("origin")).isEqualTo(new RemoteStatus("origin", 0, 1));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void fetchedVersionsNameTheMachineAndUserThatPushedThem(Kind kind) throws Exception {
        JcfManager a = project(dir.resolve("a"));
        a.addFile("a.txt", "one\n");
        String first = a.saveCheckpoint("one");
        RemoteConfig remote = remote(kind);
        Remotes ra = remotes(a);
        ra.add(remote);
        ra.push("origin");
        assertThat(ra.origins()).as("versions made here have no origin").isEmpty();

        Path bFolder = dir.resolve("b");
        Remotes.clone(remote, bFolder, null, s3.env(), CancellationToken.NONE, e -> { });
        JcfManager b = project(bFolder);
        Map<String, VersionOrigin> cloned = remotes(b).origins();
        assertThat(cloned).containsOnlyKeys(first);
        VersionOrigin origin = cloned.get(first);
        assertThat(origin.remote()).isEqualTo("origin");
        assertThat(origin.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(origin.machine()).isNotNull();
        assertThat(origin.pushedAt()).isBeforeOrEqualTo(Instant.now());

        b.addFile("b.txt", "from b\n");
        String second = b.saveCheckpoint("b's work");
        remotes(b).push("origin");
        ra.fetch("origin");
        assertThat(ra.origins()).containsOnlyKeys(second);
    }
}
