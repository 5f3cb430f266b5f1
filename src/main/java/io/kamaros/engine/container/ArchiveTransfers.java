package io.kamaros.engine.container;

import io.kamaros.engine.model.JcfEvent;
import io.kamaros.engine.history.HistoryQueries;
import io.kamaros.engine.history.OperationRunner;
import io.kamaros.engine.model.Args;
import io.kamaros.engine.model.ExportOptions;
import io.kamaros.engine.model.ExportResult;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.ImportResult;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.project.HistoryGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Export and import as operations of an open project, announced by their completion events: an
 * import under the writer lock; an export as a reader (browsing and other exports go on beside it, a
 * save's commit waits for it), to a file guarded against a partial archive left by a crash.
 */
public final class ArchiveTransfers {
    private final OperationRunner run;
    private final HistoryQueries queries;

    public ArchiveTransfers(OperationRunner run, HistoryQueries queries) {
        this.run = run;
        this.queries = queries;
    }

    /**
     * Writes the project as a {@code .jcf} archive into {@code out}, streaming (memory stays bounded
     * whatever the project's size). The stream is flushed, not closed. Reads the committed state
     * beside other readers; a commit waits for the export, so the archive is one consistent state.
     */
    public ExportResult export(OutputStream out, ExportOptions options) {
        Args.required(out, "out", "A stream to write the archive to");
        ExportOptions opts = options == null ? ExportOptions.defaults() : options;
        return run.readLong("export", opts.cancel(), op -> {
            String id = opts.versionId() == null ? null : queries.resolve(opts.versionId());
            ExportResult result = new JcfExporter(run.store(), opts, op).export(out, id, null);
            op.emit(new JcfEvent.ExportCompleted(op.id(), Instant.now(), result));
            return result;
        });
    }

    /**
     * Writes the project as a {@code .jcf} file: into a temp file beside it, fsynced, then renamed
     * over {@code file}, so a crash, failure or cancel never leaves a partial archive under that name.
     */
    public ExportResult export(Path file, ExportOptions options) {
        Args.writableFile(file, "file");
        ExportOptions opts = options == null ? ExportOptions.defaults() : options;
        return run.readLong("export", opts.cancel(), op -> {
            HistoryGuard.checkTarget(run.adapter(), file, "file");
            String id = opts.versionId() == null ? null : queries.resolve(opts.versionId());
            // A note in the history folder names the temp file while it exists, so that the next
            // writer (or the next open) removes it if this process is killed before it is renamed.
            String note = BlobStore.TEMP_DIR + "/"
                    + JcfImporter.EXPORT_NOTE_PREFIX + op.id();
            ExportResult result = JcfExporter.toFile(file,
                    os -> new JcfExporter(run.store(), opts, op).export(os, id, null),
                    new JcfExporter.TempWatch() {
                        @Override
                        public void creating(Path temp) {
                            try {
                                run.store().adapter().writeFile(note, temp.toAbsolutePath().toString()
                                        .getBytes(StandardCharsets.UTF_8));
                                run.store().adapter().sync();
                            } catch (IOException | RuntimeException e) {
                                // read-only storage, say: the next export to that file still removes it
                                run.debug("no export note: {}", e.toString());
                            }
                        }

                        @Override
                        public void gone(Path temp) {
                            try {
                                run.store().adapter().deleteFile(note);
                            } catch (IOException | RuntimeException e) {
                                run.debug("export note left: {}", e.toString());
                            }
                        }
                    });
            op.emit(new JcfEvent.ExportCompleted(op.id(), Instant.now(), result));
            return result;
        });
    }

    /**
     * Imports a {@code .jcf} archive (ours, or the original implementation's export layout) into this
     * project, which must have no versions and an empty working copy. Everything is staged and
     * validated first; on any error the project is left as it was. The stream is read to its end,
     * not closed.
     *
     * @throws ValidationException unsafe or duplicate entry names, symbolic links, limits exceeded,
     *         newer format, a project that is not empty
     * @throws CorruptionException damaged archive, manifest, blob or patch
     */
    public ImportResult importData(InputStream in, ImportOptions options) {
        Args.required(in, "in", "A stream to read the archive from");
        ImportOptions opts = options == null ? ImportOptions.defaults() : options;
        return run.write("import", opts.cancel(), op -> {
            ImportResult result = new JcfImporter(run.store(), opts, op).importStream(in);
            run.ledgerSaved();
            op.emit(new JcfEvent.ImportCompleted(op.id(), Instant.now(), result));
            return result;
        });
    }

    /** Imports a {@code .jcf} file; see {@link #importData(InputStream, ImportOptions)}. */
    public ImportResult importData(Path file, ImportOptions options) {
        Args.existingFile(file, "file");
        ImportOptions opts = options == null ? ImportOptions.defaults() : options;
        return run.write("import", opts.cancel(), op -> {
            ImportResult result = new JcfImporter(run.store(), opts, op).importFile(file);
            run.ledgerSaved();
            op.emit(new JcfEvent.ImportCompleted(op.id(), Instant.now(), result));
            return result;
        });
    }
}
