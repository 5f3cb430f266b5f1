package io.kamaros.engine.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.format.JournalCodec;
import io.kamaros.engine.format.VersionRecord;
import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.store.FileStat;
import io.kamaros.engine.store.MemoryAdapter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private static final String HASH = "a".repeat(64);

    private static VersionRecord version(String id, String parent, List<String> tags) {
        FileState added = new FileState("inode-1", "a.txt", HASH, 3, FileType.TEXT, ".store/blobs/" + HASH,
                ChangeType.ADDED, null, null);
        return new VersionRecord(id, parent, Instant.parse("2026-01-02T03:04:05Z"), "m", "me", null, tags, false,
                List.of(added));
    }

    @Test
    void recordingAVersionMovesHeadTagsAndTheJournalTogether() {
        Ledger ledger = Ledger.newProject("p", JcfConfig.defaults(), null, "key");
        assertThat(ledger.head()).isNull();

        ledger.recordVersion(version("v1", null, List.of("first")), 120, 1);

        assertThat(ledger.head()).isEqualTo("v1");
        assertThat(ledger.ref(Ledger.tagRef("first"))).isEqualTo("v1");
        assertThat(ledger.journalLength()).isEqualTo(120);
        assertThat(ledger.journalCount()).isEqualTo(1);
        assertThat(ledger.journalPath()).isEqualTo(JournalCodec.JOURNAL_PATH);
    }

    @Test
    void aDraftChangesNothingInTheLedgerItCameFrom() {
        Ledger live = Ledger.newProject("p", JcfConfig.defaults(), null, "key");
        live.recordVersion(version("v1", null, List.of()), 100, 1);

        Ledger draft = live.draft();
        draft.moveHead("v2");
        draft.setTag("t", "v2");
        draft.setDictionary("d".repeat(64));
        draft.recordRestoredFile("b.txt", "inode-2", FileType.TEXT, HASH, 3, null, 0);

        assertThat(live.head()).isEqualTo("v1");
        assertThat(live.ref("tags/t")).isNull();
        assertThat(live.dictionary()).isNull();
        assertThat(live.file("b.txt")).isNull();
        assertThat(draft.head()).isEqualTo("v2");
        assertThat(draft.dictionary()).isEqualTo("d".repeat(64));
        assertThat(draft.file("b.txt").inodeId()).isEqualTo("inode-2");
        assertThat(draft.file("b.txt").scanHash()).isNull(); // no stat given: no scan cache
    }

    @Test
    void readersGetReadOnlyViews() {
        Ledger ledger = Ledger.newProject("p", JcfConfig.defaults(), null, "key");
        ledger.recordRestoredFile("a.txt", "inode-1", FileType.TEXT, HASH, 3, null, 0);

        assertThatThrownBy(() -> ledger.files().remove("a.txt")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ledger.refs().put("head", "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ledger.config().put("k", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(ledger.files()).containsOnlyKeys("a.txt");
    }

    @Test
    void followingHeadMakesTheFileLedgerThatVersionsFiles() {
        Ledger ledger = Ledger.newProject("p", JcfConfig.defaults(), null, "key");
        ledger.recordRestoredFile("gone.txt", "inode-9", FileType.TEXT, HASH, 1, null, 0);
        FileState a = new FileState("inode-1", "a.txt", HASH, 3, FileType.TEXT, null, null, null, null);

        ledger.followHead("v1", Map.of("a.txt", a));

        assertThat(ledger.head()).isEqualTo("v1");
        assertThat(ledger.files()).containsOnlyKeys("a.txt");
        assertThat(ledger.file("a.txt").currentHash()).isEqualTo(HASH);
        assertThat(ledger.file("a.txt").inodeId()).isEqualTo("inode-1");
    }

    @Test
    void theStoreRefusesToCommitWithoutTheWriteLock() throws Exception {
        ProjectStore store = ProjectStore.open(new MemoryAdapter(), JcfConfig.defaults(), "p");
        AtomicBoolean held = new AtomicBoolean(false);
        store.guardWrites(held::get);
        long before = store.ledger().revision();

        assertThatThrownBy(() -> store.commit(store.draft())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("write lock");
        assertThat(store.ledger().revision()).isEqualTo(before);

        held.set(true);
        Ledger next = store.draft();
        next.setTag("t", "v0");
        store.commit(next);
        assertThat(store.ledger().revision()).isEqualTo(before + 1);
        assertThat(store.ledger().ref("tags/t")).isEqualTo("v0");
        store.load(); // what was committed is what is read back
        assertThat(store.ledger().ref("tags/t")).isEqualTo("v0");
    }

    private record Scanned(String path, String hash, long size, FileType type, FileStat stat, long hashedAtNanos,
                           String encoding) implements Ledger.ScannedFile {
    }

    @Test
    void workingCopyOperationsKeepIdentityAndScanCache() {
        Ledger ledger = Ledger.newProject("p", JcfConfig.defaults(), null, "key");
        FileStat stat = new FileStat(3, 1_000L);
        ledger.recordWrittenFile("a.txt", new Scanned("a.txt", HASH, 3, FileType.TEXT, stat, 5L, null));
        String inode = ledger.file("a.txt").inodeId();
        assertThat(inode).isNotNull();
        assertThat(ledger.file("a.txt").scanHash()).isEqualTo(HASH);

        // a status that took the file from the cache changes nothing; the same content hashed again (its time was
        // too close to its hashing, or it was touched) is remembered with its new facts, and so is new content
        assertThat(ledger.rememberScans(List.of(new Scanned("a.txt", HASH, 3, FileType.TEXT, stat, 5L, null)))).isFalse();
        assertThat(ledger.rememberScans(List.of(new Scanned("a.txt", HASH, 3, FileType.TEXT, stat, 6L, null)))).isTrue();
        assertThat(ledger.file("a.txt").scanAtNanos()).isEqualTo(6L);
        assertThat(ledger.rememberScans(List.of(new Scanned("a.txt", HASH, 3, FileType.TEXT, stat, 6L, null)))).isFalse();
        String other = "b".repeat(64);
        assertThat(ledger.rememberScans(List.of(new Scanned("a.txt", other, 4, FileType.TEXT, stat, 7L, null),
                new Scanned("untracked.txt", other, 4, FileType.TEXT, stat, 7L, null)))).isTrue();
        assertThat(ledger.file("a.txt").scanHash()).isEqualTo(other);
        assertThat(ledger.file("untracked.txt")).isNull();

        ledger.recordMovedFile("a.txt", "b.txt", new FileStat(4, 2_000L));
        assertThat(ledger.file("a.txt")).isNull();
        assertThat(ledger.file("b.txt").inodeId()).isEqualTo(inode);
        assertThat(ledger.file("b.txt").scanMtimeNanos()).isEqualTo(2_000L);
        assertThat(ledger.file("b.txt").currentHash()).isNull();

        ledger.recordChangedContent("b.txt");
        assertThat(ledger.file("b.txt").scanHash()).isNull();
        assertThat(ledger.file("b.txt").inodeId()).isEqualTo(inode);

        ledger.forgetFile("b.txt");
        assertThat(ledger.files()).isEmpty();
    }
}
