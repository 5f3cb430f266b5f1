package io.kamaros.engine.watch;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Another program writing a file: opens it, locks it (Java's FileChannel.lock, a POSIX record lock on
 * Linux, LockFileEx on Windows), writes the first half, prints "locked", and on a line from stdin writes
 * the rest, lets go, prints "released" and exits.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            FileLock lock = channel.lock();
            channel.write(ByteBuffer.wrap("first half, ".getBytes(StandardCharsets.UTF_8)));
            System.out.println("locked");
            System.out.flush();
            in.readLine();
            channel.write(ByteBuffer.wrap("second half".getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            lock.release();
        }
        System.out.println("released");
        System.out.flush();
    }
}
