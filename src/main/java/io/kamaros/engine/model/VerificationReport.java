package io.kamaros.engine.model;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@link JcfManager#verifyIntegrity(VerifyOptions)}.
 *
 * @param valid    true when there are no errors (warnings do not make a project invalid)
 * @param errors   damage that loses or endangers history, as found (after repair: what is left)
 * @param warnings things worth knowing that lose nothing: uncommitted edits, unused objects, stale temp files
 * @param repaired what repair fixed, one English sentence each (empty without {@code repair})
 * @param repairs  the same, each with its stable code and arguments, for a front end to word it
 */
public record VerificationReport(boolean valid, List<Finding> errors, List<Finding> warnings, List<String> repaired,
                                 List<Repair> repairs) {

    public VerificationReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        repaired = List.copyOf(repaired);
        repairs = List.copyOf(repairs);
    }

    /** A report whose {@link #repaired()} sentences are the messages of {@code repairs}. */
    public static VerificationReport of(boolean valid, List<Finding> errors, List<Finding> warnings, List<Repair> repairs) {
        return new VerificationReport(valid, errors, warnings, repairs.stream().map(Repair::message).toList(), repairs);
    }

    /**
     * One thing repair fixed.
     *
     * @param code      what it says, stable: a front end words it from the code and {@code arguments}
     * @param arguments the values its wording needs (see {@link RepairCode}): strings and numbers
     * @param message   the English sentence
     */
    public record Repair(RepairCode code, List<Object> arguments, String message) {
        public Repair {
            arguments = List.copyOf(arguments);
        }
    }

    /** Findings of one type among errors and warnings. */
    public List<Finding> findings(FindingType type) {
        return Stream.concat(errors.stream(), warnings.stream()).filter(f -> f.type() == type).toList();
    }

    /** What kind of problem a finding is. Drift, orphans and stale temp files are warnings; the others
     * are errors (a missing kept copy of the manifest is reported as an INVALID_MANIFEST warning). */
    public enum FindingType {
        /** manifest.json (or its kept copy, or the version journal) cannot be read or is inconsistent. */
        INVALID_MANIFEST,
        /** A parent id, HEAD or a tag names an unknown version, or parents form a cycle. */
        BROKEN_CHAIN,
        /** No blob and no chain of patches gives a content some version needs. */
        MISSING_BLOB,
        /** A blob does not decode to bytes matching its hash. */
        CORRUPT_BLOB,
        /** A reverse patch some version refers to is missing. */
        MISSING_DELTA,
        /** A reverse patch does not apply, or produces the wrong content. */
        CORRUPT_DELTA,
        /** A chunk a blob's recipe lists is missing. */
        MISSING_CHUNK,
        /** The working copy differs from HEAD (uncommitted edits; informational). */
        WORKING_COPY_DRIFT,
        /** A stored object no version needs (garbage collection removes it). */
        ORPHANED_OBJECT,
        /** A leftover temp file, or uncommitted bytes at the end of the version journal. */
        STALE_TEMP
    }

    /**
     * One problem.
     *
     * @param code       what it says, stable: a front end words it from the code and {@code arguments}
     * @param arguments  the values its wording needs (see {@link FindingCode}): strings and numbers
     * @param message    the English sentence
     * @param details    where: keys {@code path} (a project or store path), {@code versionId}, {@code hash},
     *                   and {@code chunk} for chunk damage
     * @param suggestion what to do about it, or null
     */
    public record Finding(FindingType type, FindingCode code, List<Object> arguments, String message,
                          @Nullable Map<String, String> details, @Nullable String suggestion) {
        public Finding {
            arguments = List.copyOf(arguments);
            details = details == null ? Map.of() : Map.copyOf(details);
        }

        /** A finding without a stable wording ({@link FindingCode#OTHER}): only its message. */
        public Finding(FindingType type, String message, @Nullable Map<String, String> details, @Nullable String suggestion) {
            this(type, FindingCode.OTHER, List.of(), message, details, suggestion);
        }
    }
}
