package io.kamaros.app.diff;

import org.jspecify.annotations.Nullable;

/**
 * Two versions of one file to compare. {@code before == null} means the file was added,
 * {@code after == null} that it was deleted. Labels name the versions ("v12", "Working copy");
 * null labels fall back to "Before" / "After".
 */
public record DiffInput(String path, byte @Nullable [] before, byte @Nullable [] after, @Nullable String beforeLabel,
                        @Nullable String afterLabel) {
    public DiffInput {
        if (before == null && after == null) {
            throw new IllegalArgumentException("a diff needs at least one side: " + path);
        }
    }
}
