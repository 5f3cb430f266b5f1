package io.kamaros.engine;

import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ForwardingAdapter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only decorator that makes the {@code failAt}-th changing call (1-based) throw an
 * {@link IOException} without doing anything: {@code writeFile}, {@code openWrite} (fails at
 * {@code close}, the moment its bytes would replace the file; the streamed bytes are thrown away),
 * {@code moveFile}, {@code appendFile}, {@code truncateFile} and {@code deleteFile}. Every other
 * call, and every changing call but that one, goes to the wrapped adapter ({@link ForwardingAdapter}). {@code failAt = 0} only
 * counts (and logs) the calls.
 */
final class FaultInjectingAdapter extends ForwardingAdapter {
    /** The injected failure. */
    static final class InjectedFault extends IOException {
        InjectedFault(String call) {
            super("injected failure at " + call);
        }
    }

    private final int failAt;
    private int calls;
    private String failedCall;
    private final List<String> log = new ArrayList<>();

    FaultInjectingAdapter(FileSystemAdapter delegate, int failAt) {
        super(delegate);
        this.failAt = failAt;
    }

    /** Changing calls seen so far. */
    synchronized int calls() {
        return calls;
    }

    /** The call that was made to fail, or null when none was. */
    synchronized String failedCall() {
        return failedCall;
    }

    synchronized List<String> log() {
        return List.copyOf(log);
    }

    /** Counts a changing call; throws when it is the one to fail. */
    private synchronized void call(String what) throws IOException {
        calls++;
        log.add(calls + ": " + what);
        if (calls == failAt) {
            failedCall = calls + ": " + what;
            throw new InjectedFault(failedCall);
        }
    }

    @Override
    public void writeFile(String path, byte[] data) throws IOException {
        call("writeFile " + path);
        delegate().writeFile(path, data);
    }

    @Override
    public AtomicOutput openWrite(String path) throws IOException {
        AtomicOutput out = delegate().openWrite(path);
        return new AtomicOutput() {
            private boolean done;

            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                if (done) {
                    return;
                }
                done = true;
                try {
                    call("openWrite+close " + path);
                } catch (IOException e) {
                    out.abort();
                    throw e;
                }
                out.close();
            }

            @Override
            public void abort() throws IOException {
                done = true;
                out.abort();
            }
        };
    }

    @Override
    public void moveFile(String from, String to) throws IOException {
        call("moveFile " + from + " -> " + to);
        delegate().moveFile(from, to);
    }

    @Override
    public void appendFile(String path, byte[] data) throws IOException {
        call("appendFile " + path);
        delegate().appendFile(path, data);
    }

    @Override
    public void truncateFile(String path, long length) throws IOException {
        call("truncateFile " + path + " " + length);
        delegate().truncateFile(path, length);
    }

    @Override
    public void deleteFile(String path) throws IOException {
        call("deleteFile " + path);
        delegate().deleteFile(path);
    }

    @Override
    public void createFolder(String path) throws IOException {
        call("createFolder " + path);
        delegate().createFolder(path);
    }

    @Override
    public void deleteEmptyFolder(String path) throws IOException {
        call("deleteEmptyFolder " + path);
        delegate().deleteEmptyFolder(path);
    }

    @Override
    public String describe() {
        return "faulty(" + delegate().describe() + ")";
    }
}
