package io.kamaros.engine.history;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;

/**
 * Where {@code JcfConfig.debug(true)} sends the engine's debug lines. The shipped logging
 * configuration keeps the root logger at WARN (the app and the CLI print only what needs a person's
 * attention), so asking for debug raises the {@code io.kamaros.engine} logger to DEBUG when Logback
 * is the SLF4J binding — by reflection, so the engine does not depend on Logback's classes. With
 * any other binding that keeps the lines off (or SLF4J's no-op binding, which the CLI uses), they
 * are printed to standard error instead, so debug always shows something.
 */
public final class DebugLog {
    static final String ENGINE_LOGGER = "io.kamaros.engine";
    private static final String LOGBACK_LOGGER = "ch.qos.logback.classic.Logger";
    private static final String LOGBACK_LEVEL = "ch.qos.logback.classic.Level";

    private DebugLog() {
    }

    /** Makes the engine's debug lines visible, once for the JVM (the logger is shared). */
    public static synchronized void enable() {
        Logger engine = LoggerFactory.getLogger(ENGINE_LOGGER);
        if (engine.isDebugEnabled() || !engine.getClass().getName().equals(LOGBACK_LOGGER)) {
            return;
        }
        try {
            Class<?> level = Class.forName(LOGBACK_LEVEL, true, engine.getClass().getClassLoader());
            engine.getClass().getMethod("setLevel", level).invoke(engine, level.getField("DEBUG").get(null));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // another Logback version: the lines go to standard error instead (see log)
        }
    }

    /** One debug line through the logger, or to standard error when the logger would drop it. */
    public static void log(Logger logger, String format, Object... args) {
        if (logger.isDebugEnabled()) {
            logger.debug("[kamaros] " + format, args);
        } else {
            System.err.println("[kamaros] " + MessageFormatter.arrayFormat(format, args).getMessage());
        }
    }
}
