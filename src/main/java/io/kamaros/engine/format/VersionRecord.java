package io.kamaros.engine.format;

import io.kamaros.engine.ChangeSummary;
import io.kamaros.engine.FileState;
import java.time.Instant;
import java.util.List;

/**
 * One version as the journal keeps it: its metadata and only the files that changed against the
 * parent (added, modified, renamed, and deleted entries). The full file set of a version is the
 * parent's with these changes applied.
 */
public record VersionRecord(String id, String parentId, Instant timestamp, String message, String author, String email,
                            List<String> tags, boolean autoSaved, List<FileState> changes) {

    public ChangeSummary summary() {
        int a = 0;
        int m = 0;
        int d = 0;
        int r = 0;
        for (FileState s : changes) {
            if (s.changeType() == null) {
                continue;
            }
            switch (s.changeType()) {
                case ADDED -> a++;
                case MODIFIED -> m++;
                case DELETED -> d++;
                case RENAMED -> r++;
            }
        }
        return new ChangeSummary(a, m, d, r);
    }

}
