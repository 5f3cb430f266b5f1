package io.kamaros.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.RestoreOptions;
import io.kamaros.engine.model.ValidationException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A decorator built on {@link ForwardingAdapter} keeps everything the adapter it wraps does. */
class ForwardingAdapterTest {
    @TempDir
    Path dir;

    @Test
    void everyMethodOfTheInterfaceIsPassedOn() throws NoSuchMethodException {
        List<String> notForwarded = new ArrayList<>();
        for (Method m : FileSystemAdapter.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Method impl = ForwardingAdapter.class.getMethod(m.getName(), m.getParameterTypes());
            if (impl.getDeclaringClass() != ForwardingAdapter.class) {
                notForwarded.add(m.getName());
            }
        }
        assertThat(FileSystemAdapter.class.getMethods()).hasSizeGreaterThan(20);
        assertThat(notForwarded).isEmpty();
    }

    @Test
    void aDecoratorKeepsTheHistoryGuardTheLockAndEmptyFolders() throws IOException {
        Path project = dir.resolve("project");
        AtomicInteger writes = new AtomicInteger();
        FileSystemAdapter counting = new ForwardingAdapter(new FileAdapter(project)) {
            @Override
            public void writeFile(String path, byte[] data) throws IOException {
                writes.incrementAndGet();
                super.writeFile(path, data);
            }
        };
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(counting);
            jcf.addFile("a.txt", "one");
            Files.createDirectories(project.resolve("content/renders/final"));
            String v1 = jcf.saveCheckpoint("first");
            assertThat(writes.get()).isPositive();
            assertThat(jcf.getVersion(v1).orElseThrow().emptyFolders()).containsExactly("renders/final");

            // The wrapped FileAdapter knows where the history is; the decorator must not hide it.
            assertThatThrownBy(() -> jcf.restoreVersion(v1, RestoreOptions.builder().target(project).build()))
                    .isInstanceOf(ValidationException.class);
            // ... and its lock across processes (the interface's default is a lock for this JVM only).
            assertThat(counting.tryLock()).isPresent().get().satisfies(l -> {
                try (ProjectLock held = l) {
                    assertThat(new FileAdapter(project).tryLock()).isEmpty();
                }
            });
        }
    }
}
