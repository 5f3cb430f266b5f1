package io.kamaros.engine.objects;

import io.kamaros.engine.model.CorruptionException;

import java.util.Map;

/**
 * A reverse patch does not apply exactly to its base, or cannot be parsed. It is a corruption: the
 * engine never falls back to fuzzy or partial results (spec §3.4).
 */
public class PatchException extends CorruptionException {
    public PatchException(String message, Map<String, ?> details) {
        super(message, details);
    }
}
