package io.kamaros.engine.model;

import java.util.Map;

/**
 * Options of {@link JcfManager#export(java.io.OutputStream, ExportOptions)}.
 * <ul>
 *   <li>{@code versionId}: export only this version (id, prefix, tag, {@code HEAD~n}): its files in
 *       {@code content/} and a one-version history holding just them. Null: HEAD.</li>
 *   <li>{@code includeHistory} (default true): every version, blob, chunk and reverse patch. False
 *       (or a {@code versionId}) exports a single version.</li>
 *   <li>{@code compressionLevel} 0–9 (default 6): deflate level of the compressible entries.</li>
 *   <li>{@code plaintextContent} (default false; encrypted projects only): also write the exported
 *       version's files in plain text under {@code content/}. Off, the archive of an encrypted
 *       project holds no plaintext content at all (its objects stay encrypted; importing it needs
 *       the password). Plain projects always get {@code content/}.</li>
 * </ul>
 */
public final class ExportOptions {
    private String versionId;
    private boolean includeHistory = true;
    private int compressionLevel = 6;
    private boolean plaintextContent;
    private CancellationToken cancel = CancellationToken.NONE;

    public static ExportOptions defaults() {
        return new ExportOptions();
    }

    public ExportOptions versionId(String value) {
        versionId = value;
        return this;
    }

    public ExportOptions includeHistory(boolean value) {
        includeHistory = value;
        return this;
    }

    public ExportOptions compressionLevel(int value) {
        if (value < 0 || value > 9) {
            throw new ValidationException("The compression level must be 0 to 9, not " + value + ".",
                    Map.of("field", "compressionLevel", "value", value));
        }
        compressionLevel = value;
        return this;
    }

    public ExportOptions plaintextContent(boolean value) {
        plaintextContent = value;
        return this;
    }

    public boolean plaintextContent() {
        return plaintextContent;
    }

    public ExportOptions cancel(CancellationToken token) {
        cancel = token == null ? CancellationToken.NONE : token;
        return this;
    }

    public String versionId() {
        return versionId;
    }

    public boolean includeHistory() {
        return includeHistory;
    }

    public int compressionLevel() {
        return compressionLevel;
    }

    public CancellationToken cancel() {
        return cancel;
    }
}
