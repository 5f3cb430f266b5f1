package io.kamaros.engine.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The manifest model is copied field by field for speed (a checkpoint copies thousands of file
 * entries), so a field added to it must be added to {@code copy()} too: this test sets every field
 * of every part to a distinct value and fails when a copy loses one or shares a mutable part.
 */
class ManifestCopyTest {
    private int counter;

    /** Sets every instance field (UnknownFields' map excepted: it has its own copy) to a distinct value. */
    private <T> T filled(T target) throws IllegalAccessException {
        for (Field f : target.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            Class<?> t = f.getType();
            int n = ++counter;
            Object value;
            if (t == String.class) {
                value = "v" + n;
            } else if (t == Long.class || t == long.class) {
                value = (long) n;
            } else if (t == int.class) {
                value = n;
            } else if (t == List.class) {
                value = new ArrayList<>(List.of(n, n + 1));
            } else {
                continue; // nested parts and maps: checked by the test for the whole document
            }
            f.set(target, value);
        }
        return target;
    }

    private static void sameFields(Object copy, Object original) throws IllegalAccessException {
        assertThat(copy).isNotSameAs(original);
        for (Field f : original.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            Object a = f.get(original);
            Object b = f.get(copy);
            assertThat(b).as(original.getClass().getSimpleName() + "." + f.getName()).isEqualTo(a);
            if (a instanceof Map<?, ?>) {
                assertThat(b).as(f.getName() + " is a copy, not shared").isNotSameAs(a);
            }
        }
    }

    @Test
    void copyCarriesEveryFieldOfEveryPart() throws Exception {
        ManifestDoc doc = filled(new ManifestDoc());
        doc.metadata = filled(new ManifestDoc.Metadata());
        doc.journal = filled(new ManifestDoc.Journal());
        ManifestDoc.FileEntry entry = filled(new ManifestDoc.FileEntry());
        doc.fileMap = new TreeMap<>(Map.of("a.txt", entry));
        doc.refs = new TreeMap<>(Map.of("head", "v1"));
        doc.config = new LinkedHashMap<>(Map.of("k", 1));
        doc.setUnknown("future", "x");

        ManifestDoc copy = doc.copy();

        assertThat(copy.metadata).isNotSameAs(doc.metadata);
        assertThat(copy.journal).isNotSameAs(doc.journal);
        assertThat(copy.getUnknown()).isEqualTo(doc.getUnknown());
        sameFields(copy.metadata, doc.metadata);
        sameFields(copy.journal, doc.journal);
        ManifestDoc.FileEntry copiedEntry = copy.fileMap.get("a.txt");
        assertThat(copiedEntry).isNotSameAs(entry);
        sameFields(copiedEntry, entry);
        // the document's own fields; its nested parts compare by identity here, so they are set equal first
        copy.metadata = doc.metadata;
        copy.journal = doc.journal;
        copy.fileMap = new TreeMap<>(doc.fileMap);
        sameFields(copy, doc);
    }
}
