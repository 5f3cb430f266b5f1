package io.kamaros.app.tree;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.scene.control.TreeItem;
import org.jspecify.annotations.Nullable;

/** Builds a folder tree of {@link TreeItem}s from paths such as {@code chapters/01.md}. */
public final class PathTree {
    private PathTree() {
    }

    /** A node: a folder (item null) or a file. */
    public record Node<T>(String name, String path, @Nullable T item) { // no item: a folder
        public boolean folder() {
            return item == null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static <T> TreeItem<Node<T>> build(String rootName, List<T> items, Function<T, String> pathOf,
                                              boolean expanded) {
        TreeItem<Node<T>> root = new TreeItem<>(new Node<>(rootName, "", null));
        root.setExpanded(true);
        Map<String, TreeItem<Node<T>>> folders = new LinkedHashMap<>();
        folders.put("", root);
        for (T item : items) {
            String path = pathOf.apply(item);
            String[] parts = path.split("/");
            String prefix = "";
            TreeItem<Node<T>> parent = root;
            for (int i = 0; i < parts.length - 1; i++) {
                prefix = prefix.isEmpty() ? parts[i] : prefix + "/" + parts[i];
                TreeItem<Node<T>> folder = folders.get(prefix);
                if (folder == null) {
                    folder = new TreeItem<>(new Node<>(parts[i], prefix, null));
                    folder.setExpanded(expanded);
                    folders.put(prefix, folder);
                    parent.getChildren().add(folder);
                }
                parent = folder;
            }
            parent.getChildren().add(new TreeItem<>(new Node<>(parts[parts.length - 1], path, item)));
        }
        sort(root);
        return root;
    }

    private static <T> void sort(TreeItem<Node<T>> item) {
        item.getChildren().sort(Comparator.<TreeItem<Node<T>>, Boolean>comparing(t -> !t.getValue().folder())
                .thenComparing(t -> t.getValue().name().toLowerCase(Locale.ROOT)));
        item.getChildren().forEach(PathTree::sort);
    }
}
