package io.kamaros.engine.format;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Keeps JSON fields this version does not know, so files written by newer versions survive a round trip. */
public abstract class UnknownFields {
    private final Map<String, Object> unknown = new LinkedHashMap<>();

    @JsonAnySetter
    public void setUnknown(String key, @Nullable Object value) {
        unknown.put(key, value);
    }

    @JsonAnyGetter
    public Map<String, Object> getUnknown() {
        return unknown;
    }

    /** Copies the kept fields (their values are parsed JSON and never changed in place). */
    protected void copyUnknownTo(UnknownFields other) {
        other.unknown.putAll(unknown);
    }
}
