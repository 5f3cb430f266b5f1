package io.kamaros.engine;

import io.kamaros.engine.store.FileSystemAdapter;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
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
 * The operations of a project, as an interface so they can be decorated: logging, metrics or
 * access checks wrap a {@link JcfManager} by extending {@link ForwardingJcfOperations} and
 * overriding only what they care about (the seed's {@code LoggingMiddleware}).
 */
public interface JcfOperations extends AutoCloseable {
    void init(FileSystemAdapter adapter);

    /** Opens (or creates) an encrypted project; see {@link JcfManager#init(FileSystemAdapter, char[])}. */
    void init(FileSystemAdapter adapter, char @Nullable [] password);

    boolean isEncrypted();

    void changePassword(char[] oldPassword, char[] newPassword);

    @Override
    void close();

    String saveCheckpoint(String message);

    String saveCheckpoint(String message, CheckpointOptions options);

    RestoreResult restoreVersion(String versionId);

    RestoreResult restoreVersion(String versionId, RestoreOptions options);

    /** What that restore would write, delete and save first; see {@link JcfManager#planRestore}. */
    RestorePlan planRestore(String versionId, RestoreOptions options);

    void addFile(String path, byte[] content);

    void addFile(String path, String content);

    void addFile(String path, InputStream content);

    void appendToFile(String path, byte[] chunk);

    void removeFile(String path);

    void removeFile(String path, boolean recursive);

    void moveFile(String from, String to);

    void moveFile(String from, String to, boolean replace);

    byte[] getFileContent(String path);

    byte[] getFileContent(String path, @Nullable String versionId);

    InputStream streamFile(String path);

    InputStream streamFile(String path, @Nullable String versionId);

    List<FileInfo> listFiles();

    List<FileInfo> listFiles(String directory);

    List<FileInfo> listFiles(String directory, @Nullable String versionId);

    List<FileInfo> listFiles(String directory, ListOptions options);

    List<Version> getHistory();

    List<Version> getHistory(HistoryFilter filter);

    Optional<Version> getVersion(String idOrTag);

    Optional<Version> getCurrentVersion();

    WorkingCopyStatus getStatus();

    List<FileHistoryEntry> getFileHistory(String path);

    VersionDiff getVersionDiff(String fromVersion, String toVersion);

    /** From a version to the working copy; see {@link JcfManager#getWorkingCopyDiff}. */
    VersionDiff getWorkingCopyDiff(@Nullable String versionRef);

    boolean tagVersion(String versionId, String tag);

    ProjectStats getStats();

    ExportResult export(OutputStream out);

    ExportResult export(OutputStream out, ExportOptions options);

    ExportResult export(Path file);

    ExportResult export(Path file, ExportOptions options);

    ImportResult importData(InputStream in);

    ImportResult importData(InputStream in, ImportOptions options);

    ImportResult importData(Path file);

    ImportResult importData(Path file, ImportOptions options);

    GcReport runGc();

    GcReport runGc(GcOptions options);

    VerificationReport verifyIntegrity();

    VerificationReport verifyIntegrity(VerifyOptions options);

    void on(String event, Consumer<? super JcfEvent> listener);

    boolean off(String event, Consumer<? super JcfEvent> listener);

    void off(String event);
}
