package io.kamaros.engine;

import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ForwardingAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test decorator that counts the working-copy files the engine opens for reading ({@code content/...}): a
 * scan reads a file only to hash it, so this is how many files a status hashed. Everything goes to the wrapped
 * adapter.
 */
final class ContentReadCounter extends ForwardingAdapter {
    private final AtomicInteger reads = new AtomicInteger();

    ContentReadCounter(FileSystemAdapter delegate) {
        super(delegate);
    }

    /** Working-copy files read since the last call. */
    int takeReads() {
        return reads.getAndSet(0);
    }

    private void count(String path) {
        if (path.startsWith("content/")) {
            reads.incrementAndGet();
        }
    }

    @Override
    public byte[] readFile(String path) throws IOException {
        count(path);
        return delegate().readFile(path);
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        count(path);
        return delegate().openRead(path);
    }
}
