package io.kamaros.engine.model;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How a file's history is stored: text as reverse line patches, binary as (chunked) blobs. */
public enum FileType {
    TEXT, BINARY;

    /** The manifest spelling: "text" or "binary". */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FileType fromJson(@Nullable String value) {
        return "text".equalsIgnoreCase(value) ? TEXT : BINARY;
    }
}
