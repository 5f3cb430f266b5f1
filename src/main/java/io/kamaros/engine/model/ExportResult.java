package io.kamaros.engine.model;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What an export wrote.
 *
 * @param file         the .jcf written, or null when exporting to a stream
 * @param bytesWritten size of the archive in bytes
 * @param entries      ZIP entries written
 * @param versions     versions in the archive's history
 */
public record ExportResult(@Nullable Path file, long bytesWritten, int entries, int versions) {
}
