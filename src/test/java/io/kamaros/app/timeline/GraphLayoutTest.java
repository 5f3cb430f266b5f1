package io.kamaros.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.ChangeSummary;
import io.kamaros.engine.model.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphLayoutTest {
    private static Version v(String id, String parent) {
        return new Version(id, parent, Instant.EPOCH, id, "a", null, List.of(), Map.of(), ChangeSummary.NONE, false);
    }

    @Test
    void aStraightHistoryIsOneLane() {
        List<GraphLayout.Row> rows = GraphLayout.layout(List.of(v("c", "b"), v("b", "a"), v("a", null)));
        assertThat(rows).extracting(GraphLayout.Row::lane).containsExactly(0, 0, 0);
        assertThat(rows.get(0).fromAbove()).isFalse();
        assertThat(rows.get(1).fromAbove()).isTrue();
        assertThat(rows.get(2).toBelow()).isFalse();
        assertThat(rows).allSatisfy(r -> assertThat(r.through()).isEmpty());
    }

    @Test
    void workAfterARestoreForksAndTheLinesJoinAtTheRestoredVersion() {
        // journal order: a, b, c (main), then restore b and save x, y; newest first:
        List<Version> newestFirst = List.of(v("y", "x"), v("x", "b"), v("c", "b"), v("b", "a"), v("a", null));
        List<GraphLayout.Row> rows = GraphLayout.layout(newestFirst);
        assertThat(rows.get(0).lane()).isEqualTo(0);        // y
        assertThat(rows.get(1).lane()).isEqualTo(0);        // x continues y's lane
        assertThat(rows.get(2).lane()).isEqualTo(1);        // c starts a second lane
        assertThat(rows.get(2).through()).containsExactly(0); // x's line to b passes c
        assertThat(rows.get(3).lane()).isEqualTo(0);        // b: both lines end here
        assertThat(rows.get(3).mergeIn()).containsExactly(1);
        assertThat(rows.get(3).width()).isEqualTo(2);
        assertThat(rows.get(4).width()).isEqualTo(1);
    }

    @Test
    void tenThousandVersionsAreLaidOutInOnePass() {
        List<Version> list = new ArrayList<>();
        for (int i = 9999; i >= 0; i--) {
            list.add(v("v" + i, i == 0 ? null : "v" + (i - 1)));
        }
        assertThat(GraphLayout.layout(list)).hasSize(10_000).allSatisfy(r -> assertThat(r.lane()).isZero());
    }

    @Test
    void anAutoSaveBesideTheCurrentVersionIsListedBelowItAndHangsOffItsLine() {
        Version side = new Version("s", "b", Instant.EPOCH, "auto", "a", null, List.of(), Map.of(), ChangeSummary.NONE, true);
        List<Version> newestFirst = TimelineViewModel.besideHeadBelowIt(List.of(side, v("b", "a"), v("a", null)), "b");
        assertThat(newestFirst).extracting(Version::id).containsExactly("b", "s", "a");
        List<GraphLayout.Row> rows = GraphLayout.layout(newestFirst);
        assertThat(rows.get(0).lane()).isZero();
        assertThat(rows.get(1).lane()).isEqualTo(1);
        assertThat(rows.get(1).branchFrom()).isZero();      // bends out of b's line
        assertThat(rows.get(1).through()).containsExactly(0); // b's line goes on to a
        assertThat(rows.get(1).toBelow()).isFalse();
        assertThat(rows.get(2).lane()).isZero();
        assertThat(rows.get(2).fromAbove()).isTrue();
        // not beside the current version (HEAD moved on): listed where its time puts it
        assertThat(TimelineViewModel.besideHeadBelowIt(List.of(v("c", "b"), side, v("b", "a")), "c"))
                .extracting(Version::id).containsExactly("c", "s", "b");
    }
}
