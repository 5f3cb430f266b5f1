package io.kamaros.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.ChangeSummary;
import io.kamaros.engine.model.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Runs of automatic saves fold into one row; the person's checkpoints, tags and HEAD never fold; a run opens. */
class TimelineFoldTest {
    private static Version v(String id, String parent, boolean automatic, String... tags) {
        return new Version(id, parent, Instant.parse("2026-12-07T09:00:00Z").plusSeconds(600L * id.hashCode() % 7),
                id, "a", null, List.of(tags), Map.of(), ChangeSummary.NONE, false, List.of(), automatic, null);
    }

    private static List<TimelineRow> rows(List<Version> newestFirst, String headId) {
        List<GraphLayout.Row> graph = GraphLayout.layout(newestFirst);
        List<TimelineRow> out = new ArrayList<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            out.add(new TimelineRow(newestFirst.get(i), graph.get(i), newestFirst.get(i).id().equals(headId)));
        }
        return out;
    }

    @Test
    void aRunOfAutomaticSavesIsOneRowAndThePersonsCheckpointsAndTagsStandOut() {
        // m1 <- a1 <- a2 <- a3 <- m2 <- a4 <- t5 (automatic, tagged) <- a6 (HEAD, automatic)
        List<Version> history = List.of(v("a6", "t5", true), v("t5", "a4", true, "final"), v("a4", "m2", true),
                v("m2", "a3", false), v("a3", "a2", true), v("a2", "a1", true), v("a1", "m1", true), v("m1", null, false));
        List<TimelineRow> folded = TimelineViewModel.fold(rows(history, "a6"), Set.of());
        assertThat(folded).hasSize(6);
        assertThat(folded.get(0).version().id()).as("HEAD never folds").isEqualTo("a6");
        assertThat(folded.get(1).version().id()).as("a tagged version never folds").isEqualTo("t5");
        assertThat(folded.get(2).version().id()).as("a single automatic save stays a row").isEqualTo("a4");
        assertThat(folded.get(3).version().id()).isEqualTo("m2");
        assertThat(folded.get(4).isFolded()).isTrue();
        assertThat(folded.get(4).isUnsaved()).isFalse();
        assertThat(folded.get(4).folded()).extracting(Version::id).containsExactly("a3", "a2", "a1");
        assertThat(folded.get(4).graph().fromAbove()).isTrue();
        assertThat(folded.get(4).graph().toBelow()).as("the line goes on to m1").isTrue();
        assertThat(folded.get(5).version().id()).isEqualTo("m1");
    }

    @Test
    void anOpenedRunShowsEachSave() {
        List<Version> history = List.of(v("m2", "a2", false), v("a2", "a1", true), v("a1", "m1", true), v("m1", null, false));
        Set<String> expanded = new HashSet<>();
        assertThat(TimelineViewModel.fold(rows(history, "m2"), expanded)).hasSize(3);
        expanded.add("a2");
        assertThat(TimelineViewModel.fold(rows(history, "m2"), expanded)).extracting(r -> r.version().id())
                .containsExactly("m2", "a2", "a1", "m1");
    }
}
