package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.store.FileAdapter;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An automatic save nobody named (autosave's, or a restore's keeping unsaved work) is by the person whose work it
 * keeps — the author of the newest checkpoint a person saved on the line it continues — not by the project's first
 * author. A name that is given (configured, or in the options) still wins.
 */
class AutomaticSaveAuthorTest {
    private static final CheckpointOptions AUTOMATIC = CheckpointOptions.builder().automatic(true).build();

    @TempDir
    Path tmp;

    /** A project Maja started; Tom saved the newest checkpoint. */
    private Path project() {
        Path folder = tmp.resolve("p");
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("Maja Kowalska").email("maja@example.com").build())) {
            jcf.init(new FileAdapter(folder));
            jcf.addFile("a.txt", "one");
            jcf.saveCheckpoint("Start");
            jcf.addFile("a.txt", "two");
            jcf.saveCheckpoint("Tom's drawing", CheckpointOptions.builder().author("Tom Reed").email("tom@example.com").build());
        }
        return folder;
    }

    @Test
    void autosavesAreByThePersonWhoseWorkTheyKeep() {
        Path folder = project();
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().build())) { // nobody named
            jcf.init(new FileAdapter(folder));
            jcf.addFile("a.txt", "three");
            Version first = jcf.getVersion(jcf.saveCheckpoint("Automatic save", AUTOMATIC)).orElseThrow();
            jcf.addFile("a.txt", "four");
            Version second = jcf.getVersion(jcf.saveCheckpoint("Automatic save", AUTOMATIC)).orElseThrow();
            assertThat(first.author()).isEqualTo("Tom Reed");
            assertThat(first.email()).isEqualTo("tom@example.com");
            // on top of another automatic save: still Tom's work
            assertThat(second.author()).isEqualTo("Tom Reed");
            assertThat(second.email()).isEqualTo("tom@example.com");
        }
    }

    @Test
    void aRestoreKeepsUnsavedWorkUnderThePersonsName() {
        Path folder = project();
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().build())) {
            jcf.init(new FileAdapter(folder));
            String start = jcf.getHistory().get(1).id();
            jcf.addFile("a.txt", "unsaved");
            RestoreResult r = jcf.restoreVersion(start);
            Version kept = jcf.getVersion(Objects.requireNonNull(r.undoVersionId())).orElseThrow();
            assertThat(kept.autoSaved()).isTrue();
            assertThat(kept.author()).isEqualTo("Tom Reed");
        }
    }

    @Test
    void aGivenNameStillWins() {
        Path folder = project();
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("Ola Nowak").email("ola@example.com").build())) {
            jcf.init(new FileAdapter(folder));
            jcf.addFile("a.txt", "three");
            Version configured = jcf.getVersion(jcf.saveCheckpoint("Automatic save", AUTOMATIC)).orElseThrow();
            assertThat(configured.author()).isEqualTo("Ola Nowak");
            assertThat(configured.email()).isEqualTo("ola@example.com");
            jcf.addFile("a.txt", "four");
            Version named = jcf.getVersion(jcf.saveCheckpoint("Automatic save",
                    AUTOMATIC.toBuilder().author("Ana Silva").email("ana@example.com").build())).orElseThrow();
            assertThat(named.author()).isEqualTo("Ana Silva");
            assertThat(named.email()).isEqualTo("ana@example.com");
        }
    }
}
