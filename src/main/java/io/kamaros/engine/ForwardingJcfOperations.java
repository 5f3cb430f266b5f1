package io.kamaros.engine;

import io.kamaros.engine.store.FileSystemAdapter;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ExportOptions;
import io.kamaros.engine.model.ExportResult;
import io.kamaros.engine.model.FileHistoryEntry;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.GcOptions;
import io.kamaros.engine.model.GcReport;
import io.kamaros.engine.model.HistoryFilter;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.ImportResult;
import io.kamaros.engine.model.ListOptions;
import io.kamaros.engine.model.ProjectStats;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.RestorePlan;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionDiff;
import io.kamaros.engine.model.WorkingCopyStatus;
import io.kamaros.engine.model.JcfEvent;
import org.jspecify.annotations.Nullable;

/**
 * Delegates every operation to another {@link JcfOperations}; extend it and override what a
 * decorator changes. Example (the seed's LoggingMiddleware):
 * <pre>{@code
 * class LoggingMiddleware extends ForwardingJcfOperations {
 *     LoggingMiddleware(JcfOperations next) { super(next); }
 *     public void addFile(String path, byte[] content) {
 *         log.info("Adding file: {}", path);
 *         super.addFile(path, content);
 *     }
 * }
 * }</pre>
 */
public abstract class ForwardingJcfOperations implements JcfOperations {
    private final JcfOperations delegate;

    protected ForwardingJcfOperations(JcfOperations delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    protected JcfOperations delegate() {
        return delegate;
    }

    @Override
    public void init(FileSystemAdapter adapter) {
        delegate.init(adapter);
    }

    @Override
    public void init(FileSystemAdapter adapter, char @Nullable [] password) {
        delegate.init(adapter, password);
    }

    @Override
    public boolean isEncrypted() {
        return delegate.isEncrypted();
    }

    @Override
    public void changePassword(char[] oldPassword, char[] newPassword) {
        delegate.changePassword(oldPassword, newPassword);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String saveCheckpoint(String message) {
        return delegate.saveCheckpoint(message);
    }

    @Override
    public String saveCheckpoint(String message, CheckpointOptions options) {
        return delegate.saveCheckpoint(message, options);
    }

    @Override
    public RestoreResult restoreVersion(String versionId) {
        return delegate.restoreVersion(versionId);
    }

    @Override
    public RestoreResult restoreVersion(String versionId, RestoreOptions options) {
        return delegate.restoreVersion(versionId, options);
    }

    @Override
    public RestorePlan planRestore(String versionId, RestoreOptions options) {
        return delegate.planRestore(versionId, options);
    }

    @Override
    public void addFile(String path, byte[] content) {
        delegate.addFile(path, content);
    }

    @Override
    public void addFile(String path, String content) {
        delegate.addFile(path, content);
    }

    @Override
    public void addFile(String path, InputStream content) {
        delegate.addFile(path, content);
    }

    @Override
    public void appendToFile(String path, byte[] chunk) {
        delegate.appendToFile(path, chunk);
    }

    @Override
    public void removeFile(String path) {
        delegate.removeFile(path);
    }

    @Override
    public void removeFile(String path, boolean recursive) {
        delegate.removeFile(path, recursive);
    }

    @Override
    public void moveFile(String from, String to) {
        delegate.moveFile(from, to);
    }

    @Override
    public void moveFile(String from, String to, boolean replace) {
        delegate.moveFile(from, to, replace);
    }

    @Override
    public byte[] getFileContent(String path) {
        return delegate.getFileContent(path);
    }

    @Override
    public byte[] getFileContent(String path, @Nullable String versionId) {
        return delegate.getFileContent(path, versionId);
    }

    @Override
    public InputStream streamFile(String path) {
        return delegate.streamFile(path);
    }

    @Override
    public InputStream streamFile(String path, @Nullable String versionId) {
        return delegate.streamFile(path, versionId);
    }

    @Override
    public List<FileInfo> listFiles() {
        return delegate.listFiles();
    }

    @Override
    public List<FileInfo> listFiles(String directory) {
        return delegate.listFiles(directory);
    }

    @Override
    public List<FileInfo> listFiles(String directory, @Nullable String versionId) {
        return delegate.listFiles(directory, versionId);
    }

    @Override
    public List<FileInfo> listFiles(String directory, ListOptions options) {
        return delegate.listFiles(directory, options);
    }

    @Override
    public List<Version> getHistory() {
        return delegate.getHistory();
    }

    @Override
    public List<Version> getHistory(HistoryFilter filter) {
        return delegate.getHistory(filter);
    }

    @Override
    public Optional<Version> getVersion(String idOrTag) {
        return delegate.getVersion(idOrTag);
    }

    @Override
    public Optional<Version> getCurrentVersion() {
        return delegate.getCurrentVersion();
    }

    @Override
    public WorkingCopyStatus getStatus() {
        return delegate.getStatus();
    }

    @Override
    public List<FileHistoryEntry> getFileHistory(String path) {
        return delegate.getFileHistory(path);
    }

    @Override
    public VersionDiff getVersionDiff(String fromVersion, String toVersion) {
        return delegate.getVersionDiff(fromVersion, toVersion);
    }

    @Override
    public VersionDiff getWorkingCopyDiff(@Nullable String versionRef) {
        return delegate.getWorkingCopyDiff(versionRef);
    }

    @Override
    public boolean tagVersion(String versionId, String tag) {
        return delegate.tagVersion(versionId, tag);
    }

    @Override
    public ProjectStats getStats() {
        return delegate.getStats();
    }

    @Override
    public ExportResult export(OutputStream out) {
        return delegate.export(out);
    }

    @Override
    public ExportResult export(OutputStream out, ExportOptions options) {
        return delegate.export(out, options);
    }

    @Override
    public ExportResult export(Path file) {
        return delegate.export(file);
    }

    @Override
    public ExportResult export(Path file, ExportOptions options) {
        return delegate.export(file, options);
    }

    @Override
    public ImportResult importData(InputStream in) {
        return delegate.importData(in);
    }

    @Override
    public ImportResult importData(InputStream in, ImportOptions options) {
        return delegate.importData(in, options);
    }

    @Override
    public ImportResult importData(Path file) {
        return delegate.importData(file);
    }

    @Override
    public ImportResult importData(Path file, ImportOptions options) {
        return delegate.importData(file, options);
    }

    @Override
    public GcReport runGc() {
        return delegate.runGc();
    }

    @Override
    public GcReport runGc(GcOptions options) {
        return delegate.runGc(options);
    }

    @Override
    public VerificationReport verifyIntegrity() {
        return delegate.verifyIntegrity();
    }

    @Override
    public VerificationReport verifyIntegrity(VerifyOptions options) {
        return delegate.verifyIntegrity(options);
    }

    @Override
    public void on(String event, Consumer<? super JcfEvent> listener) {
        delegate.on(event, listener);
    }

    @Override
    public boolean off(String event, Consumer<? super JcfEvent> listener) {
        return delegate.off(event, listener);
    }

    @Override
    public void off(String event) {
        delegate.off(event);
    }
}
