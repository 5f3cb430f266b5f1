package io.kamaros.engine.model;

/**
 * A working-copy entry a scan found but could not version as it is, or versioned with a warning.
 * Status and every checkpoint report these, so nothing in the working copy is left out silently.
 *
 * @param path   the entry's project path ('/'-separated; a folder for an unreadable folder)
 * @param reason why
 * @param detail a short explanation for people (e.g. the link's target, the OS error)
 */
public record UnversionableFile(String path, Reason reason, String detail) {

    /** Why an entry is reported. Only {@link #WINDOWS_NAME} is still saved. */
    public enum Reason {
        /** The file or folder could not be read (permissions, locked by another program, I/O error). */
        UNREADABLE,
        /** A symbolic link: not followed and not stored (its target is in {@code detail}). */
        SYMLINK,
        /** A FIFO, socket or device: no content to store. */
        SPECIAL_FILE,
        /** A name no project path may have on any system (a control character, too long …). */
        INVALID_NAME,
        /** Saved, but Windows cannot hold the name (CON, nul.txt, a trailing dot, a case-only twin …). */
        WINDOWS_NAME;

        /** True when the entry is still saved (a warning only). */
        public boolean saved() {
            return this == WINDOWS_NAME;
        }
    }

    /** True when the entry is still saved (a warning only). */
    public boolean saved() {
        return reason.saved();
    }

    /** One line for people, e.g. {@code "link -> /etc (symbolic link, not followed)"}. */
    public String describe() {
        return path + ": " + detail;
    }
}
