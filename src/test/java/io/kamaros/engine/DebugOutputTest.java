package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.store.MemoryAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.kamaros.engine.model.JcfConfig;

/**
 * {@code JcfConfig.debug(true)} shows the engine's debug lines with the logging configuration as
 * shipped (root at WARN), without editing any file; without it nothing of the sort is printed.
 */
class DebugOutputTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private Object originalLevel;

    @BeforeEach
    void captureStderr() throws Exception {
        originalLevel = level(); // the shared engine logger: put back afterwards for the other tests
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() throws Exception {
        System.setErr(originalErr);
        Logger engine = LoggerFactory.getLogger("io.kamaros.engine");
        Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level");
        engine.getClass().getMethod("setLevel", levelClass).invoke(engine, originalLevel);
    }

    private static Object level() throws Exception {
        Logger engine = LoggerFactory.getLogger("io.kamaros.engine");
        return engine.getClass().getMethod("getLevel").invoke(engine);
    }

    private String run(boolean debug) {
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").debug(debug).build())) {
            jcf.init(new MemoryAdapter());
            jcf.addFile("a.txt", "a\n");
            jcf.saveCheckpoint("one");
        }
        System.err.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void debugTrueShowsTheEngineDebugLines() {
        assertThat(LoggerFactory.getLogger(JcfManager.class).isInfoEnabled())
                .as("the test runs with the root logger at WARN, as shipped").isFalse();
        String out = run(true);
        assertThat(out).contains("[kamaros] opened memory").contains("[kamaros] checkpoint ");
    }

    @Test
    void withoutDebugNothingIsPrinted() {
        assertThat(run(false)).doesNotContain("[kamaros]");
    }
}
