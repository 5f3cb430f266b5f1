package io.kamaros.engine;

import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ForwardingAdapter;
import java.io.IOException;
import java.util.Optional;

/**
 * A test-only decorator that passes every call through ({@link ForwardingAdapter}), runs a hook once right after the next read
 * of a chosen file (another process "commits" there, between what a load read and what it does
 * next), and can hide the manifest's size and time from {@link #stat} (an adapter or file system
 * whose stat cannot tell two manifests apart), and can make writes of one file fail.
 */
final class HookedAdapter extends ForwardingAdapter {
    /** Work run by the hook. */
    @FunctionalInterface
    interface Hook {
        void run() throws Exception;
    }

    private volatile String armedPath;
    private volatile Hook hook;
    private volatile boolean blindStat;
    private volatile String failWrites;

    HookedAdapter(FileSystemAdapter delegate) {
        super(delegate);
    }

    /** Runs {@code h} once, right after the next {@code readFile(path)} returned its bytes. */
    void afterNextRead(String path, Hook h) {
        this.hook = h;
        this.armedPath = path;
    }

    boolean hookPending() {
        return armedPath != null;
    }

    /** When on, {@code stat("manifest.json")} reports an unknown modification time. */
    void blindStat(boolean on) {
        this.blindStat = on;
    }

    /** While non-null, {@code writeFile(path)} of that path fails without writing (null: writes work). */
    void failWrites(String path) {
        this.failWrites = path;
    }

    @Override
    public byte[] readFile(String path) throws IOException {
        byte[] data = delegate().readFile(path);
        if (path.equals(armedPath)) {
            armedPath = null;
            try {
                hook.run();
            } catch (Exception e) {
                throw new IllegalStateException("hook failed", e);
            }
        }
        return data;
    }

    @Override
    public Optional<FileStat> stat(String path) throws IOException {
        if (blindStat && path.equals("manifest.json")) {
            return delegate().stat(path).map(s -> new FileStat(s.size(), -1));
        }
        return delegate().stat(path);
    }

    @Override
    public void writeFile(String path, byte[] data) throws IOException {
        if (path.equals(failWrites)) {
            throw new IOException("injected failure writing " + path);
        }
        delegate().writeFile(path, data);
    }

    @Override
    public String describe() {
        return "hooked(" + delegate().describe() + ")";
    }
}
