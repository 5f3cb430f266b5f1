package io.kamaros.app.storage;

import static io.kamaros.app.Fx.onFx;
import static io.kamaros.app.Fx.runFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.storage.StorageViewModel.GrowthPoint;
import io.kamaros.app.storage.StorageViewModel.Part;
import io.kamaros.app.storage.StorageViewModel.Slice;
import io.kamaros.app.toolkit.ToolTestSupport;
import io.kamaros.app.toolkit.ToolTestSupport.Errors;
import io.kamaros.app.toolkit.ToolTestSupport.SampleProject;
import io.kamaros.engine.model.ChangeSummary;
import io.kamaros.engine.model.ProjectStats;
import io.kamaros.engine.model.Version;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's figures come from the engine's stats and each version's own record. */
class StorageViewModelTest {
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
    void figuresSpaceAndGrowthOfARealProject() {
        SampleProject p = SampleProject.create(tmp.resolve("book"));
        session = p.openSession(ToolTestSupport.directRunner(errors));
        StorageViewModel vm = onFx(() -> new StorageViewModel(session));
        runFx(vm::load);
        assertThat(errors.errors).isEmpty();

        ProjectStats s = vm.statsProperty().get();
        assertThat(s.totalVersions()).isEqualTo(5);
        assertThat(s.totalFiles()).isEqualTo(4);
        assertThat(vm.getSlices()).extracting(Slice::part).containsExactly(Part.WORKING_COPY, Part.BLOBS, Part.DELTAS,
                Part.INDEX);
        assertThat(vm.getSlices()).extracting(Slice::bytes).containsExactly(s.contentSize(), s.blobsSize(),
                s.deltasSize(), s.manifestSize());
        assertThat(s.blobsSize()).isPositive();
        assertThat(s.deltasSize()).as("older story texts are kept as reverse patches").isPositive();
        assertThat(vm.historyBytes()).isEqualTo(s.blobsSize() + s.deltasSize() + s.manifestSize());

        List<GrowthPoint> growth = vm.getGrowth();
        assertThat(growth).extracting(GrowthPoint::number).containsExactly(1, 2, 3, 4, 5);
        assertThat(growth).extracting(GrowthPoint::versionId).containsExactlyElementsOf(p.ids());
        // 4 files; the sketch deleted; a list renamed and a chapter added
        assertThat(growth).extracting(GrowthPoint::files).containsExactly(4, 4, 3, 4, 4);
        assertThat(growth.get(4).files()).isEqualTo(s.totalFiles());
        // bytes each version brought: what it added or changed (a pure rename brings nothing)
        List<Long> expected = new ArrayList<>();
        Map<String, byte[]> previous = Map.of();
        for (String id : p.ids()) {
            Map<String, byte[]> files = p.versions.get(id);
            long brought = 0;
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                boolean same = previous.values().stream().anyMatch(b -> Arrays.equals(b, e.getValue()));
                if (!same) {
                    brought += e.getValue().length;
                }
            }
            expected.add(brought);
            previous = files;
        }
        assertThat(growth).extracting(GrowthPoint::newBytes).containsExactlyElementsOf(expected);
        assertThat(growth.get(4).cumulativeNewBytes()).isEqualTo(expected.stream().mapToLong(Long::longValue).sum());
        assertThat(vm.chartedFromProperty().get()).isEqualTo(1);
    }

    @Test
    void longHistoriesChartTheNewestVersionsWithFileCountsFromTheStart() {
        List<Version> chronological = new ArrayList<>();
        int n = StorageViewModel.MAX_DETAILED_VERSIONS + 25;
        for (int i = 0; i < n; i++) {
            // every version adds two files and deletes one
            ChangeSummary c = i == 0 ? new ChangeSummary(10, 0, 0, 0) : new ChangeSummary(2, 0, 1, 0);
            chronological.add(new Version("v" + i, i == 0 ? null : "v" + (i - 1), Instant.EPOCH.plusSeconds(i),
                    "m" + i, "a", null, List.of(), Map.of(), c, false));
        }
        List<GrowthPoint> g = StorageViewModel.growthOf(chronological, () -> { });
        assertThat(g).hasSize(StorageViewModel.MAX_DETAILED_VERSIONS);
        assertThat(g.get(0).number()).isEqualTo(26);
        assertThat(g.get(0).files()).isEqualTo(10 + 25);
        assertThat(g.get(g.size() - 1).files()).isEqualTo(10 + n - 1);
    }
}
