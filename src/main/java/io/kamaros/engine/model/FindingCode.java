package io.kamaros.engine.model;

import java.util.Locale;

/**
 * What exactly a verify finding says, as a stable code: a front end words it in its own language from
 * the code and the finding's {@link VerificationReport.Finding#arguments() arguments} (the engine's
 * {@code message} is the English sentence). The arguments each code comes with are listed beside it,
 * in order; a version id is given as people see it (its first 8 characters), a hash shortened to 12 hex
 * digits and "…"; the finding's details keep both whole.
 */
public enum FindingCode {
    /** manifest.json is damaged; the project runs on manifest.json.bak. No arguments. */
    MANIFEST_DAMAGED_ON_BACKUP,
    /** manifest.json is damaged and no kept copy can be read. No arguments. */
    MANIFEST_DAMAGED,
    /** manifest.json.bak is damaged. No arguments. */
    BACKUP_DAMAGED,
    /** manifest.json.bak is missing (a warning). No arguments. */
    BACKUP_MISSING,
    /** The journal's committed part holds fewer versions than manifest.json counts: counted, held. */
    JOURNAL_SHORT,
    /** The version journal is missing: its path. */
    JOURNAL_MISSING,
    /** The version journal cannot be read: its path. */
    JOURNAL_UNREADABLE,
    /** A saved version past the end manifest.json commits: version id, its message. */
    JOURNAL_UNLISTED_VERSION,
    /** Uncommitted bytes at the journal's end (a warning). No arguments. */
    JOURNAL_UNCOMMITTED_BYTES,
    /** A version lost in the journal: line number, version id (or "?"), "copy" or "nocopy". */
    VERSION_LOST,
    /** Journal lines damaged, each read from the copy: how many, the line numbers. */
    JOURNAL_LINES_DAMAGED,
    /** The journal has no second copy (a warning). No arguments. */
    JOURNAL_NO_COPY,
    /** Lines of the journal's copy damaged: how many, the line numbers. */
    JOURNAL_COPY_DAMAGED,
    /** A version id appears twice: the id. */
    DUPLICATE_VERSION_ID,
    /** A version names an unknown parent: version id, parent id. */
    UNKNOWN_PARENT,
    /** Parents form a cycle: a version id in it. */
    PARENT_CYCLE,
    /** HEAD names an unknown version: its id. */
    HEAD_UNKNOWN,
    /** Versions but no HEAD. No arguments. */
    NO_HEAD,
    /** A ref names an unknown version: ref name, version id. */
    REF_UNKNOWN,
    /** A reverse patch a version refers to is missing: the patch's path. */
    PATCH_MISSING,
    /** A content no blob or patch chain gives: file path, version id. */
    CONTENT_MISSING,
    /** A content cannot be rebuilt because a patch is missing: file path, version id, patch path. */
    CONTENT_PATCH_MISSING,
    /** A compression dictionary damaged in both copies: its short hash. */
    DICTIONARY_LOST,
    /** A compression dictionary without its second copy (a warning): its short hash. */
    DICTIONARY_NO_COPY,
    /** One copy of a dictionary damaged, the other intact: the damaged file. */
    DICTIONARY_COPY_DAMAGED,
    /** One copy of a dictionary missing, the other intact: the missing file. */
    DICTIONARY_COPY_MISSING,
    /** A blob whose recipe lists a missing chunk: file path, version id, chunk's short hash. */
    BLOB_CHUNK_MISSING,
    /** A blob with a damaged chunk: file path, version id, chunk's short hash. */
    BLOB_CHUNK_DAMAGED,
    /** A blob that does not read back intact: file path, version id. */
    BLOB_DAMAGED,
    /** A reverse patch neither copy of which gives its content: the patch's path. */
    PATCH_DAMAGED,
    /** A reverse patch without its second copy (a warning): the patch's path. */
    PATCH_NO_COPY,
    /** One copy of a patch damaged, the other intact: the damaged file. */
    PATCH_COPY_DAMAGED,
    /** One copy of a patch missing, the other intact: the missing file. */
    PATCH_COPY_MISSING,
    /** A content kept only as patches that cannot be rebuilt: file path, version id. */
    CONTENT_NOT_REBUILT,
    /** A blob no version uses (a warning): its short hash. */
    UNUSED_BLOB,
    /** A chunk no kept blob uses (a warning): its short hash. */
    UNUSED_CHUNK,
    /** A patch no version uses (a warning): its path. */
    UNUSED_PATCH,
    /** A temp file an interrupted operation left (a warning): its path. */
    STALE_TEMP_FILE,
    /** An object inside a pack is damaged but another copy is intact (a warning): object id, pack's short hash. */
    PACK_OBJECT_DAMAGED_COPY_INTACT,
    /** An object inside a pack is damaged: object id, pack's short hash. */
    PACK_OBJECT_DAMAGED,
    /** A pack without its index, left by an interrupted save (a warning): pack's short hash. */
    PACK_INDEX_MISSING,
    /** A pack's index was damaged and was rebuilt from the pack: pack's short hash. */
    PACK_INDEX_DAMAGED,
    /** A pack with a damaged byte outside its objects: pack's short hash. */
    PACK_DAMAGED_OUTSIDE_OBJECTS,
    /** A file new since HEAD (a warning): its path. */
    DRIFT_ADDED,
    /** A file changed since HEAD (a warning): its path. */
    DRIFT_MODIFIED,
    /** A file deleted since HEAD (a warning): its path. */
    DRIFT_DELETED,
    /** A file moved since HEAD (a warning): its path, its previous path. */
    DRIFT_RENAMED,
    /** A finding made outside the engine's verifier (no stable wording): its message is all there is. */
    OTHER;

    /** The code as written in reports and bundles: {@code journal-short}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
