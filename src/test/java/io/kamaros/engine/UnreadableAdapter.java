package io.kamaros.engine;

import io.kamaros.engine.store.FileSystemAdapter;
import io.kamaros.engine.store.ForwardingAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.util.Set;

/**
 * A test decorator whose reads of the given paths fail as a file without read permission does
 * ({@link AccessDeniedException}); everything else goes to the wrapped adapter. Works for root,
 * for whom {@code chmod 000} does not stop reading.
 */
final class UnreadableAdapter extends ForwardingAdapter {
    private final Set<String> unreadable;

    UnreadableAdapter(FileSystemAdapter inner, String... unreadable) {
        super(inner);
        this.unreadable = Set.of(unreadable);
    }

    private void check(String path) throws IOException {
        if (unreadable.contains(path)) {
            throw new AccessDeniedException(path);
        }
    }

    @Override
    public byte[] readFile(String path) throws IOException {
        check(path);
        return delegate().readFile(path);
    }

    @Override
    public InputStream openRead(String path) throws IOException {
        check(path);
        return delegate().openRead(path);
    }
}
