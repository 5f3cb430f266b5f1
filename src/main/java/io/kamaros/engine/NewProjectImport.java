package io.kamaros.engine;

import io.kamaros.engine.container.ImportStaging;
import io.kamaros.engine.store.FolderTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Imports an archive as a new project at a folder without ever leaving a half (or empty) project
 * there: the project is built in a hidden folder beside the target and renamed to it only once the
 * import is complete ({@link ImportStaging}). What a killed import left beside the target is removed
 * first; a failed one removes its own folder. The CLI's {@code import} and the app's import both use it.
 */
public final class NewProjectImport {
    /** Builds the project in {@code staging} (an empty folder): open a manager there, import, close it. */
    @FunctionalInterface
    public interface Build<R, E extends Exception> {
        R into(Path staging) throws E;
    }

    private NewProjectImport() {
    }

    /**
     * Runs {@code build} in a new staging folder beside {@code target}, then renames the folder to
     * {@code target} (which may be missing or an empty folder). On any failure the staging folder is
     * deleted and the failure rethrown as it was; {@code target} is left untouched.
     */
    public static <R, E extends Exception> R build(Path target, Build<R, E> build) throws IOException, E {
        Path staging = ImportStaging.beside(target);
        try {
            Files.createDirectories(staging);
            R result = build.into(staging);
            ImportStaging.moveIntoPlace(staging, target);
            return result;
        } catch (Throwable e) { // rethrown as it is: IOException, E or unchecked
            FolderTrees.deleteQuietly(staging); // the folder was ours: leave nothing behind a failed import
            throw e;
        }
    }
}
