package io.kamaros.app.timeline;

import io.kamaros.engine.model.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out the history graph for a newest-first list of versions: each version gets a lane, lines
 * pass through rows, and a version with several children (a restore followed by new work) joins
 * their lanes. A version listed right below its parent (an automatic save kept beside the current
 * version) hangs off the parent's lane in a lane of its own. One pass, linear in the number of
 * versions times the (small) number of lanes.
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
     * @param branchFrom the lane of the parent listed above, whose line bends into this dot; -1 for none
     */
    public record Row(int lane, int[] through, int[] mergeIn, boolean fromAbove, boolean toBelow, int width,
                      int branchFrom) {
        public Row(int lane, int[] through, int[] mergeIn, boolean fromAbove, boolean toBelow, int width) {
            this(lane, through, mergeIn, fromAbove, toBelow, width, -1);
        }
    }

    public static List<Row> layout(List<Version> newestFirst) {
        List<String> lanes = new ArrayList<>();
        List<Row> rows = new ArrayList<>(newestFirst.size());
        Map<String, Integer> laidOut = new HashMap<>(); // lanes of the versions above, for saves listed below them
        for (Version v : newestFirst) {
            Integer parentLane = v.parentId() == null ? null : laidOut.get(v.parentId());
            if (parentLane != null) {
                rows.add(beside(lanes, parentLane));
                continue;
            }
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
            laidOut.put(v.id(), lane);
        }
        return rows;
    }

    /** A version whose parent is listed above it: a free lane beside the parent's, no line going on below. */
    private static Row beside(List<String> lanes, int parentLane) {
        int lane = 0;
        while (lane == parentLane || (lane < lanes.size() && lanes.get(lane) != null)) {
            lane++;
        }
        List<Integer> through = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i) != null) {
                through.add(i);
            }
        }
        return new Row(lane, through.stream().mapToInt(Integer::intValue).toArray(), new int[0], false, false,
                Math.max(lanes.size(), lane + 1), parentLane);
    }
}
