package io.kamaros.app.gc;

import static io.kamaros.app.Fx.onFx;
import static io.kamaros.app.Fx.runFx;
import static io.kamaros.app.toolkit.ToolTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.TestApp;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.storage.StorageViewModel;
import io.kamaros.app.toolkit.ToolTestSupport;
import io.kamaros.app.toolkit.ToolTestSupport.Errors;
import io.kamaros.app.toolkit.ToolTestSupport.SampleProject;
import io.kamaros.engine.model.GcReport;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dry run says what would go and deletes nothing; the real run frees exactly what it said. */
class GcViewModelTest {
    @TempDir
    Path tmp;

    private final Errors errors = new Errors();
    private ProjectSession session;

    @BeforeAll
    static void fx() {
        Fx.start();
        I18n.setLocale(Locale.ENGLISH); // the texts asserted below
    }

    @AfterEach
    void closeProject() {
        if (session != null) {
            ToolTestSupport.close(session);
        }
    }

    /** Every file under .store with its size. */
    private static Map<String, Long> storeFiles(Path historyRoot) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(historyRoot.resolve(".store"))) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(historyRoot.relativize(f).toString(), Files.size(f));
            }
        }
        return out;
    }

    @Test
    void previewThenCollectFreesWhatThePreviewSaid() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("book"));
        // what interrupted operations leave behind
        FileAdapter raw = new FileAdapter(p.historyRoot());
        BlobStore blobs = new BlobStore(raw, 6, true);
        String orphan1 = blobs.put(utf8("an orphan blob nobody refers to\n")).hash();
        String orphan2 = blobs.put(ToolTestSupport.random(5_000, 7)).hash();
        raw.writeFile(".store/deltas/00000000-0000-0000-0000-000000000000_0123456789abcdef.patch",
                utf8("@@ -1 +1 @@\n-a\n+b\n"));
        raw.writeFile(".store/temp/0f0e0d0c-stale", new byte[1234]);
        raw.dispose();

        session = p.openSession(ToolTestSupport.directRunner(errors));
        GcViewModel vm = onFx(() -> new GcViewModel(session));
        assertThat(onFx(() -> vm.canCollectBinding().get())).as("no preview yet").isFalse();
        Map<String, Long> before = storeFiles(p.historyRoot());

        runFx(vm::preview);
        assertThat(errors.errors).isEmpty();
        GcReport preview = vm.previewProperty().get();
        assertThat(preview.dryRun()).isTrue();
        assertThat(preview.blobsRemoved()).isEqualTo(2);
        assertThat(preview.deltasRemoved()).isEqualTo(1);
        assertThat(preview.tempRemoved()).isEqualTo(1);
        assertThat(preview.spaceFreed()).isPositive();
        assertThat(vm.previewTextProperty().get()).startsWith("Would free ")
                .contains("2 stored contents, 1 change record, 1 temporary file");
        assertThat(storeFiles(p.historyRoot())).as("a dry run deletes nothing").isEqualTo(before);
        assertThat(onFx(() -> vm.canCollectBinding().get())).isTrue();

        runFx(vm::collect);
        assertThat(errors.errors).isEmpty();
        GcReport result = vm.resultProperty().get();
        assertThat(result.dryRun()).isFalse();
        assertThat(result.spaceFreed()).isEqualTo(preview.spaceFreed());
        assertThat(result.blobsRemoved()).isEqualTo(preview.blobsRemoved());
        assertThat(result.deltasRemoved()).isEqualTo(preview.deltasRemoved());
        assertThat(result.tempRemoved()).isEqualTo(preview.tempRemoved());
        assertThat(vm.resultTextProperty().get()).startsWith("Freed ");
        assertThat(vm.previewProperty().get()).isNull();
        Map<String, Long> after = storeFiles(p.historyRoot());
        long removedBytes = before.entrySet().stream().filter(e -> !after.containsKey(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(removedBytes).as("the bytes of the removed files are what it said it freed")
                .isEqualTo(result.spaceFreed());
        assertThat(p.historyRoot().resolve(BlobStore.BLOBS_DIR).resolve(orphan1)).doesNotExist();
        assertThat(p.historyRoot().resolve(BlobStore.BLOBS_DIR).resolve(orphan2)).doesNotExist();
        assertThat(session.manager().verifyIntegrity(VerifyOptions.builder().deep(true).build()).errors())
                .as("every version is still complete").isEmpty();

        runFx(vm::preview);
        assertThat(vm.previewTextProperty().get()).startsWith("Nothing to clean up");
        assertThat(onFx(() -> vm.canCollectBinding().get())).isFalse();
    }

    @Test
    void aCleanProjectHasNothingToCollect() {
        SampleProject p = SampleProject.create(tmp.resolve("book"));
        session = p.openSession(ToolTestSupport.directRunner(errors));
        GcViewModel vm = onFx(() -> new GcViewModel(session));
        runFx(vm::preview);
        assertThat(errors.errors).isEmpty();
        assertThat(GcViewModel.hasGarbage(vm.previewProperty().get())).isFalse();
        assertThat(onFx(() -> vm.canCollectBinding().get())).isFalse();
        assertThat(vm.previewTextProperty().get()).contains("in use");
    }

    @Test
    void countsStoredContentsAsTheStorageDashboardDoes() {
        // The demo keeps one content as a change to another (a delta). Its whole copy, dropped by the checkpoint,
        // is still in its pack until a GC repacks it (docs/storage-format.md, "Packs"), so GC looks at 39 whole
        // blobs, and 39 distinct contents are kept. Both windows say 39, the engine's count of stored contents.
        TestApp app = new TestApp(tmp.resolve("home"));
        app.openDemoCopy(tmp.resolve("demo"));
        ProjectSession demo = app.context.session();
        GcViewModel gc = onFx(() -> new GcViewModel(demo));
        StorageViewModel storage = onFx(() -> new StorageViewModel(demo));
        app.run(gc::preview);
        app.run(storage::load);
        assertThat(app.errors).isEmpty();
        long contents = storage.statsProperty().get().uniqueBlobs();
        assertThat(gc.previewProperty().get().blobsChecked()).as("whole blobs, the dropped copy still packed")
                .isEqualTo(contents);
        assertThat(gc.previewTextProperty().get())
                .isEqualTo("Nothing to clean up: all " + contents + " stored contents are in use.");
        app.run(() -> demo.close());
    }
}
