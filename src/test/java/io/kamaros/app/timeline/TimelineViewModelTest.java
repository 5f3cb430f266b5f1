package io.kamaros.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.TestApp;
import io.kamaros.engine.model.Version;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineViewModelTest {
    @TempDir
    Path dir;
    private TestApp app;
    private TimelineViewModel vm;

    @BeforeEach
    void open() {
        app = new TestApp(dir.resolve("home"));
        vm = Fx.call(() -> new TimelineViewModel(app.context.session()));
        app.openDemoCopy(dir);
    }

    @AfterEach
    void close() {
        app.run(() -> app.context.session().close());
    }

    @Test
    void listsEveryVersionNewestFirstWithHeadMarkedAndTheBranchDrawn() {
        assertThat(vm.getRows()).hasSize(25);
        assertThat(vm.summaryProperty().get()).isEqualTo("25 versions");
        assertThat(vm.getRows().stream().filter(TimelineRow::head)).singleElement()
                .satisfies(r -> assertThat(r.version().tags()).contains("v1.0"));
        assertThat(vm.getRows().get(0).version().message()).startsWith("Last proofreading");
        assertThat(vm.getRows().stream().mapToInt(r -> r.graph().width()).max().orElse(0)).isEqualTo(2);
        assertThat(vm.getRows().stream().filter(r -> r.graph().mergeIn().length > 0)).hasSize(1); // the fork joins where the alternative ending started
    }

    @Test
    void searchesMessagesAuthorsTagsAndFilePaths() {
        search("fox");
        assertThat(vm.getRows()).extracting(r -> r.version().message()).allSatisfy(m -> assertThat(m.toLowerCase())
                .contains("fox"));
        search("Ana Silva");
        assertThat(vm.getRows()).isNotEmpty().allSatisfy(r -> assertThat(r.version().author()).isEqualTo("Ana Silva"));
        search("sent-to-editor");
        assertThat(vm.getRows()).singleElement().satisfies(r -> assertThat(r.version().tags()).contains("sent-to-editor"));
        // a path no message mentions: found through the engine's history of changes
        search("style.yaml");
        assertThat(vm.getRows()).extracting(r -> r.version().message()).containsExactly(
                "Larger type for young readers; script adds page numbers", "Page style and a script that builds the PDF");
        assertThat(vm.summaryProperty().get()).isEqualTo("2 of 25 versions match");
        search("");
        assertThat(vm.getRows()).hasSize(25);
    }

    @Test
    void aSearchWithoutMatchesSaysSoAndCanBeCleared() {
        assertThat(vm.emptyTextProperty().get()).isEqualTo("No checkpoints yet. Save one with Ctrl+S.");
        search("zebra crossing");
        assertThat(vm.getRows()).isEmpty();
        assertThat(vm.emptyTextProperty().get()).isEqualTo("No checkpoint matches “zebra crossing”.");
        app.run(vm::clearSearch);
        assertThat(vm.searchProperty().get()).isEmpty();
        assertThat(vm.getRows()).hasSize(25);
        assertThat(vm.emptyTextProperty().get()).isEqualTo("No checkpoints yet. Save one with Ctrl+S.");
    }

    @Test
    void selectingARowSelectsTheVersionForEveryone() {
        Version v = vm.getRows().get(3).version();
        app.run(() -> vm.select(vm.getRows().get(3)));
        assertThat(app.context.session().selectedVersionProperty().get()).isEqualTo(v);
    }

    private void search(String text) {
        app.run(() -> {
            vm.searchProperty().set(text);
            vm.applySearch();
        });
    }
}
