package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.Version;

/** Checks shared by the tests that move a history between projects (remotes, clones). */
public final class HistoryAssertions {
    private HistoryAssertions() {
    }

    /** Every version of {@code from} is in {@code to} with the same parent and message and byte-exact files. */
    public static void assertHasHistoryOf(JcfManager to, JcfManager from) {
        for (Version v : from.getHistory()) {
            Version there = to.getVersion(v.id()).orElseThrow(() -> new AssertionError("missing version " + v.id()));
            assertThat(there.parentId()).isEqualTo(v.parentId());
            assertThat(there.message()).isEqualTo(v.message());
            assertThat(there.fileStates().keySet()).isEqualTo(v.fileStates().keySet());
            for (FileState f : v.fileStates().values()) {
                assertThat(to.getFileContent(f.path(), v.id())).as(f.path() + " at " + v.message())
                        .isEqualTo(from.getFileContent(f.path(), v.id()));
            }
        }
    }
}
