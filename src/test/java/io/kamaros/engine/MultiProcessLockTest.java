package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.kamaros.cli.KamarosCli;
import io.kamaros.engine.store.FileAdapter;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.kamaros.engine.model.ConcurrentModificationException;
import io.kamaros.engine.model.ErrorCodes;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.JcfException;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.Version;

/** Two processes writing the same project: one gets the lock error, nothing is corrupted. */
class MultiProcessLockTest {
    private static final long WAIT_SECONDS = 90;

    @TempDir
    Path tmp;

    /** A child JVM whose stdout lines are collected by a reader thread. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> all = new CopyOnWriteArrayList<>();

        Child(Class<?> main, String... args) throws IOException {
            String cp = System.getProperty("kamaros.test.classpath", "");
            String full = cp.isEmpty() ? System.getProperty("java.class.path")
                    : cp + File.pathSeparator + System.getProperty("java.class.path");
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", full, main.getName()));
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
            }, "child-output-" + main.getSimpleName());
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits (bounded) for a line starting with {@code prefix}. */
        String await(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
                if (line == null && !process.isAlive() && lines.isEmpty()) {
                    break;
                }
            }
            return fail("child never printed " + prefix + "; its output: " + all);
        }

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                return fail("child did not exit in time; its output: " + all);
            }
            // let the reader drain the last lines
            for (int i = 0; i < 50 && !drained(); i++) {
                Thread.sleep(20);
            }
            return process.exitValue();
        }

        private boolean drained() {
            try {
                InputStream in = process.getInputStream();
                return in.available() == 0;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static JcfManager open(Path project) {
        JcfManager jcf = new JcfManager(JcfConfig.builder().author("parent").build());
        jcf.init(new FileAdapter(project));
        return jcf;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCheckpointWhileAnotherProcessHoldsTheLockFailsCleanly() throws Exception {
        Path project = tmp.resolve("project");
        Path release = tmp.resolve("release");
        try (JcfManager jcf = open(project)) {
            jcf.addFile("base.txt", "base\n");
            String v1 = jcf.saveCheckpoint("base");

            String childVersion;
            try (Child child = new Child(LockHolderMain.class, project.toString(), release.toString())) {
                child.await("READY");
                assertThatThrownBy(() -> jcf.saveCheckpoint("while the child writes"))
                        .isInstanceOf(ConcurrentModificationException.class)
                        .hasMessageContaining(".store/lock")
                        .satisfies(e -> {
                            JcfException je = (JcfException) e;
                            assertThat(je.code()).isEqualTo(ErrorCodes.CONCURRENT_MODIFICATION);
                            assertThat(je.details()).containsEntry("resource", ".store/lock");
                            assertThat(je.recoverable()).isTrue();
                        });
                assertThat(jcf.getHistory()).extracting(Version::id).containsExactly(v1);
                Files.createFile(release);
                childVersion = child.await("VERSION ").substring("VERSION ".length());
                assertThat(child.awaitExit()).as("child output %s", child.all).isZero();
            }

            // the other process has finished: this one writes again, on top of the child's version
            jcf.addFile("parent.txt", "from the parent\n");
            String v3 = jcf.saveCheckpoint("after the child");
            List<Version> history = jcf.getHistory();
            assertThat(history).extracting(Version::id).containsExactly(v3, childVersion, v1);
            assertThat(history.get(0).parentId()).isEqualTo(childVersion);
            assertThat(history.get(1).parentId()).isEqualTo(v1);

            Map<String, Map<String, String>> expected = Map.of(
                    v1, Map.of("base.txt", "base\n"),
                    childVersion, Map.of("base.txt", "base\n", "child.txt", "written by the child process\n"),
                    v3, Map.of("base.txt", "base\n", "child.txt", "written by the child process\n",
                            "parent.txt", "from the parent\n"));
            for (Map.Entry<String, Map<String, String>> e : expected.entrySet()) {
                assertThat(jcf.listFiles("", e.getKey())).extracting(FileInfo::path)
                        .containsExactlyInAnyOrderElementsOf(e.getValue().keySet());
                e.getValue().forEach((path, text) ->
                        assertThat(jcf.getFileContent(path, e.getKey())).isEqualTo(utf8(text)));
                jcf.restoreVersion(e.getKey());
                assertThat(jcf.listFiles()).extracting(FileInfo::path)
                        .containsExactlyInAnyOrderElementsOf(e.getValue().keySet());
                e.getValue().forEach((path, text) -> assertThat(jcf.getFileContent(path)).isEqualTo(utf8(text)));
            }
        }
        try (JcfManager reopened = open(project)) {
            assertThat(reopened.getHistory()).hasSize(3);
        }
    }

    /**
     * A lock held by a live process is never taken over because it looks old: the lock file is made
     * 56 years old and made to name a process that does not exist, and a write is still refused
     * (here and from the command line) until the holder finishes.
     */
    @Test
    void aLiveProcesssLockIsNeverTakenOverBecauseOfItsAge() throws Exception {
        Path project = tmp.resolve("project");
        Path release = tmp.resolve("release");
        try (JcfManager jcf = open(project)) {
            jcf.addFile("base.txt", "base\n");
            String v1 = jcf.saveCheckpoint("base");
            try (Child child = new Child(LockHolderMain.class, project.toString(), release.toString())) {
                child.await("READY");
                Path lock = project.resolve(".store/lock");
                Files.writeString(lock, "pid 2147483646\n");
                Files.setLastModifiedTime(lock, FileTime.fromMillis(0));
                Files.writeString(project.resolve("content/parent.txt"), "from the parent\n");
                assertThatThrownBy(() -> jcf.saveCheckpoint("must not take the lock"))
                        .isInstanceOf(ConcurrentModificationException.class);
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int code = new KamarosCli(project, new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("JCF_AUTHOR", "cli"), false)
                        .execute("commit", "-m", "from the CLI");
                assertThat(code).as("CLI commit while the live child holds the lock; stderr %s", err).isNotZero();
                assertThat(err.toString(StandardCharsets.UTF_8)).contains("lock");
                assertThat(jcf.getHistory()).extracting(Version::id).containsExactly(v1);
                Files.createFile(release);
                String childVersion = child.await("VERSION ").substring("VERSION ".length());
                assertThat(child.awaitExit()).as("child output %s", child.all).isZero();
                assertThat(jcf.getHistory()).extracting(Version::id).containsExactly(childVersion, v1);
            }
        }
    }

    @Test
    void twoProcessesCheckpointingTheSameProjectLoseNothing() throws Exception {
        Path project = tmp.resolve("project");
        int n = 15;
        try (JcfManager jcf = open(project)) {
            jcf.addFile("shared.txt", "created first\n");
            jcf.saveCheckpoint("base");
        }
        Map<String, List<String>> outputs = new HashMap<>();
        try (Child a = new Child(CheckpointLoopMain.class, project.toString(), "A", String.valueOf(n));
             Child b = new Child(CheckpointLoopMain.class, project.toString(), "B", String.valueOf(n))) {
            assertThat(a.awaitExit()).as("child A output %s", a.all).isZero();
            assertThat(b.awaitExit()).as("child B output %s", b.all).isZero();
            outputs.put("A", List.copyOf(a.all));
            outputs.put("B", List.copyOf(b.all));
        }

        try (JcfManager jcf = open(project)) {
            List<Version> history = jcf.getHistory();
            Set<String> ids = new HashSet<>();
            history.forEach(v -> ids.add(v.id()));
            // one linear chain from the base: every version's parent is another version, one root
            assertThat(history.stream().filter(v -> v.parentId() == null)).hasSize(1);
            assertThat(history).allSatisfy(v -> assertThat(v.parentId() == null || ids.contains(v.parentId())).isTrue());
            assertThat(history.stream().map(Version::parentId).filter(p -> p != null).distinct().count())
                    .as("no two versions share a parent").isEqualTo(history.size() - 1);

            for (String name : List.of("A", "B")) {
                List<String> lines = outputs.get(name).stream()
                        .filter(l -> l.startsWith("VERSION ") || l.startsWith("SAVED_BY_OTHER ") || l.startsWith("GAVE_UP "))
                        .toList();
                assertThat(lines).as("child %s output %s", name, outputs.get(name)).hasSize(n)
                        .noneMatch(l -> l.startsWith("GAVE_UP"));
                for (String line : lines) {
                    String[] parts = line.split(" ");
                    int i = Integer.parseInt(parts[1]);
                    byte[] want = utf8(name + " " + i + "\n");
                    if (parts[0].equals("VERSION")) {
                        assertThat(ids).as("history has %s's checkpoint %d", name, i).contains(parts[2]);
                        assertThat(jcf.getFileContent("child-" + name + ".txt", parts[2])).isEqualTo(want);
                    } else {
                        // the other process's checkpoint recorded this content
                        assertThat(history).as("some version holds %s %d", name, i).anySatisfy(v ->
                                assertThat(v.fileStates()).containsKey("child-" + name + ".txt")
                                        .satisfies(m -> assertThat(jcf.getFileContent("child-" + name + ".txt", v.id()))
                                                .isEqualTo(want)));
                    }
                }
            }
            // every version reads and restores byte-exact
            for (Version v : history) {
                Map<String, byte[]> files = new HashMap<>();
                for (FileInfo f : jcf.listFiles("", v.id())) {
                    byte[] data = jcf.getFileContent(f.path(), v.id());
                    assertThat(data).hasSize((int) f.size());
                    try (InputStream in = jcf.streamFile(f.path(), v.id())) {
                        assertThat(in.readAllBytes()).isEqualTo(data);
                    }
                    files.put(f.path(), data);
                }
                jcf.restoreVersion(v.id(), RestoreOptions.builder().force(true).build());
                assertThat(jcf.listFiles()).extracting(FileInfo::path)
                        .containsExactlyInAnyOrderElementsOf(files.keySet());
                files.forEach((path, data) -> assertThat(jcf.getFileContent(path)).as("%s of %s", path, v.id())
                        .isEqualTo(data));
            }
        }
    }
}
