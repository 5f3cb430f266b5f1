package io.kamaros.app.transfer;

import static io.kamaros.app.Fx.onFx;
import static io.kamaros.app.Fx.runFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.session.ProjectOpener;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.task.TaskRunner;
import io.kamaros.app.toolkit.ToolTestSupport;
import io.kamaros.app.toolkit.ToolTestSupport.Errors;
import io.kamaros.app.toolkit.ToolTestSupport.SampleProject;
import io.kamaros.app.welcome.RecentProjects;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.ExportResult;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.Version;
import io.kamaros.frontend.ProjectLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export writes a .jcf of the whole history or one version; import makes a new project folder and opens it. */
class ExportImportViewModelTest {
    @TempDir
    Path tmp;

    private final Errors errors = new Errors();
    private ProjectSession session;

    @BeforeAll
    static void fx() {
        Fx.start();
    }

    @AfterEach
    void closeProject() {
        if (session != null) {
            ToolTestSupport.close(session);
        }
    }

    @Test
    void exportsTheWholeHistoryAndImportOpensItInANewFolder() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("book"));
        session = p.openSession(ToolTestSupport.directRunner(errors));
        ExportViewModel vm = onFx(() -> new ExportViewModel(session, tmp.resolve("documents")));
        assertThat(onFx(vm::suggestedFileName)).isEqualTo("book.jcf");
        assertThat(vm.targetProperty().get()).as("the project's name in the person's folder, never the working folder")
                .isEqualTo(tmp.resolve("documents/book.jcf"));
        assertThat(vm.targetTextProperty().get()).isEqualTo(tmp.resolve("documents/book.jcf").toString());

        runFx(() -> {
            vm.targetProperty().set(tmp.resolve("out/book")); // the extension is added
            vm.export();
        });
        Path file = tmp.resolve("out/book.jcf");
        ExportResult r = vm.resultProperty().get();
        assertThat(errors.errors).isEmpty();
        assertThat(r).isNotNull();
        assertThat(r.versions()).isEqualTo(5);
        assertThat(Files.size(file)).isEqualTo(r.bytesWritten());
        assertThat(vm.summaryProperty().get()).contains("book.jcf").contains("5");
        assertThat(vm.task().isRunning()).isFalse();

        RecentProjects recent = new RecentProjects(tmp.resolve("home/recent.json"));
        ImportViewModel imp = onFx(() -> new ImportViewModel(session, new ProjectOpener(JcfConfig.defaults()), recent,
                Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC)));
        runFx(() -> {
            imp.sourceProperty().set(file);
            imp.parentFolderProperty().set(tmp.resolve("imported"));
        });
        assertThat(imp.folderNameProperty().get()).as("named after the file").isEqualTo("book");
        assertThat(imp.targetFolderBinding().get()).isEqualTo(tmp.resolve("imported/book"));
        runFx(imp::importArchive);

        assertThat(errors.errors).isEmpty();
        assertThat(imp.resultProperty().get().versionsImported()).isEqualTo(5);
        assertThat(session.location().orElseThrow().projectFolder()).isEqualTo(tmp.resolve("imported/book")
                .toAbsolutePath().normalize());
        assertThat(session.getVersions()).hasSize(5);
        assertThat(imp.summaryProperty().get()).contains("5");
        assertThat(recent.load()).singleElement().satisfies(e -> assertThat(e.name).isEqualTo("book"));
        // every file of HEAD came back byte for byte
        Map<String, byte[]> head = p.versions.get(p.ids().get(4));
        for (Map.Entry<String, byte[]> e : head.entrySet()) {
            assertThat(tmp.resolve("imported/book").resolve(e.getKey())).hasBinaryContent(e.getValue());
        }
    }

    @Test
    void exportsOnlyOneVersion() {
        SampleProject p = SampleProject.create(tmp.resolve("book"));
        session = p.openSession(ToolTestSupport.directRunner(errors));
        ExportViewModel vm = onFx(() -> new ExportViewModel(session));
        Version first = session.getVersions().get(session.getVersions().size() - 1);
        runFx(() -> {
            vm.scopeProperty().set(ExportViewModel.Scope.ONE_VERSION);
            vm.versionProperty().set(first);
        });
        assertThat(onFx(vm::suggestedFileName)).isEqualTo("book-" + first.shortId() + ".jcf");
        runFx(() -> {
            vm.targetProperty().set(tmp.resolve("first.jcf"));
            vm.export();
        });
        assertThat(errors.errors).isEmpty();
        assertThat(vm.resultProperty().get().versions()).isEqualTo(1);
        assertThat(vm.summaryProperty().get()).contains(first.shortId()).contains("First draft");

        // what the one-version archive holds: the files of that version
        Path target = tmp.resolve("only-first");
        try (JcfManager jcf = new ProjectOpener(JcfConfig.defaults()).open(ProjectLocation.trackedFolder(target)).manager()) {
            jcf.importData(tmp.resolve("first.jcf"));
            assertThat(jcf.getHistory()).hasSize(1);
            assertThat(jcf.listFiles().stream().map(f -> f.path()).sorted().toList())
                    .containsExactlyElementsOf(p.versions.get(p.ids().get(0)).keySet().stream().sorted().toList());
        }
    }

    @Test
    void aCancelledExportLeavesNoFile() {
        SampleProject p = SampleProject.create(tmp.resolve("book"));
        ToolTestSupport.QueuedExecutor queue = new ToolTestSupport.QueuedExecutor();
        session = p.openSession(new TaskRunner(queue, errors));
        runFx(queue::runAll); // the history load
        ExportViewModel vm = onFx(() -> new ExportViewModel(session));
        runFx(() -> {
            vm.targetProperty().set(tmp.resolve("cancelled.jcf"));
            vm.export();
        });
        assertThat(vm.task().isRunning()).isTrue();
        assertThat(onFx(() -> vm.canExportBinding().get())).as("one export at a time").isFalse();
        runFx(vm::cancel);
        runFx(queue::runAll);
        assertThat(errors.errors).as("a cancel is not an error").isEmpty();
        assertThat(vm.resultProperty().get()).isNull();
        assertThat(vm.summaryProperty().get()).isNotBlank();
        assertThat(vm.task().isRunning()).isFalse();
        assertThat(tmp.resolve("cancelled.jcf")).doesNotExist();
        assertThat(tmp).isDirectoryNotContaining(f -> f.getFileName().toString().contains("cancelled"));
    }

    @Test
    void importIntoAFolderThatIsNotEmptyIsRefusedAndTouchesNothing() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("book"));
        session = p.openSession(ToolTestSupport.directRunner(errors));
        ExportViewModel exp = onFx(() -> new ExportViewModel(session));
        runFx(() -> {
            exp.targetProperty().set(tmp.resolve("book.jcf"));
            exp.export();
        });
        Path busy = tmp.resolve("busy");
        Files.createDirectories(busy);
        Files.writeString(busy.resolve("mine.txt"), "someone's file");
        ImportViewModel imp = onFx(() -> new ImportViewModel(session, new ProjectOpener(JcfConfig.defaults()),
                new RecentProjects(tmp.resolve("recent.json")), Clock.systemUTC()));
        runFx(() -> {
            imp.sourceProperty().set(tmp.resolve("book.jcf"));
            imp.parentFolderProperty().set(tmp);
            imp.folderNameProperty().set("busy");
            imp.importArchive();
        });
        assertThat(errors.errors).singleElement().isInstanceOf(ValidationException.class);
        assertThat(errors.actions).singleElement().asString().contains("book.jcf");
        try (var s = Files.list(busy)) {
            assertThat(s.map(f -> f.getFileName().toString()).toList()).isEqualTo(List.of("mine.txt"));
        }
        assertThat(session.location().orElseThrow().projectFolder()).as("the open project stays open")
                .isEqualTo(p.folder.toAbsolutePath().normalize());
        assertThat(imp.task().isRunning()).isFalse();

        runFx(() -> imp.folderNameProperty().set("a/b"));
        assertThat(imp.canImportBinding().get()).as("a name with a slash is not a folder name").isFalse();
    }

    @Test
    void theSaveAsFieldIsARealPathField() {
        SampleProject p = SampleProject.create(tmp.resolve("typed"));
        session = p.openSession(ToolTestSupport.directRunner(errors));
        Path documents = tmp.resolve("documents");
        ExportViewModel vm = onFx(() -> new ExportViewModel(session, documents));
        runFx(() -> vm.targetTextProperty().set("backups/typed-copy.jcf"));
        assertThat(vm.targetProperty().get()).as("relative: under the default folder").isEqualTo(documents.resolve("backups/typed-copy.jcf"));
        assertThat(onFx(() -> vm.canExportBinding().get())).isTrue();

        runFx(() -> vm.targetTextProperty().set("   "));
        assertThat(vm.targetProperty().get()).isNull();
        assertThat(onFx(() -> vm.targetProblemBinding().get())).isEqualTo("Type or choose where to save the archive.");
        assertThat(onFx(() -> vm.canExportBinding().get())).isFalse();

        runFx(() -> vm.targetTextProperty().set(tmp.toString()));
        assertThat(onFx(() -> vm.targetProblemBinding().get())).contains("folder");
        assertThat(onFx(() -> vm.canExportBinding().get())).isFalse();

        runFx(() -> vm.targetProperty().set(tmp.resolve("chosen.jcf"))); // picked with Browse…
        assertThat(vm.targetTextProperty().get()).isEqualTo(tmp.resolve("chosen.jcf").toString());
        assertThat(onFx(() -> vm.targetProblemBinding().get())).isEmpty();
    }
}
