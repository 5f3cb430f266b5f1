package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemoteTestResult;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.store.MemoryAdapter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link Remotes} facade: settings kept beside the CLI's, tests, async variants. */
class RemotesTest {
    @TempDir
    Path dir;

    @Test
    void remotesAreKeptInTheSettingsFileBesideOtherKeys() throws Exception {
        MemoryAdapter storage = new MemoryAdapter();
        storage.writeFile(Remotes.SETTINGS_FILE, "{\"author\":\"Ada\"}".getBytes(StandardCharsets.UTF_8));
        Remotes remotes = new Remotes(storage, Map.of());
        Path share = Files.createDirectories(dir.resolve("share"));
        remotes.add(RemoteConfig.folder("nas", share));
        remotes.add(new RemoteConfig("origin", "s3://bucket/a/b/", "http://127.0.0.1:9000", "eu-west-1", true, "lab"));

        assertThat(remotes.list()).extracting(RemoteConfig::name).containsExactly("nas", "origin");
        RemoteConfig origin = remotes.get("origin").orElseThrow();
        assertThat(origin.url()).isEqualTo("s3://bucket/a/b");
        assertThat(origin.bucket()).isEqualTo("bucket");
        assertThat(origin.prefix()).isEqualTo("a/b");
        assertThat(origin.pathStyle()).isTrue();
        assertThat(new String(storage.readFile(Remotes.SETTINGS_FILE), StandardCharsets.UTF_8)).contains("\"author\"");

        assertThatThrownBy(() -> remotes.add(RemoteConfig.folder("nas", share)))
                .isInstanceOf(ValidationException.class)
                .extracting(e -> ((JcfException) e).code()).isEqualTo(ErrorCodes.FILE_EXISTS);

        RemoteTestResult ready = remotes.async().test("nas").get();
        assertThat(ready.status()).isEqualTo(RemoteTestResult.Status.READY);
        assertThat(remotes.async().remove("nas").get()).isTrue();
        assertThat(remotes.async().list().get()).extracting(RemoteConfig::name).containsExactly("origin");
        assertThat(remotes.remove("nas")).isFalse();
        assertThatThrownBy(() -> remotes.async().test("nas").join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(ValidationException.class);
    }

    @Test
    void aFolderThatIsGoneIsNotFound() {
        Remotes remotes = new Remotes(new MemoryAdapter(), Map.of());
        RemoteTestResult r = remotes.test(RemoteConfig.folder("usb", dir.resolve("unplugged")));
        assertThat(r.status()).isEqualTo(RemoteTestResult.Status.NOT_FOUND);
        assertThat(r.code()).isEqualTo(ErrorCodes.REMOTE_NOT_FOUND);
        assertThat(Files.exists(dir.resolve("unplugged"))).isFalse();
    }
}
