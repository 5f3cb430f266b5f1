package io.kamaros.engine;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous face of a {@link JcfManager}: the same operations, each returning a
 * {@link CompletableFuture} completed on a small pool of background threads (the seed's
 * asyncio API). Failures complete the future exceptionally with the {@link JcfException}.
 * Obtain it with {@link JcfManager#async()}; it is shut down when the manager is closed.
 */
public final class AsyncJcfManager {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final JcfManager manager;
    private final ExecutorService executor;

    AsyncJcfManager(JcfManager manager) {
        this.manager = manager;
        this.executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "kamaros-async-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The synchronous manager behind this facade. */
    public JcfManager sync() {
        return manager;
    }

    void shutdown() {
        executor.shutdown();
    }

    /** Re-wraps the key under a new password (PBKDF2 runs twice: seconds, so off the caller's thread). */
    public CompletableFuture<Void> changePassword(char[] oldPassword, char[] newPassword) {
        return CompletableFuture.runAsync(() -> manager.changePassword(oldPassword, newPassword), executor);
    }

    public CompletableFuture<Boolean> isEncrypted() {
        return CompletableFuture.supplyAsync(manager::isEncrypted, executor);
    }

    public CompletableFuture<String> saveCheckpoint(String message) {
        return CompletableFuture.supplyAsync(() -> manager.saveCheckpoint(message), executor);
    }

    public CompletableFuture<String> saveCheckpoint(String message, CheckpointOptions options) {
        return CompletableFuture.supplyAsync(() -> manager.saveCheckpoint(message, options), executor);
    }

    public CompletableFuture<RestoreResult> restoreVersion(String versionId) {
        return CompletableFuture.supplyAsync(() -> manager.restoreVersion(versionId), executor);
    }

    public CompletableFuture<RestoreResult> restoreVersion(String versionId, RestoreOptions options) {
        return CompletableFuture.supplyAsync(() -> manager.restoreVersion(versionId, options), executor);
    }

    public CompletableFuture<RestorePlan> planRestore(String versionId, RestoreOptions options) {
        return CompletableFuture.supplyAsync(() -> manager.planRestore(versionId, options), executor);
    }

    public CompletableFuture<Void> addFile(String path, byte[] content) {
        return CompletableFuture.runAsync(() -> manager.addFile(path, content), executor);
    }

    public CompletableFuture<Void> addFile(String path, String content) {
        return CompletableFuture.runAsync(() -> manager.addFile(path, content), executor);
    }

    public CompletableFuture<Void> addFile(String path, InputStream content) {
        return CompletableFuture.runAsync(() -> manager.addFile(path, content), executor);
    }

    public CompletableFuture<Void> appendToFile(String path, byte[] chunk) {
        return CompletableFuture.runAsync(() -> manager.appendToFile(path, chunk), executor);
    }

    public CompletableFuture<Void> removeFile(String path) {
        return CompletableFuture.runAsync(() -> manager.removeFile(path), executor);
    }

    public CompletableFuture<Void> removeFile(String path, boolean recursive) {
        return CompletableFuture.runAsync(() -> manager.removeFile(path, recursive), executor);
    }

    public CompletableFuture<Void> moveFile(String from, String to) {
        return CompletableFuture.runAsync(() -> manager.moveFile(from, to), executor);
    }

    public CompletableFuture<Void> moveFile(String from, String to, boolean replace) {
        return CompletableFuture.runAsync(() -> manager.moveFile(from, to, replace), executor);
    }

    public CompletableFuture<byte[]> getFileContent(String path) {
        return CompletableFuture.supplyAsync(() -> manager.getFileContent(path), executor);
    }

    public CompletableFuture<byte[]> getFileContent(String path, @Nullable String versionId) {
        return CompletableFuture.supplyAsync(() -> manager.getFileContent(path, versionId), executor);
    }

    public CompletableFuture<InputStream> streamFile(String path) {
        return CompletableFuture.supplyAsync(() -> manager.streamFile(path), executor);
    }

    public CompletableFuture<InputStream> streamFile(String path, @Nullable String versionId) {
        return CompletableFuture.supplyAsync(() -> manager.streamFile(path, versionId), executor);
    }

    public CompletableFuture<List<FileInfo>> listFiles() {
        return CompletableFuture.supplyAsync(() -> manager.listFiles(), executor);
    }

    public CompletableFuture<List<FileInfo>> listFiles(String directory) {
        return CompletableFuture.supplyAsync(() -> manager.listFiles(directory), executor);
    }

    public CompletableFuture<List<FileInfo>> listFiles(String directory, @Nullable String versionId) {
        return CompletableFuture.supplyAsync(() -> manager.listFiles(directory, versionId), executor);
    }

    public CompletableFuture<List<FileInfo>> listFiles(String directory, ListOptions options) {
        return CompletableFuture.supplyAsync(() -> manager.listFiles(directory, options), executor);
    }

    public CompletableFuture<List<Version>> getHistory() {
        return CompletableFuture.supplyAsync(() -> manager.getHistory(), executor);
    }

    public CompletableFuture<List<Version>> getHistory(HistoryFilter filter) {
        return CompletableFuture.supplyAsync(() -> manager.getHistory(filter), executor);
    }

    public CompletableFuture<Optional<Version>> getVersion(String idOrTag) {
        return CompletableFuture.supplyAsync(() -> manager.getVersion(idOrTag), executor);
    }

    public CompletableFuture<Optional<Version>> getCurrentVersion() {
        return CompletableFuture.supplyAsync(() -> manager.getCurrentVersion(), executor);
    }

    public CompletableFuture<WorkingCopyStatus> getStatus() {
        return CompletableFuture.supplyAsync(() -> manager.getStatus(), executor);
    }

    public CompletableFuture<List<FileHistoryEntry>> getFileHistory(String path) {
        return CompletableFuture.supplyAsync(() -> manager.getFileHistory(path), executor);
    }

    public CompletableFuture<VersionDiff> getVersionDiff(String fromVersion, String toVersion) {
        return CompletableFuture.supplyAsync(() -> manager.getVersionDiff(fromVersion, toVersion), executor);
    }

    public CompletableFuture<VersionDiff> getWorkingCopyDiff(@Nullable String versionRef) {
        return CompletableFuture.supplyAsync(() -> manager.getWorkingCopyDiff(versionRef), executor);
    }

    public CompletableFuture<Boolean> tagVersion(String versionId, String tag) {
        return CompletableFuture.supplyAsync(() -> manager.tagVersion(versionId, tag), executor);
    }

    public CompletableFuture<ProjectStats> getStats() {
        return CompletableFuture.supplyAsync(() -> manager.getStats(), executor);
    }

    public CompletableFuture<ExportResult> export(OutputStream out) {
        return CompletableFuture.supplyAsync(() -> manager.export(out), executor);
    }

    public CompletableFuture<ExportResult> export(OutputStream out, ExportOptions options) {
        return CompletableFuture.supplyAsync(() -> manager.export(out, options), executor);
    }

    public CompletableFuture<ExportResult> export(Path file) {
        return CompletableFuture.supplyAsync(() -> manager.export(file), executor);
    }

    public CompletableFuture<ExportResult> export(Path file, ExportOptions options) {
        return CompletableFuture.supplyAsync(() -> manager.export(file, options), executor);
    }

    public CompletableFuture<ImportResult> importData(InputStream in) {
        return CompletableFuture.supplyAsync(() -> manager.importData(in), executor);
    }

    public CompletableFuture<ImportResult> importData(InputStream in, ImportOptions options) {
        return CompletableFuture.supplyAsync(() -> manager.importData(in, options), executor);
    }

    public CompletableFuture<ImportResult> importData(Path file) {
        return CompletableFuture.supplyAsync(() -> manager.importData(file), executor);
    }

    public CompletableFuture<ImportResult> importData(Path file, ImportOptions options) {
        return CompletableFuture.supplyAsync(() -> manager.importData(file, options), executor);
    }

    public CompletableFuture<GcReport> runGc() {
        return CompletableFuture.supplyAsync(() -> manager.runGc(), executor);
    }

    public CompletableFuture<GcReport> runGc(GcOptions options) {
        return CompletableFuture.supplyAsync(() -> manager.runGc(options), executor);
    }

    public CompletableFuture<VerificationReport> verifyIntegrity() {
        return CompletableFuture.supplyAsync(() -> manager.verifyIntegrity(), executor);
    }

    public CompletableFuture<VerificationReport> verifyIntegrity(VerifyOptions options) {
        return CompletableFuture.supplyAsync(() -> manager.verifyIntegrity(options), executor);
    }
}
