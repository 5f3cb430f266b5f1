package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.model.CancellationToken;
import io.kamaros.engine.model.CancelledException;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.ConcurrentModificationException;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.model.NoChangesException;
import io.kamaros.engine.model.RestoreResult;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VerifyOptions;
import io.kamaros.engine.store.FileAdapter;
import io.kamaros.engine.store.MemoryAdapter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Autosave's versions are marked in the version (a flag, not a message), kept through reopening,
 * export and import; and an automatic save never runs during a person's restore or checkpoint: it
 * does not start beside one, and one started beside it cancels it (nothing of it kept).
 */
class AutomaticCheckpointTest {
    /** How long a step of another thread may take on a busy machine before the test gives up (a hang, not a timing). */
    private static final long LIMIT_SECONDS = 60;
    private static final CheckpointOptions AUTOMATIC = CheckpointOptions.builder().automatic(true).build();

    @TempDir
    Path tmp;

    @Test
    void anAutomaticSaveIsMarkedAndStaysMarkedAfterReopenExportAndImport() {
        Path folder = tmp.resolve("p");
        String manual;
        String automatic;
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(new FileAdapter(folder));
            jcf.addFile("a.txt", "one");
            manual = jcf.saveCheckpoint("by hand");
            jcf.addFile("a.txt", "two");
            automatic = jcf.saveCheckpoint("Automatic save", AUTOMATIC);
            assertThat(jcf.getVersion(automatic).orElseThrow().automatic()).isTrue();
            assertThat(jcf.getVersion(manual).orElseThrow().automatic()).isFalse();
            assertThat(jcf.getVersion(automatic).orElseThrow().autoSaved()).as("not a restore's safety save").isFalse();
            jcf.export(tmp.resolve("p.jcf"));
        }
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(new FileAdapter(folder));
            assertThat(jcf.getVersion(automatic).orElseThrow().automatic()).isTrue();
            assertThat(jcf.getVersion(manual).orElseThrow().automatic()).isFalse();
        }
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(new MemoryAdapter());
            jcf.importData(tmp.resolve("p.jcf"));
            assertThat(jcf.getVersion(automatic).orElseThrow().automatic()).isTrue();
            assertThat(jcf.getVersion(manual).orElseThrow().automatic()).isFalse();
        }
    }

    @Test
    void aPersonsCheckpointCancelsARunningAutomaticSaveAndNothingOfItIsKept() throws Exception {
        PausingAdapter adapter = new PausingAdapter(new MemoryAdapter());
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(adapter);
            String first = oneVersionAndChanges(jcf);
            CancellationToken autosaveToken = new CancellationToken();
            CompletableFuture<String> autosave = inThread(adapter, p -> p.equals("content/big.bin"),
                    () -> jcf.saveCheckpoint("Automatic save", AUTOMATIC.toBuilder().cancel(autosaveToken).build()));
            assertThat(adapter.paused.await(LIMIT_SECONDS, TimeUnit.SECONDS)).as("the autosave reached its pause").isTrue();

            CompletableFuture<String> manual = CompletableFuture.supplyAsync(() -> jcf.saveCheckpoint("by hand"));
            awaitTrue(autosaveToken::isCancelled); // the person's checkpoint cancelled it before waiting for it
            assertThat(manual).as("it waits for the autosave to let go").isNotDone();
            adapter.release.countDown();

            assertThatThrownBy(() -> autosave.get(LIMIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(CancelledException.class);
            String byHand = manual.get(LIMIT_SECONDS, TimeUnit.SECONDS);
            List<Version> history = jcf.getHistory();
            assertThat(history).extracting(Version::id).containsExactlyInAnyOrder(first, byHand);
            assertThat(history).noneMatch(Version::automatic);
            assertThat(jcf.getFileContent("big.bin", byHand)).hasSize(300_000);
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).valid()).isTrue();
            assertThat(jcf.runGc().blobsRemoved()).as("nothing of the cancelled autosave was left behind").isZero();
        }
    }

    @Test
    void aRestoreStartedWhileAnAutomaticSaveIsHalfDoneCancelsItAndWaitsAndNothingOfItIsKept() throws Exception {
        PausingAdapter adapter = new PausingAdapter(new MemoryAdapter());
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(adapter);
            String first = oneVersionAndChanges(jcf);
            CancellationToken autosaveToken = new CancellationToken();
            CompletableFuture<String> autosave = inThread(adapter, p -> p.equals("content/big.bin"),
                    () -> jcf.saveCheckpoint("Automatic save", AUTOMATIC.toBuilder().cancel(autosaveToken).build()));
            assertThat(adapter.paused.await(LIMIT_SECONDS, TimeUnit.SECONDS)).as("the autosave reached its pause").isTrue();

            CompletableFuture<RestoreResult> restore = CompletableFuture.supplyAsync(() -> jcf.restoreVersion(first));
            awaitTrue(autosaveToken::isCancelled); // the restore cancelled it before waiting for it
            assertThat(restore).as("the restore waits for the autosave to let go").isNotDone();
            adapter.release.countDown();

            assertThatThrownBy(() -> autosave.get(LIMIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(CancelledException.class);
            RestoreResult result = restore.get(LIMIT_SECONDS, TimeUnit.SECONDS);
            String safety = result.autoSavedVersionId();
            assertThat(safety).as("the restore kept the unsaved work in its own safety save").isNotNull();
            assertThat(jcf.getHistory()).extracting(Version::id).containsExactlyInAnyOrder(first, safety);
            assertThat(jcf.getHistory()).noneMatch(Version::automatic);
            assertThat(jcf.getFileContent("big.bin", safety)).hasSize(300_000);
            assertThat(new String(jcf.getFileContent("a.txt"), StandardCharsets.UTF_8)).isEqualTo("one");
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).valid()).isTrue();
            assertThat(jcf.runGc().blobsRemoved()).as("nothing of the cancelled autosave was left behind").isZero();
        }
    }

    @Test
    void anAutomaticSaveDoesNotStartWhileARestoreRunsAndTheRestoreIsUntouched() throws Exception {
        PausingAdapter adapter = new PausingAdapter(new MemoryAdapter());
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(adapter);
            String first = oneVersionAndChanges(jcf);
            CompletableFuture<RestoreResult> restore = inThread(adapter, p -> p.contains("restore-"),
                    () -> jcf.restoreVersion(first));
            assertThat(adapter.paused.await(LIMIT_SECONDS, TimeUnit.SECONDS)).as("the restore reached its pause").isTrue();

            CompletableFuture<String> autosave = CompletableFuture.supplyAsync(
                    () -> jcf.saveCheckpoint("Automatic save", AUTOMATIC));
            assertThatThrownBy(() -> autosave.get(LIMIT_SECONDS, TimeUnit.SECONDS))
                    .as("refused at once, not queued behind the restore").isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ConcurrentModificationException.class);
            adapter.release.countDown();

            RestoreResult result = restore.get(LIMIT_SECONDS, TimeUnit.SECONDS);
            assertThat(result.autoSavedVersionId()).as("the restore's own safety save").isNotNull();
            assertThat(jcf.getHistory()).noneMatch(Version::automatic);
            assertThat(new String(jcf.getFileContent("a.txt"), StandardCharsets.UTF_8)).isEqualTo("one");
            assertThat(jcf.verifyIntegrity(VerifyOptions.builder().deep(true).build()).valid()).isTrue();
        }
    }

    @Test
    void anAutomaticSaveWithNothingToSaveSavesNothing() {
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(new MemoryAdapter());
            jcf.addFile("a.txt", "one");
            jcf.saveCheckpoint("by hand");
            assertThatThrownBy(() -> jcf.saveCheckpoint("Automatic save", AUTOMATIC))
                    .isInstanceOf(NoChangesException.class);
            assertThat(jcf.getHistory()).hasSize(1);
        }
    }

    /** One saved version of a.txt; then a.txt changes and big.bin is added, unsaved. Returns the version. */
    private static String oneVersionAndChanges(JcfManager jcf) {
        jcf.addFile("a.txt", "one");
        String first = jcf.saveCheckpoint("first");
        jcf.addFile("a.txt", "two");
        jcf.addFile("big.bin", new byte[300_000]);
        return first;
    }

    /** Runs work on a new thread whose storage call matching {@code at} pauses until the adapter is released. */
    private static <T> CompletableFuture<T> inThread(PausingAdapter adapter, Predicate<String> at,
                                                     Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        adapter.arm(thread, at);
        thread.start();
        return result;
    }

    /** Waits (bounded) until another thread made the condition true. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the condition never became true");
            }
            Thread.sleep(5);
        }
    }
}
