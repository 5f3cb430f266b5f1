package io.kamaros.app.details;

import io.kamaros.app.diff.DiffInput;
import io.kamaros.app.diff.DiffViewModel;
import io.kamaros.app.diff.LargeSide;
import io.kamaros.engine.JcfOperations;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.FileNotFoundException;
import io.kamaros.engine.model.ListOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the two sides of a change for the diff viewer (version details, unsaved changes, file history): whole
 * when the viewer compares them (text and pictures within its limits) or when they are small, else only their
 * first bytes, with the size and SHA-256 the history records and a stream for previews. A 20 MB binary is
 * described from its first {@link LargeSide#HEAD_BYTES} and its recorded hash, never read whole to say what it
 * is. Runs in a background task.
 */
public final class DiffReader {
    /**
     * One side of a change.
     *
     * @param versionId the version, or null for the working copy
     * @param size      its size as the change lists it, or -1 when the list does not say (a pure rename)
     */
    public record Side(String path, @Nullable String versionId, long size) {
    }

    private DiffReader() {
    }

    /** The input to show, or null when neither side exists (a path picked where it was absent, or edited away). */
    public static @Nullable DiffInput read(JcfOperations jcf, String path, @Nullable Side before, @Nullable Side after,
                                           String beforeLabel, String afterLabel) {
        FileInfo beforeInfo = before == null ? null : info(jcf, before);
        FileInfo afterInfo = after == null ? null : info(jcf, after);
        long biggest = Math.max(size(before, beforeInfo), size(after, afterInfo));
        if (biggest > LargeSide.HEAD_BYTES) { // its first bytes tell whether the viewer compares it whole
            LargeSide b = before == null ? null : large(jcf, before, beforeInfo);
            LargeSide a = after == null ? null : large(jcf, after, afterInfo);
            if (b == null && a == null) {
                return null;
            }
            if (!DiffViewModel.comparesWhole(biggest, b == null ? null : b.head(), a == null ? null : a.head())) {
                return DiffInput.large(path, b, a, beforeLabel, afterLabel);
            }
        }
        byte[] b = before == null ? null : whole(jcf, before);
        byte[] a = after == null ? null : whole(jcf, after);
        return b == null && a == null ? null : new DiffInput(path, b, a, beforeLabel, afterLabel);
    }

    /**
     * What the history lists for a side whose size the change did not give, or whose hash a large side needs;
     * null when the list has no such file. The working copy is looked up only when its size is unknown: listing it
     * walks the folder.
     */
    private static @Nullable FileInfo info(JcfOperations jcf, Side side) {
        if (side.versionId() == null && side.size() >= 0) {
            return null;
        }
        return listed(jcf, side);
    }

    private static @Nullable FileInfo listed(JcfOperations jcf, Side side) {
        int slash = side.path().lastIndexOf('/');
        String folder = slash < 0 ? "" : side.path().substring(0, slash);
        ListOptions options = ListOptions.builder().versionId(side.versionId()).recursive(false).build();
        for (FileInfo f : jcf.listFiles(folder, options)) {
            if (f.path().equals(side.path())) {
                return f;
            }
        }
        return null;
    }

    private static long size(@Nullable Side side, @Nullable FileInfo info) {
        return side == null ? 0 : side.size() >= 0 ? side.size() : info == null ? 0 : info.size();
    }

    private static @Nullable LargeSide large(JcfOperations jcf, Side side, @Nullable FileInfo known) {
        // a stored version's hash as the history records it: hashing the file again would read all of it
        FileInfo info = known == null && side.versionId() != null ? listed(jcf, side) : known;
        long size = side.size() >= 0 ? side.size() : info == null ? -1 : info.size();
        byte[] head;
        try (InputStream in = jcf.streamFile(side.path(), side.versionId())) {
            head = in.readNBytes(LargeSide.HEAD_BYTES);
        } catch (FileNotFoundException e) {
            return null; // the file did not exist on that side
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LargeSide(size < 0 ? head.length : size, info == null ? null : info.hash(), head,
                () -> jcf.streamFile(side.path(), side.versionId()));
    }

    private static byte @Nullable [] whole(JcfOperations jcf, Side side) {
        try {
            return jcf.getFileContent(side.path(), side.versionId());
        } catch (FileNotFoundException e) {
            return null; // the file did not exist on that side
        }
    }
}
