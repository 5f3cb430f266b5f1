package io.kamaros.cli;

import io.kamaros.engine.FileState;
import io.kamaros.engine.Version;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON shapes of engine records that must not be serialized whole (a Version's file set is built lazily). */
final class Views {
    private Views() {
    }

    static Map<String, Object> version(Version v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", v.id());
        m.put("shortId", v.shortId());
        m.put("parentId", v.parentId());
        m.put("timestamp", v.timestamp());
        m.put("message", v.message());
        m.put("author", v.author());
        m.put("email", v.email());
        m.put("tags", v.tags());
        m.put("changes", v.changes());
        m.put("autoSaved", v.autoSaved());
        return m;
    }

    static Map<String, Object> file(FileState s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", s.path());
        m.put("size", s.size());
        m.put("hash", s.hash());
        m.put("type", s.type() == null ? null : s.type().jsonName());
        return m;
    }

    static String shortId(String id) {
        return id == null ? null : id.length() <= 8 ? id : id.substring(0, 8);
    }
}
