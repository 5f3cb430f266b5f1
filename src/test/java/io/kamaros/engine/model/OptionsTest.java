package io.kamaros.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The options and filters are values: building, copying and changing a copy never change another. */
class OptionsTest {

    @Test
    void checkpointOptionsAreImmutableAndCopyTheirTags() {
        List<String> tags = new ArrayList<>(List.of("a"));
        CheckpointOptions options = CheckpointOptions.builder().author("Ann").tags(tags).allowEmpty(true).build();
        tags.add("b");
        assertThat(options.tags()).containsExactly("a");
        assertThatThrownBy(() -> options.tags().add("c")).isInstanceOf(UnsupportedOperationException.class);

        CheckpointOptions changed = options.toBuilder().tags("x", "y").strict(true).build();
        assertThat(changed.tags()).containsExactly("x", "y");
        assertThat(changed.author()).isEqualTo("Ann");
        assertThat(changed.allowEmpty()).isTrue();
        assertThat(options.tags()).containsExactly("a");
        assertThat(options.strict()).isFalse();
        assertThat(options.toBuilder().build()).isEqualTo(options);
    }

    @Test
    void defaultsAreSharedButNeverChange() {
        CheckpointOptions.defaults().toBuilder().tags("t").author("x").build();
        assertThat(CheckpointOptions.defaults().tags()).isEmpty();
        assertThat(CheckpointOptions.defaults().author()).isNull();
        assertThat(CheckpointOptions.defaults().cancel()).isSameAs(CancellationToken.NONE);
        assertThat(RestoreOptions.defaults().paths()).isEmpty();
        assertThat(HistoryFilter.all().limit()).isEqualTo(Integer.MAX_VALUE);
        assertThat(ListOptions.defaults().recursive()).isTrue();
        assertThat(ExportOptions.defaults().includeHistory()).isTrue();
        assertThat(ExportOptions.defaults().compressionLevel()).isEqualTo(6);
        assertThat(ImportOptions.defaults().validate()).isTrue();
        assertThat(ImportOptions.defaults().maxEntries()).isEqualTo(ImportOptions.DEFAULT_MAX_ENTRIES);
        assertThat(GcOptions.defaults().dryRun()).isFalse();
        assertThat(VerifyOptions.defaults().deep()).isFalse();
    }

    @Test
    void builderSettersReplaceRatherThanAppend() {
        assertThat(CheckpointOptions.builder().tags("a").tags("b").build().tags()).containsExactly("b");
        assertThat(RestoreOptions.builder().paths("a.txt").paths("b.txt").build().paths()).containsExactly("b.txt");
        assertThat(HistoryFilter.builder().tags("a").tags("b").build().tags()).containsExactly("b");
    }

    @Test
    void theConstructorsValidateLikeTheBuilders() {
        assertThatThrownBy(() -> new RestoreOptions(false, List.of("../x"), null, CancellationToken.NONE))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new HistoryFilter(-1, null, null, null, null, List.of(), null))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new ExportOptions(null, true, 10, false, CancellationToken.NONE))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ImportOptions.builder().minFreeSpace(-1)).isInstanceOf(ValidationException.class);
        assertThat(new GcOptions(true, false, null).cancel()).isSameAs(CancellationToken.NONE);
    }

    @Test
    void restoreAndFilterCopiesKeepEveryValue() {
        CancellationToken token = new CancellationToken();
        RestoreOptions restore = RestoreOptions.builder().force(true).paths(List.of("a.txt")).target(Path.of("out"))
                .cancel(token).build();
        assertThat(restore.toBuilder().build()).isEqualTo(restore);
        HistoryFilter filter = HistoryFilter.builder().limit(3).since(Instant.EPOCH).author("ann").message("fix")
                .tags("t").path("src").build();
        assertThat(filter.toBuilder().build()).isEqualTo(filter);
        ImportOptions imports = ImportOptions.builder().validate(false).maxEntries(7).password("pw".toCharArray())
                .build();
        ImportOptions copy = imports.toBuilder().maxCompressionRatio(5).build();
        assertThat(copy.maxEntries()).isEqualTo(7);
        assertThat(copy.validate()).isFalse();
        assertThat(copy.password()).isSameAs(imports.password());
        assertThat(imports.maxCompressionRatio()).isEqualTo(ImportOptions.DEFAULT_MAX_COMPRESSION_RATIO);
        assertThat(imports.toString()).doesNotContain("pw");
    }

    @Test
    void recordsWithCollectionsHoldCopies() {
        List<String> tags = new ArrayList<>(List.of("t"));
        Version v = new Version("id", null, Instant.EPOCH, "m", "a", null, tags, Map.of(),
                new ChangeSummary(0, 0, 0, 0), false);
        tags.add("u");
        assertThat(v.tags()).containsExactly("t");
        assertThatThrownBy(() -> v.fileStates().clear()).isInstanceOf(UnsupportedOperationException.class);

        List<String> added = new ArrayList<>(List.of("a.txt"));
        WorkingCopyStatus status = new WorkingCopyStatus(null, added, List.of(), List.of(), List.of(), 1, 1);
        added.clear();
        assertThat(status.added()).containsExactly("a.txt");
    }
}
