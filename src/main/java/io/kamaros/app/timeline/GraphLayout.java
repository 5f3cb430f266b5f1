package io.kamaros.app.timeline;

import io.kamaros.engine.model.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out the history graph for a newest-first list of versions: each version gets a lane, lines
 * pass through rows, and a version with several children (a restore followed by new work) joins
 * their lanes. One pass, linear in the number of versions times the (small) number of lanes.
 */
public final class GraphLayout {
    private GraphLayout() {
    }

    /**
     * One row of the graph.
     *
     * @param lane      the lane of this version's dot
     * @param through   lanes whose lines pass this row untouched
     * @param mergeIn   other lanes (children's lines) that end at this dot
     * @param fromAbove a child above continues in the dot's own lane
     * @param toBelow   the line goes on to the parent
     * @param width     lanes in use in this row
     */
    public record Row(int lane, int[] through, int[] mergeIn, boolean fromAbove, boolean toBelow, int width) {
    }

    public static List<Row> layout(List<Version> newestFirst) {
        List<String> lanes = new ArrayList<>();
        List<Row> rows = new ArrayList<>(newestFirst.size());
        for (Version v : newestFirst) {
            int lane = -1;
            List<Integer> merge = new ArrayList<>();
            for (int i = 0; i < lanes.size(); i++) {
                if (v.id().equals(lanes.get(i))) {
                    if (lane < 0) {
                        lane = i;
                    } else {
                        merge.add(i);
                    }
                }
            }
            boolean fromAbove = lane >= 0;
            if (lane < 0) {
                lane = lanes.indexOf(null);
                if (lane < 0) {
                    lane = lanes.size();
                    lanes.add(null);
                }
            }
            List<Integer> through = new ArrayList<>();
            for (int i = 0; i < lanes.size(); i++) {
                if (i != lane && !merge.contains(i) && lanes.get(i) != null) {
                    through.add(i);
                }
            }
            int width = lanes.size();
            for (int i : merge) {
                lanes.set(i, null);
            }
            lanes.set(lane, v.parentId());
            while (!lanes.isEmpty() && lanes.get(lanes.size() - 1) == null) {
                lanes.remove(lanes.size() - 1);
            }
            rows.add(new Row(lane, through.stream().mapToInt(Integer::intValue).toArray(),
                    merge.stream().mapToInt(Integer::intValue).toArray(), fromAbove, v.parentId() != null,
                    Math.max(width, lane + 1)));
        }
        return rows;
    }
}
