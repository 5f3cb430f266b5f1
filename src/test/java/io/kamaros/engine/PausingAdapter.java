package io.kamaros.engine;

import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ForwardingAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Blocks the first call that {@code when} matches on the thread {@link #arm} named, until released. */
final class PausingAdapter extends ForwardingAdapter {
    final CountDownLatch paused = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private volatile @Nullable Thread writer;
    private volatile Predicate<String> when = p -> false;

    PausingAdapter(FileSystemAdapter delegate) {
        super(delegate);
    }

    void arm(Thread thread, Predicate<String> at) {
        when = at;
        writer = thread;
    }

    private void maybePause(String path) {
        if (Thread.currentThread() == writer && when.test(path)) {
            writer = null; // once
            paused.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public byte[] readRange(String path, long offset, int length) throws IOException {
        maybePause(path);
        return super.readRange(path, offset, length);
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        maybePause(path);
        return super.openRead(path);
    }

    @Override
    public AtomicOutput openWrite(String path) throws IOException {
        maybePause(path);
        return super.openWrite(path);
    }

    @Override
    public byte[] readFile(String path) throws IOException {
        maybePause(path);
        return super.readFile(path);
    }

    @Override
    public void moveFile(String from, String to) throws IOException {
        maybePause(to);
        super.moveFile(from, to);
    }

    @Override
    public void appendFile(String path, byte[] data) throws IOException {
        maybePause(path);
        super.appendFile(path, data);
    }

    @Override
    public void writeFile(String path, byte[] data) throws IOException {
        maybePause(path);
        super.writeFile(path, data);
    }
}
