package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.kamaros.engine.store.FileAdapter;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.model.Version;

/**
 * Issue 12, item 1: writers paused at random moments (SIGSTOP/SIGCONT, as a slow disk, a virus
 * scan or a closed laptop lid pause them) while other processes commit to the same project. Child
 * JVMs ({@link PausedCommitterMain}) each commit {@code -Dkamaros.pause.commits} times (default
 * {@value #DEFAULT_COMMITS}; nightly 150) in a project of {@value #SMALL_FILES} small files plus a
 * 3 MB file per child (so that opening and scanning take long enough for pauses to land inside);
 * {@code -Dkamaros.pause.children} children (default 2; nightly 3). The test stops a random child
 * again and again, mostly right after it announced that it is opening the project (the load that
 * used to run without the lock), for 20–400 ms. Afterwards every commit a child reported as saved
 * is in the history with its files byte-exact, the history is one chain, and deep verify is clean.
 * Seed: {@code -Dkamaros.pause.seed}.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class PausedWritersTest {
    static final int DEFAULT_COMMITS = 12;
    static final int SMALL_FILES = 1500;
    private static final long WAIT_SECONDS = 180;

    @TempDir
    Path tmp;

    /** A child JVM whose stdout lines are collected by a reader thread. */
    private static final class Child implements AutoCloseable {
        final String name;
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> all = new CopyOnWriteArrayList<>();

        Child(String name, String... args) throws IOException {
            this.name = name;
            String cp = System.getProperty("kamaros.test.classpath", "");
            String full = cp.isEmpty() ? System.getProperty("java.class.path")
                    : cp + File.pathSeparator + System.getProperty("java.class.path");
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", full,
                    PausedCommitterMain.class.getName()));
            cmd.addAll(List.of(args));
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        all.add(line);
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "child-output-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        void signal(String sig) throws IOException, InterruptedException {
            if (process.isAlive()) {
                new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).inheritIO().start().waitFor();
            }
        }

        @Override
        public void close() throws Exception {
            signal("CONT");
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyReportedCommitSurvivesPausedWriters() throws Exception {
        int commits = Integer.getInteger("kamaros.pause.commits", DEFAULT_COMMITS);
        int children = Integer.getInteger("kamaros.pause.children", 2);
        long seed = Long.getLong("kamaros.pause.seed", 20261206L);
        Random random = new Random(seed);
        Path project = tmp.resolve("project");
        Path wc = project.resolve("content");
        for (int i = 0; i < SMALL_FILES; i++) {
            Path p = wc.resolve("d" + (i % 30) + "/f" + i + ".txt");
            Files.createDirectories(p.getParent());
            Files.writeString(p, "small file " + i + " " + "x".repeat(i % 200) + "\n");
        }
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("test").build())) {
            jcf.init(new FileAdapter(project));
            jcf.saveCheckpoint("base");
        }

        List<Child> started = new ArrayList<>();
        int pauses = 0;
        int aimed = 0;
        long start = System.nanoTime();
        try {
            for (int c = 0; c < children; c++) {
                started.add(new Child("C" + c, project.toString(), "C" + c, Integer.toString(commits),
                        Long.toString(random.nextLong())));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (started.stream().anyMatch(ch -> ch.process.isAlive())) {
                if (System.nanoTime() > deadline) {
                    fail("the children did not finish in time; their output: %s",
                            started.stream().map(ch -> ch.name + ": " + ch.all).toList());
                }
                List<Child> alive = started.stream().filter(ch -> ch.process.isAlive()).toList();
                Child victim = alive.get(random.nextInt(alive.size()));
                if (random.nextInt(4) > 0) { // aimed: right after it announced an open
                    victim.lines.clear();
                    String line = victim.lines.poll(2, TimeUnit.SECONDS);
                    while (line != null && !line.startsWith("OPENING")) {
                        line = victim.lines.poll(2, TimeUnit.SECONDS);
                    }
                    if (line == null) {
                        continue;
                    }
                    int delay = random.nextInt(40);
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    aimed++;
                } else {
                    Thread.sleep(random.nextInt(150));
                }
                victim.signal("STOP");
                pauses++;
                Thread.sleep(20 + random.nextInt(380));
                victim.signal("CONT");
            }
            for (Child ch : started) {
                assertThat(ch.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                Thread.sleep(50); // let the reader drain the last lines
                assertThat(ch.process.exitValue()).as("child %s exit; output %s", ch.name, ch.all).isZero();
            }
        } finally {
            for (Child ch : started) {
                ch.close();
            }
        }

        int checked = 0;
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("test").build())) {
            jcf.init(new FileAdapter(project));
            List<Version> history = jcf.getHistory();
            Set<String> ids = new HashSet<>();
            history.forEach(v -> ids.add(v.id()));
            assertThat(history.stream().filter(v -> v.parentId() == null)).hasSize(1);
            assertThat(history.stream().map(Version::parentId).filter(p -> p != null).distinct().count())
                    .as("one chain: no two versions share a parent").isEqualTo(history.size() - 1);
            for (Child ch : started) {
                List<String> saved = ch.all.stream().filter(l -> l.startsWith("SAVED ")).toList();
                assertThat(saved).as("child %s output %s", ch.name, ch.all).hasSize(commits);
                for (String line : saved) {
                    String[] p = line.split(" ");
                    String id = p[2];
                    assertThat(ids).as("%s's reported commit %s (%s) is in the history", ch.name, p[1], id).contains(id);
                    assertThat(CrashWorkloadMain.sha256(jcf.getFileContent("big-" + ch.name + ".bin", id)))
                            .as("big file of %s in %s", ch.name, id).isEqualTo(p[3]);
                    assertThat(CrashWorkloadMain.sha256(jcf.getFileContent("note-" + ch.name + ".txt", id)))
                            .as("note of %s in %s", ch.name, id).isEqualTo(p[4]);
                    checked++;
                }
            }
            VerificationReport report = jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build());
            assertThat(report.errors()).as("deep verify errors").isEmpty();
            System.out.printf("PAUSED writers: %d children x %d commits, %d pauses (%d aimed at an open), %d reported "
                            + "commits all in the history byte-exact, %d versions, deep verify clean; %.1f s%n",
                    children, commits, pauses, aimed, checked, history.size(),
                    (System.nanoTime() - start) / 1e9);
        }
    }
}
