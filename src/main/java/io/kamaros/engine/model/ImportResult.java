package io.kamaros.engine.model;

/**
 * What an import brought in.
 *
 * @param projectName      the imported project's name (metadata.name)
 * @param versionsImported versions now in the project's history
 * @param filesImported    files in the working copy after the import
 * @param totalSize        bytes of those files
 */
public record ImportResult(String projectName, int versionsImported, int filesImported, long totalSize) {
}
