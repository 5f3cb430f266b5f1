package io.kamaros.app.projectsettings;

import static io.kamaros.app.Fx.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.toolkit.ToolTestSupport;
import io.kamaros.app.toolkit.ToolTestSupport.Errors;
import io.kamaros.engine.Remotes;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemoteTestResult.Status;
import io.kamaros.engine.remote.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Remotes page adds, tests and removes remotes through the engine, and says what the test found in plain words:
 * against a real S3 server (S3Proxy on 127.0.0.1) and a folder.
 */
class RemotesViewModelTest {
    private static S3ProxyServer s3;

    @TempDir
    Path tmp;

    private final Errors errors = new Errors();
    private ProjectSession session;

    @BeforeAll
    static void start() {
        Fx.start();
        I18n.setLocale(Locale.ENGLISH);
        s3 = S3ProxyServer.start(true);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @AfterEach
    void close() {
        if (session != null) {
            ToolTestSupport.close(session);
        }
        assertThat(errors.errors).isEmpty();
    }

    private RemotesViewModel open(Map<String, String> credentials) throws Exception {
        SettingsProject p = SettingsProject.create(tmp.resolve("art"));
        session = p.open(ToolTestSupport.directRunner(errors));
        RemotesViewModel vm = onFx(() -> new RemotesViewModel(session, jcf -> new Remotes(jcf.getAdapter(), credentials)));
        Fx.runAndSettle(session.runner(), vm::load);
        return vm;
    }

    private String test(RemotesViewModel vm, String name) {
        Fx.runAndSettle(session.runner(), () -> {
            vm.selectedProperty().set(vm.remotes().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow());
            vm.testSelected();
        });
        return onFx(() -> vm.testTextProperty().get());
    }

    private void add(RemotesViewModel vm, String name, String location, String endpoint, boolean pathStyle) {
        Fx.runAndSettle(session.runner(), () -> {
            vm.nameProperty().set(name);
            vm.locationProperty().set(location);
            vm.endpointProperty().set(endpoint);
            vm.pathStyleProperty().set(pathStyle);
            assertThat(vm.canAddBinding().get()).as("the form is complete: %s", name).isTrue();
            vm.add();
        });
    }

    @Test
    void aFolderRemoteIsAddedTestedAndRemoved() throws Exception {
        RemotesViewModel vm = open(Map.of());
        assertThat(vm.remotes()).isEmpty();
        Path nas = Files.createDirectories(tmp.resolve("nas"));
        add(vm, "nas", nas.toString(), "", false);
        assertThat(vm.remotes()).containsExactly(RemoteConfig.folder("nas", nas));
        assertThat(onFx(() -> vm.nameProperty().get())).as("the form is cleared").isEmpty();
        assertThat(onFx(() -> vm.noteProperty().get())).isEqualTo("Remote “nas” added.");
        assertThat(Remotes.of(session.manager()).list()).as("kept in the project").extracting(RemoteConfig::name)
                .containsExactly("nas");

        assertThat(test(vm, "nas")).isEqualTo("Reachable and writable");
        assertThat(onFx(() -> vm.testStatusProperty().get())).isEqualTo(Status.READY);

        add(vm, "gone", "file://" + tmp.resolve("no-such-folder"), "", false);
        assertThat(test(vm, "gone")).isEqualTo("Folder not found");

        Fx.runAndSettle(session.runner(), () -> {
            vm.selectedProperty().set(vm.remotes().get(0));
            vm.removeSelected();
        });
        assertThat(vm.remotes()).extracting(RemoteConfig::name).containsExactly("gone");
        assertThat(Files.isDirectory(nas)).as("nothing on the remote is touched").isTrue();
    }

    @Test
    void anS3RemoteSaysWhatTheServerAnswered() throws Exception {
        RemotesViewModel vm = open(s3.env());
        String bucket = s3.newBucket();
        add(vm, "origin", "s3://" + bucket + "/novel", s3.endpoint(), true);
        add(vm, "typo", "s3://no-such-bucket-here/novel", s3.endpoint(), true);
        add(vm, "offline", "s3://" + bucket + "/novel", "http://127.0.0.1:1", true);
        assertThat(vm.remotes()).extracting(RemoteConfig::name).containsExactlyInAnyOrder("origin", "typo", "offline");

        assertThat(test(vm, "origin")).isEqualTo("Reachable and writable");
        assertThat(test(vm, "typo")).isEqualTo("Bucket not found");
        assertThat(test(vm, "offline")).isEqualTo("Server unreachable");
    }

    @Test
    void wrongCredentialsAreAccessDenied() throws Exception {
        RemotesViewModel vm = open(Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.IDENTITY, "AWS_SECRET_ACCESS_KEY", "wrong"));
        add(vm, "origin", "s3://" + s3.newBucket(), s3.endpoint(), true);
        assertThat(test(vm, "origin")).startsWith("Access denied");
    }

    @Test
    void theFormSaysWhatIsWrongBeforeAnythingIsAdded() throws Exception {
        RemotesViewModel vm = open(Map.of());
        add(vm, "origin", tmp.resolve("nas").toString(), "", false);
        Fx.runFx(() -> {
            vm.nameProperty().set("two words");
            vm.locationProperty().set("ftp://example.com/x");
        });
        assertThat(onFx(() -> vm.nameProblemBinding().get())).startsWith("A name is letters, digits");
        assertThat(onFx(() -> vm.locationProblemBinding().get())).isEqualTo("Write s3://bucket/prefix or choose a folder.");
        assertThat(onFx(() -> vm.canAddBinding().get())).isFalse();
        Fx.runFx(() -> {
            vm.nameProperty().set("origin");
            vm.locationProperty().set("s3://bucket/p");
            vm.endpointProperty().set("not a url");
        });
        assertThat(onFx(() -> vm.nameProblemBinding().get())).isEqualTo("There is a remote named “origin” already.");
        assertThat(onFx(() -> vm.endpointProblemBinding().get())).isEqualTo("The endpoint is an http:// or https:// address.");
        assertThat(onFx(() -> vm.locationProblemBinding().get())).isEmpty();
        Fx.runFx(() -> {
            vm.locationProperty().set(tmp.resolve("nas").toString());
            vm.endpointProperty().set("http://127.0.0.1:9000");
        });
        assertThat(onFx(() -> vm.locationProblemBinding().get()))
                .isEqualTo("Endpoint, region, bucket in the path and profile are for s3:// remotes only.");
        Fx.runFx(() -> {
            vm.nameProperty().set("backup");
            vm.endpointProperty().set("");
        });
        assertThat(onFx(() -> vm.canAddBinding().get())).isTrue();
    }
}
