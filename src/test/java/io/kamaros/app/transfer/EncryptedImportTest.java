package io.kamaros.app.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.TestApp;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.EncryptedProjects;
import io.kamaros.app.session.PasswordRequest;
import io.kamaros.app.session.ProjectSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Import tool with an encrypted archive, against the real engine. */
class EncryptedImportTest {
    @TempDir
    Path dir;
    private TestApp app;

    @AfterEach
    void close() {
        if (app != null) {
            app.run(() -> app.context.session().close());
        }
    }

    private ImportViewModel vm(Path jcf) {
        app = new TestApp(dir.resolve("home"));
        ImportViewModel vm = app.call(() -> new ImportViewModel(app.context.session(), app.context.opener(),
                app.context.recent(), Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC)));
        app.run(() -> {
            vm.sourceProperty().set(jcf);
            vm.parentFolderProperty().set(dir.resolve("imported"));
        });
        return vm;
    }

    @Test
    void anEncryptedArchiveAsksForItsPasswordRetriesAfterAWrongOneAndOpensTheImport() throws Exception {
        Path jcf = EncryptedProjects.archive(dir.resolve("source"), dir.resolve("locked.jcf"));
        ImportViewModel vm = vm(jcf);
        ProjectSession session = app.context.session();

        app.run(vm::importArchive);
        assertThat(app.errors).isEmpty();
        PasswordRequest request = session.passwordRequestProperty().get();
        assertThat(request).isNotNull();
        assertThat(session.isOpen()).isFalse();
        assertThat(vm.task().isRunning()).isFalse();

        app.run(() -> request.submit("wrong".toCharArray()));
        assertThat(request.errorProperty().get()).isEqualTo(I18n.t("password.wrong"));
        assertThat(session.passwordRequestProperty().get()).isSameAs(request);
        assertThat(Files.exists(dir.resolve("imported/locked"))).isFalse();

        app.run(() -> request.submit(EncryptedProjects.PASSWORD.toCharArray()));
        assertThat(app.errors).isEmpty();
        assertThat(request.finishedProperty().get()).isTrue();
        assertThat(vm.resultProperty().get().versionsImported()).isEqualTo(2);
        assertThat(session.isOpen()).isTrue();
        assertThat(session.manager().isEncrypted()).isTrue();
        assertThat(session.location().orElseThrow().workTree()).isEqualTo(dir.resolve("imported/locked").toAbsolutePath());
        assertThat(session.getVersions()).hasSize(2);
        assertThat(vm.summaryProperty().get()).contains("2");
    }

    @Test
    void cancellingThePasswordImportsNothing() throws Exception {
        Path jcf = EncryptedProjects.archive(dir.resolve("source"), dir.resolve("locked.jcf"));
        ImportViewModel vm = vm(jcf);
        app.run(vm::importArchive);
        PasswordRequest request = app.context.session().passwordRequestProperty().get();
        app.run(request::cancel);
        assertThat(app.context.session().passwordRequestProperty().get()).isNull();
        assertThat(app.context.session().isOpen()).isFalse();
        assertThat(Files.exists(dir.resolve("imported/locked"))).isFalse();
        assertThat(vm.resultProperty().get()).isNull();
        assertThat(app.errors).isEmpty();
        assertThat(vm.canImportBinding().get()).isTrue(); // the person can try again
    }
}
