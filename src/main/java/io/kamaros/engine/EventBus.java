package io.kamaros.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.kamaros.engine.model.Args;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.ValidationException;
import io.kamaros.engine.model.JcfEvent;
import org.jspecify.annotations.Nullable;

/**
 * Routes events to listeners by the seed's names and wildcards: {@code *}, {@code ns:*} and
 * {@code *:suffix}. A throwing listener is isolated: the others still run and a
 * {@code handler:error} event is published.
 */
final class EventBus {
    /** Made on first use (see JcfManager.Log). */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    }

    private final Map<String, List<Consumer<? super JcfEvent>>> listeners = new ConcurrentHashMap<>();

    void on(String pattern, Consumer<? super JcfEvent> listener) {
        validate(pattern);
        Args.required(listener, "listener", "A listener");
        listeners.computeIfAbsent(pattern, k -> new CopyOnWriteArrayList<>()).add(listener);
    }

    boolean off(String pattern, Consumer<? super JcfEvent> listener) {
        List<Consumer<? super JcfEvent>> list = listeners.get(pattern);
        return list != null && list.remove(listener);
    }

    void offAll(String pattern) {
        if (pattern == null) {
            listeners.clear();
        } else {
            listeners.remove(pattern);
        }
    }

    int listenerCount(String pattern) {
        if (pattern == null) {
            return listeners.values().stream().mapToInt(List::size).sum();
        }
        List<Consumer<? super JcfEvent>> list = listeners.get(pattern);
        return list == null ? 0 : list.size();
    }


    void emit(JcfEvent event) {
        if (listeners.isEmpty()) {
            return;
        }
        String alias = aliasOf(event);
        for (Map.Entry<String, List<Consumer<? super JcfEvent>>> entry : listeners.entrySet()) {
            String pattern = entry.getKey();
            if (!matches(pattern, event.type()) && (alias == null || !matches(pattern, alias))) {
                continue;
            }
            for (Consumer<? super JcfEvent> listener : entry.getValue()) {
                try {
                    listener.accept(event);
                } catch (RuntimeException | Error e) {
                    if (e instanceof VirtualMachineError vme) {
                        throw vme;
                    }
                    Log.LOG.warn("A listener of {} threw; the operation goes on", event.type(), e);
                    if (!(event instanceof JcfEvent.HandlerFailed)) {
                        emit(new JcfEvent.HandlerFailed(event.operationId(), Instant.now(), event, e));
                    }
                }
            }
        }
    }

    /** {@code file:change} events also answer to {@code file:add}, {@code file:modify}, {@code file:delete}. */
    private static @Nullable String aliasOf(JcfEvent event) {
        if (event instanceof JcfEvent.FileChanged fc && fc.changeType() != null) {
            return switch (fc.changeType()) {
                case ADDED -> "file:add";
                case MODIFIED -> "file:modify";
                case DELETED -> "file:delete";
                case RENAMED -> "file:rename";
            };
        }
        return null;
    }

    static boolean matches(String pattern, String type) {
        if (pattern.equals("*") || pattern.equals(type)) {
            return true;
        }
        if (pattern.endsWith(":*")) {
            return type.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        if (pattern.startsWith("*:")) {
            return type.endsWith(pattern.substring(1));
        }
        return false;
    }

    /** The operations that report {@code <op>:start / progress / complete / error / rollback / file-complete}. */
    static final List<String> OPERATIONS = List.of("checkpoint", "restore", "gc", "verify", "export", "import");
    static final List<String> OPERATION_EVENTS = List.of("start", "progress", "complete", "error", "rollback",
            "file-complete");
    /** Every event name a listener can subscribe to (besides the wildcards {@code *}, {@code ns:*}, {@code *:suffix}). */
    static final SortedSet<String> NAMES;

    static {
        SortedSet<String> names = new TreeSet<>();
        for (String op : OPERATIONS) {
            for (String suffix : OPERATION_EVENTS) {
                names.add(op + ":" + suffix);
            }
        }
        names.add("status:progress"); // the working-copy scan of getStatus()
        names.addAll(List.of("file:change", "file:add", "file:modify", "file:delete", "file:rename", "handler:error",
                "warning"));
        NAMES = Collections.unmodifiableSortedSet(names);
    }

    /** True for a name or wildcard some event answers to. */
    static boolean isKnown(String pattern) {
        if (pattern.equals("*") || NAMES.contains(pattern)) {
            return true;
        }
        for (String name : NAMES) {
            if (matches(pattern, name)) {
                return true;
            }
        }
        return false;
    }

    private static void validate(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new ValidationException("An event name is required, e.g. \"checkpoint:progress\" or \"*\".",
                    JcfException.detailsOf("field", "event", "value", pattern));
        }
        if (!isKnown(pattern)) {
            throw new ValidationException("No event is called '" + pattern + "', so a listener of it would never run. "
                    + "Valid names: " + String.join(", ", NAMES) + "; or a wildcard: *, <operation>:* (e.g. "
                    + "checkpoint:*), *:<event> (e.g. *:progress).",
                    JcfException.detailsOf("field", "event", "value", pattern, "validNames", List.copyOf(NAMES)));
        }
    }
}
