package io.kamaros.engine.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.model.ChangeType;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.model.FileState;
import io.kamaros.engine.model.FileType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Journal lines leave out the blob reference every stored content would repeat, and read back exactly. */
class JournalCodecTest {
    private static final String H1 = "a".repeat(64);
    private static final String H2 = "b".repeat(64);
    private static final String H3 = "c".repeat(64);

    private static VersionRecord record(List<FileState> changes) {
        return new VersionRecord("v1", null, Instant.parse("2026-12-05T01:02:03.456Z"), "msg", "me", null, List.of(),
                false, changes);
    }

    @Test
    void everyKindOfContentRefRoundTrips() {
        List<FileState> changes = List.of(
                new FileState("i1", "a.txt", H1, 10, FileType.TEXT, ".store/blobs/" + H1, ChangeType.ADDED, null, null),
                new FileState("i2", "b.txt", H2, 11, FileType.TEXT, ".store/deltas/v1_0123456789abcdef.patch",
                        ChangeType.MODIFIED, null, H3),
                new FileState("i3", "c.bin", H3, 12, FileType.BINARY, null, ChangeType.MODIFIED, null, H1),
                new FileState("i4", "gone.txt", null, 0, FileType.TEXT, null, ChangeType.DELETED, null, null),
                // a reference that names another content's blob is kept as written
                new FileState("i5", "d.txt", H2, 13, FileType.TEXT, ".store/blobs/" + H1, ChangeType.ADDED, null, null));
        VersionRecord r = record(changes);
        byte[] line = JournalCodec.encode(r);
        String json = new String(line, StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("\"contentRef\":\".store/blobs/" + H1 + "\",\"changeType\":\"added\"},{\"inodeId\":\"i2\"")
                .contains("\"blobRefsImplied\":true").contains("\"contentRef\":\"\"");
        List<VersionRecord> back = JournalCodec.decode(line, line.length);
        assertThat(back).hasSize(1);
        assertThat(back.get(0).changes()).isEqualTo(changes);
    }

    @Test
    void emptyFoldersRoundTripAndOlderLinesHaveNone() {
        VersionRecord r = new VersionRecord("v1", "v0", Instant.parse("2026-12-05T01:02:03.456Z"), "msg", "me", null,
                List.of(), false, List.of(), List.of("a/b", "skeleton"), List.of("gone"));
        byte[] line = JournalCodec.encode(r);
        assertThat(new String(line, StandardCharsets.UTF_8))
                .contains("\"foldersAdded\":[\"a/b\",\"skeleton\"],\"foldersRemoved\":[\"gone\"]");
        assertThat(JournalCodec.decode(line, line.length)).containsExactly(r);
        // a version that changes no folder writes no field (older readers see the line they know)
        byte[] plain = JournalCodec.encode(record(List.of()));
        assertThat(new String(plain, StandardCharsets.UTF_8)).doesNotContain("folders");
        // a line written before folders were kept reads as "no empty folders"
        byte[] old = ("{\"id\":\"v0\",\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"message\":\"old\","
                + "\"author\":\"a\",\"changes\":[]}\n").getBytes(StandardCharsets.UTF_8);
        VersionRecord back = JournalCodec.decode(old, old.length).get(0);
        assertThat(back.foldersAdded()).isEmpty();
        assertThat(back.foldersRemoved()).isEmpty();
    }

    @Test
    void theAutomaticFlagRoundTripsAndOlderLinesAreSavedByAPerson() {
        VersionRecord r = new VersionRecord("v1", "v0", Instant.parse("2026-12-05T01:02:03.456Z"), "Automatic save",
                "me", null, List.of(), false, List.of(), List.of(), List.of(), true);
        byte[] line = JournalCodec.encode(r);
        assertThat(new String(line, StandardCharsets.UTF_8)).contains("\"automatic\":true");
        assertThat(JournalCodec.decode(line, line.length)).containsExactly(r);
        // a person's version writes no field, so older readers see the line they know
        assertThat(new String(JournalCodec.encode(record(List.of())), StandardCharsets.UTF_8)).doesNotContain("automatic");
        // a line written before autosave existed reads as a person's version
        byte[] old = ("{\"id\":\"v0\",\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"message\":\"old\","
                + "\"author\":\"a\",\"changes\":[]}\n").getBytes(StandardCharsets.UTF_8);
        assertThat(JournalCodec.decode(old, old.length).get(0).automatic()).isFalse();
        // a newer writer's unknown member beside it is skipped, as an older reader skips "automatic"
        byte[] newer = ("{\"id\":\"v0\",\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"automatic\":true,"
                + "\"someFutureFlag\":{\"x\":[1]},\"changes\":[]}\n").getBytes(StandardCharsets.UTF_8);
        assertThat(JournalCodec.decode(newer, newer.length).get(0).automatic()).isTrue();
    }

    @Test
    void anInvalidFolderPathIsDamageNotAFolder() {
        String body = "{\"id\":\"v0\",\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"changes\":[],"
                + "\"foldersAdded\":[\"../outside\"]}\n";
        byte[] line = body.getBytes(StandardCharsets.UTF_8);
        Assertions.assertThatThrownBy(() -> JournalCodec.decode(line, line.length))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("empty folder");
    }

    @Test
    void olderLinesWithoutTheFlagKeepAMissingReferenceMissing() {
        String body = "{\"id\":\"v0\",\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"message\":\"old\",\"author\":\"a\","
                + "\"changes\":[{\"inodeId\":\"i1\",\"path\":\"a.txt\",\"hash\":\"" + H1 + "\",\"size\":1,\"type\":\"text\","
                + "\"changeType\":\"added\"}]}\n";
        byte[] line = body.getBytes(StandardCharsets.UTF_8);
        FileState s = JournalCodec.decode(line, line.length).get(0).changes().get(0);
        assertThat(s.contentRef()).isNull();
    }

    @Test
    void theImpliedReferenceMakesTheLineShorter() {
        List<FileState> changes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String h = String.format("%064x", i);
            changes.add(new FileState("inode-" + i, "src/File" + i + ".java", h, 100 + i, FileType.TEXT,
                    ".store/blobs/" + h, ChangeType.ADDED, null, null));
        }
        byte[] line = JournalCodec.encode(record(changes));
        assertThat(new String(line, StandardCharsets.UTF_8)).doesNotContain(".store/blobs/");
        assertThat(JournalCodec.decode(line, line.length).get(0).changes()).isEqualTo(changes);
    }

