package io.kamaros.engine.model;

import java.util.Locale;

/**
 * What exactly a repair did, as a stable code: a front end words it in its own language from the code and
 * the repair's {@link VerificationReport.Repair#arguments() arguments} (the engine's {@code message} is the
 * English sentence). The arguments each code comes with are listed beside it, in order; lists of names
 * are given joined with ", ".
 */
public enum RepairCode {
    /** manifest.json was rewritten from manifest.json.bak. No arguments. */
    MANIFEST_RESTORED,
    /**
     * manifest.json was rewritten from manifest.json.bak plus the versions the journal proves after it: how
     * many versions were taken from the journal, their ids, how many could not be recovered, what they were.
     */
    MANIFEST_RESTORED_WITH_JOURNAL,
    /** manifest.json.bak was rewritten as a copy of manifest.json. No arguments. */
    BACKUP_REWRITTEN,
    /** Pack indexes were written again from their packs: how many. */
    PACK_INDEXES_REWRITTEN,
    /** Refs naming unknown versions were dropped: their names. */
    REFS_DROPPED,
    /** Lines of the version journal were rewritten from its copy: the line numbers. */
    JOURNAL_LINES_REWRITTEN,
    /** The missing second copy of the version journal was written. No arguments. */
    JOURNAL_COPY_WRITTEN,
    /** The copy of the version journal was rewritten. No arguments. */
    JOURNAL_COPY_REWRITTEN,
    /** The copy of the version journal was rewritten from every line still intact. No arguments. */
    JOURNAL_COPY_REWRITTEN_FROM_INTACT_LINES,
    /** Uncommitted bytes were cut from the end of the version journal: how many bytes, why (English). */
    JOURNAL_TAIL_CUT,
    /**
     * Saved versions past the end manifest.json listed were taken back into the history: how many, their ids
     * and messages, whether anything else was cut ("cut" or "none").
     */
    JOURNAL_VERSIONS_TAKEN_BACK,
    /** Stale temp files were deleted: how many. */
    TEMP_FILES_DELETED,
    /** A damaged or missing blob was rewritten from a working-copy file with its content: its short hash, the file. */
    BLOB_REWRITTEN_FROM_FILE,
    /** A damaged or missing blob was rebuilt through its reverse patches: its short hash. */
    BLOB_REWRITTEN_FROM_PATCHES,
    /** A missing or damaged copy of a compression dictionary was rewritten: its name. */
    DICTIONARY_COPY_REWRITTEN,
    /** A damaged copy of a patch was rewritten from its intact copy: the file. */
    COPY_REWRITTEN,
    /** A damaged patch was made again from the contents it links: its path. */
    PATCH_REMADE;

    /** The code as written in reports and bundles: {@code journal-copy-written}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
