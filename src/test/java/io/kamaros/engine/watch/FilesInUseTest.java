package io.kamaros.engine.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file held by the program writing it is seen as in use: a lock held by another process (Java's locks
 * are POSIX record locks on Linux, which other processes see) or elsewhere in this one; a file
 * nobody holds, or one that is gone, is not.
 */
class FilesInUseTest {
    private static final long LIMIT_SECONDS = 90;

    @TempDir
    Path tmp;

    /** Another program (a child JVM running {@link LockHolderMain}) holding {@code file} locked until released. */
    static final class Holder implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final Writer in;

        Holder(Path file) throws IOException {
            String cp = System.getProperty("kamaros.test.classpath", "");
            String full = cp.isEmpty() ? System.getProperty("java.class.path")
                    : cp + File.pathSeparator + System.getProperty("java.class.path");
            process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", full,
                    LockHolderMain.class.getName(), file.toString())).redirectErrorStream(true).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            expect("locked");
        }

        /** Lets the file go (the holder writes the rest first) and waits until it has. */
        void release() throws IOException {
            in.write("release\n");
            in.flush();
            expect("released");
        }

        private void expect(String line) throws IOException {
            String got = out.readLine(); // the child prints it or ends (then null)
            assertThat(got).as("the holding process said").isEqualTo(line);
        }

        @Override
        public void close() throws Exception {
            in.close();
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void aFileLockedByAnotherProcessIsInUseUntilItIsLetGo() throws Exception {
        Path file = tmp.resolve("drawing.kra");
        try (Holder holder = new Holder(file)) {
            assertThat(FilesInUse.heldByAnotherProgram(file)).isTrue();
            holder.release();
            assertThat(FilesInUse.heldByAnotherProgram(file)).isFalse();
        }
        assertThat(Files.readString(file)).isEqualTo("first half, second half");
    }

    @Test
    void aFileLockedElsewhereInThisProgramIsInUse() throws Exception {
        Path file = tmp.resolve("page.txt");
        Files.writeString(file, "text");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            assertThat(lock.isValid()).isTrue();
            assertThat(FilesInUse.heldByAnotherProgram(file)).isTrue();
        }
        assertThat(FilesInUse.heldByAnotherProgram(file)).isFalse();
    }

    @Test
    void aFileNobodyHoldsOrAMissingOneIsNotInUseAndTheProbeLeavesItAsItWas() throws Exception {
        Path file = tmp.resolve("page.txt");
        Files.writeString(file, "text");
        assertThat(FilesInUse.heldByAnotherProgram(file)).isFalse();
        assertThat(Files.readString(file)).isEqualTo("text");
        assertThat(FilesInUse.heldByAnotherProgram(tmp.resolve("gone.txt"))).isFalse();
        assertThat(FilesInUse.heldByAnotherProgram(tmp)).as("a folder").isFalse();
    }
}