    @Test
    void theStreamedLineIsByteForByteWhatDataBindingWrites() throws Exception {
        JournalCodec.Line line = new JournalCodec.Line();
        line.id = "v9";
        line.parentId = "v8";
        line.timestamp = "2026-12-05T01:02:03.456Z";
        line.message = "Ünïcödé \"quotes\" \\ and a\nnewline";
        line.author = "Ada";
        line.email = "ada@example.org";
        line.tags = List.of("final", "v1.0");
        line.autoSaved = Boolean.TRUE;
        line.blobRefsImplied = Boolean.TRUE;
        JournalCodec.State a = new JournalCodec.State();
        a.inodeId = "i1";
        a.path = "dir/ä.txt";
        a.hash = H1;
        a.size = 12;
        a.type = "text";
        a.contentRef = "";
        a.changeType = "renamed";
        a.fromPath = "old/ä.txt";
        a.previousHash = H2;
        JournalCodec.State d = new JournalCodec.State();
        d.inodeId = "i2";
        d.path = "gone";
        d.changeType = "deleted";
        d.deleted = Boolean.TRUE;
        line.changes.add(a);
        line.changes.add(d);
        line.foldersAdded = List.of("renders/final", "ä folder");
        line.foldersRemoved = List.of("old");
        assertThat(new String(JournalCodec.write(line), StandardCharsets.UTF_8))
                .isEqualTo(new String(Json.mapper().writeValueAsBytes(line), StandardCharsets.UTF_8));
        JournalCodec.Line bare = new JournalCodec.Line();
        bare.id = "v1";
        bare.timestamp = "t";
        assertThat(new String(JournalCodec.write(bare), StandardCharsets.UTF_8))
                .isEqualTo(new String(Json.mapper().writeValueAsBytes(bare), StandardCharsets.UTF_8));
    }

    /**
     * Issue 12: every byte of a three-line journal changed in turn. With its copy intact every
     * version is read and the journal healed byte-exact; without a copy only the line holding the
     * byte is lost (reported with its place), and the other versions still load.
     */
    @Test
    void aDamagedLineIsTakenFromTheCopyOrLostAloneNeverTheWholeJournal() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<VersionRecord> records = new ArrayList<>();
        String parent = null;
        for (int v = 0; v < 3; v++) {
            String id = "00000000-0000-4000-8000-00000000000" + v;
            VersionRecord r = new VersionRecord(id, parent, Instant.parse("2026-12-05T01:02:03.456Z"), "v" + v, "me",
                    null, List.of(), false, List.of(new FileState("i1", "a.txt", H1, 10, FileType.TEXT,
                    ".store/blobs/" + H1, ChangeType.ADDED, null, null)));
            records.add(r);
            all.writeBytes(JournalCodec.encode(r));
            parent = id;
        }
        byte[] journal = all.toByteArray();
        int lostAlone = 0;
        for (int at = 0; at < journal.length; at++) {
            byte[] damaged = journal.clone();
            damaged[at] ^= (byte) 0xFF;
            JournalCodec.Recovered withCopy = JournalCodec.recover(damaged, journal, journal.length);
            assertThat(withCopy.records()).as("byte %d, copy intact", at).isEqualTo(records);
            assertThat(withCopy.lost()).isEmpty();
            assertThat(withCopy.badInJournal()).as("byte %d reported", at).hasSize(1);
            assertThat(withCopy.healed()).isEqualTo(journal);
            JournalCodec.Recovered inCopy = JournalCodec.recover(journal, damaged, journal.length);
            assertThat(inCopy.records()).isEqualTo(records);
            assertThat(inCopy.badInCopy()).as("byte %d of the copy reported", at).hasSize(1);

            JournalCodec.Recovered alone = JournalCodec.recover(damaged, null, journal.length);
            assertThat(records).containsAll(alone.records());
            assertThat(alone.records().size() + alone.lost().size()).as("byte %d: one line lost at most", at).isEqualTo(3);
            assertThat(alone.lost()).hasSizeLessThanOrEqualTo(1);
            if (alone.lost().size() == 1) {
                lostAlone++;
                assertThat(alone.records()).hasSize(2);
            }
        }
        assertThat(lostAlone).as("without a copy a damaged line is lost (unless the byte is in its checksum prefix)")
                .isGreaterThan(journal.length * 9 / 10);
    }
}
