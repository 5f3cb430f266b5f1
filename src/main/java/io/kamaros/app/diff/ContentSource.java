package io.kamaros.app.diff;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Opens one side of a diff as a stream, each time from its start: a file too large to load whole is hashed and
 * previewed from it piece by piece, in bounded memory.
 */
@FunctionalInterface
public interface ContentSource {
    InputStream open() throws IOException;

    /** A side already in memory. */
    static ContentSource of(byte[] bytes) {
        return () -> new ByteArrayInputStream(bytes);
    }
}
