package io.kamaros.engine.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kamaros.engine.store.FileSystemAdapter.AtomicOutput;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link FileSystemAdapter} contract, run against every adapter we ship and against a minimal
 * user adapter that implements only the five abstract methods (so the interface's defaults are
 * what is under test there). {@link Contract} is the abstract contract; each nested class binds it
 * to one adapter and adds what is specific to that adapter.
 */
class AdapterContractTest {

    abstract static class Contract {
        protected FileSystemAdapter adapter;

        protected abstract FileSystemAdapter createAdapter() throws IOException;

        @BeforeEach
        void setUpAdapter() throws IOException {
            adapter = createAdapter();
            adapter.init();
        }

        @AfterEach
        void disposeAdapter() throws IOException {
            adapter.dispose();
        }

        static byte[] bytes(String s) {
            return s.getBytes(UTF_8);
        }

        String text(String path) throws IOException {
            return new String(adapter.readFile(path), UTF_8);
        }

        List<String> sortedList(String directory) throws IOException {
            return adapter.listFiles(directory).stream().sorted().toList();
        }

        @Test
        void readRangeGivesThoseBytesAndRefusesARangePastTheEnd() throws IOException {
            byte[] data = new byte[200_000];
            new Random(7).nextBytes(data);
            adapter.writeFile(".store/packs/p.pack", data);
            assertThat(adapter.readRange(".store/packs/p.pack", 0, 10)).isEqualTo(Arrays.copyOfRange(data, 0, 10));
            assertThat(adapter.readRange(".store/packs/p.pack", 123_457, 70_001))
                    .isEqualTo(Arrays.copyOfRange(data, 123_457, 193_458));
            assertThat(adapter.readRange(".store/packs/p.pack", 200_000, 0)).isEmpty();
            assertThatThrownBy(() -> adapter.readRange(".store/packs/p.pack", 199_990, 11))
                    .isInstanceOf(EOFException.class);
            assertThatThrownBy(() -> adapter.readRange(".store/packs/missing.pack", 0, 1))
                    .isInstanceOf(NoSuchFileException.class);
        }

        @Test
        void writeThenReadThenOverwrite() throws IOException {
            adapter.writeFile("manifest.json", bytes("{\"v\":1, \"long\": true}"));
            assertThat(adapter.fileExists("manifest.json")).isTrue();
            assertThat(text("manifest.json")).isEqualTo("{\"v\":1, \"long\": true}");

            adapter.writeFile("manifest.json", bytes("{}"));
            assertThat(text("manifest.json")).isEqualTo("{}");
        }

        @Test
        void listingWithStatsAgreesWithListingAndStat() throws IOException {
            adapter.writeFile("content/b.txt", bytes("bee"));
            adapter.writeFile("content/a/deep/c.bin", new byte[] {0, 1, 2, 3});
            adapter.writeFile(".store/blobs/x", bytes("not content"));
            SortedMap<String, FileStat> listed = adapter.listFilesWithStats("content");
            assertThat(listed.keySet()).containsExactly("a/deep/c.bin", "b.txt");
            for (var e : listed.entrySet()) {
                assertThat(e.getValue()).isEqualTo(adapter.stat("content/" + e.getKey()).orElseThrow());
            }
            assertThat(listed.get("b.txt").size()).isEqualTo(3);
            assertThat(adapter.listFilesWithStats("missing")).isEmpty();
        }

        @Test
        void emptyFileIsAFile() throws IOException {
            adapter.writeFile("content/empty.txt", new byte[0]);
            assertThat(adapter.fileExists("content/empty.txt")).isTrue();
            assertThat(adapter.readFile("content/empty.txt")).isEmpty();
        }

        @Test
        void storedBytesDoNotChangeWhenTheCallersArrayDoes() throws IOException {
            byte[] data = bytes("abc");
            adapter.writeFile("content/a.txt", data);
            data[0] = 'X';
            adapter.readFile("content/a.txt")[1] = 'Y';
            assertThat(text("content/a.txt")).isEqualTo("abc");
        }

        @Test
        void readingAMissingFileThrowsNoSuchFile() {
            assertThatThrownBy(() -> adapter.readFile("content/missing.txt")).isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> adapter.readFile("nope/deeper/missing.bin")).isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> adapter.openRead("content/missing.txt").close())
                    .isInstanceOf(NoSuchFileException.class);
        }

        @Test
        void fileExistsIsFalseForMissingFilesAndFolders() throws IOException {
            adapter.writeFile("content/dir/a.txt", bytes("a"));
            assertThat(adapter.fileExists("content/missing.txt")).isFalse();
            assertThat(adapter.fileExists("content/dir")).isFalse();
        }

        @Test
        void deletingRemovesTheFileAndDeletingAMissingFileIsFine() throws IOException {
            adapter.writeFile("content/a.txt", bytes("a"));
            adapter.deleteFile("content/a.txt");
            assertThat(adapter.fileExists("content/a.txt")).isFalse();
            assertThatThrownBy(() -> adapter.readFile("content/a.txt")).isInstanceOf(NoSuchFileException.class);

            assertThatCode(() -> adapter.deleteFile("content/a.txt")).doesNotThrowAnyException();
            assertThatCode(() -> adapter.deleteFile("never/existed.txt")).doesNotThrowAnyException();
        }

        @Test
        void nestedFoldersAreCreatedOnWrite() throws IOException {
            adapter.writeFile("content/a/b/c/d.txt", bytes("deep"));
            adapter.writeFile(".store/objects/ab/cdef", bytes("blob"));
            assertThat(text("content/a/b/c/d.txt")).isEqualTo("deep");
            assertThat(text(".store/objects/ab/cdef")).isEqualTo("blob");
        }

        @Test
        void listFilesIsRecursiveAndRelative() throws IOException {
            adapter.writeFile("manifest.json", bytes("{}"));
            adapter.writeFile("content/a.txt", bytes("a"));
            adapter.writeFile("content/dir/sub/b.txt", bytes("b"));
            adapter.writeFile(".store/objects/ab/cdef", bytes("x"));

            assertThat(sortedList("")).containsExactly(
                    ".store/objects/ab/cdef", "content/a.txt", "content/dir/sub/b.txt", "manifest.json");
            assertThat(sortedList("content")).containsExactly("a.txt", "dir/sub/b.txt");
            assertThat(sortedList("content/dir")).containsExactly("sub/b.txt");
            assertThat(sortedList(".store")).containsExactly("objects/ab/cdef");
        }

        @Test
        void listFilesDoesNotMatchFolderNamePrefixes() throws IOException {
            adapter.writeFile("content/a.txt", bytes("a"));
            adapter.writeFile("contents/b.txt", bytes("b"));
            assertThat(sortedList("content")).containsExactly("a.txt");
        }

        @Test
        void listingAMissingFolderIsEmpty() throws IOException {
            assertThat(adapter.listFiles("")).isEmpty();
            assertThat(adapter.listFiles("content")).isEmpty();
            assertThat(adapter.listFiles("no/such/folder")).isEmpty();
        }

        @Test
        void deletedFilesAreNoLongerListed() throws IOException {
            adapter.writeFile("content/dir/a.txt", bytes("a"));
            adapter.writeFile("content/b.txt", bytes("b"));
            adapter.deleteFile("content/dir/a.txt");
            assertThat(sortedList("content")).containsExactly("b.txt");
            assertThat(sortedList("")).containsExactly("content/b.txt");
        }

        @Test
        void streamsWriteAndReadTheSameBytes() throws IOException {
            byte[] data = new byte[200_000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31);
            }
            try (AtomicOutput out = adapter.openWrite("content/big.bin")) {
                out.write(data, 0, 1000);
                out.write(data[1000]);
                out.write(data, 1001, data.length - 1001);
            }
            assertThat(adapter.readFile("content/big.bin")).isEqualTo(data);
            try (InputStream in = adapter.openRead("content/big.bin")) {
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        }

        @Test
        void openWriteReplacesTheFileOnlyWhenClosed() throws IOException {
            adapter.writeFile("content/a.txt", bytes("old"));
            AtomicOutput out = adapter.openWrite("content/a.txt");
            out.write(bytes("new"));
            assertThat(text("content/a.txt")).isEqualTo("old");
            out.close();
            assertThat(text("content/a.txt")).isEqualTo("new");
        }

        @Test
        void abortedWriteLeavesNoFile() throws IOException {
            AtomicOutput out = adapter.openWrite("content/dir/new.txt");
            out.write(bytes("never stored"));
            out.abort();
            out.close(); // does nothing after abort

            assertThat(adapter.fileExists("content/dir/new.txt")).isFalse();
            assertThat(adapter.listFiles("")).isEmpty();
        }

        @Test
        void abortedWriteKeepsTheOldContent() throws IOException {
            adapter.writeFile("content/a.txt", bytes("old"));
            AtomicOutput out = adapter.openWrite("content/a.txt");
            out.write(bytes("new"));
            out.abort();
            out.close();

            assertThat(text("content/a.txt")).isEqualTo("old");
            assertThat(adapter.listFiles("")).containsExactly("content/a.txt");
        }

        @Test
        void statGivesTheSizeOrEmpty() throws IOException {
            assertThat(adapter.stat("content/missing.txt")).isEmpty();
            adapter.writeFile("content/a.txt", bytes("12345"));
            Optional<FileStat> stat = adapter.stat("content/a.txt");
            assertThat(stat).isPresent();
            assertThat(stat.get().size()).isEqualTo(5);
            assertThat(stat.get().modifiedNanos() == -1 || stat.get().modifiedNanos() > 0).isTrue();
        }

        @Test
        void moveFileMovesAndReplacesTheTarget() throws IOException {
            adapter.writeFile("content/a.txt", bytes("A"));
            adapter.writeFile("content/other/b.txt", bytes("B"));

            adapter.moveFile("content/a.txt", "content/new/dir/a.txt");
            assertThat(adapter.fileExists("content/a.txt")).isFalse();
            assertThat(text("content/new/dir/a.txt")).isEqualTo("A");

            adapter.moveFile("content/new/dir/a.txt", "content/other/b.txt");
            assertThat(text("content/other/b.txt")).isEqualTo("A");
            assertThat(sortedList("content")).containsExactly("other/b.txt");
        }

        @Test
        void movingAMissingFileThrowsNoSuchFile() {
            assertThatThrownBy(() -> adapter.moveFile("content/missing.txt", "content/b.txt"))
                    .isInstanceOf(NoSuchFileException.class);
        }

        @Test
        void movingAFileOntoItselfKeepsIt() throws IOException {
            adapter.writeFile("content/a.txt", bytes("A"));
            adapter.moveFile("content/a.txt", "content/a.txt");
            assertThat(text("content/a.txt")).isEqualTo("A");
        }

        @Test
        void appendFileCreatesThenAppends() throws IOException {
            adapter.appendFile(".store/log/journal", bytes("one\n"));
            adapter.appendFile(".store/log/journal", bytes("two\n"));
            adapter.appendFile(".store/log/journal", new byte[0]);
            assertThat(text(".store/log/journal")).isEqualTo("one\ntwo\n");
        }

        @Test
        void truncateFileCutsButNeverGrows() throws IOException {
            adapter.writeFile(".store/journal", bytes("0123456789"));
            adapter.truncateFile(".store/journal", 4);
            assertThat(text(".store/journal")).isEqualTo("0123");
            adapter.truncateFile(".store/journal", 100);
            assertThat(text(".store/journal")).isEqualTo("0123");
            adapter.truncateFile(".store/journal", 0);
            assertThat(adapter.readFile(".store/journal")).isEmpty();
        }

        @Test
        void truncatingAMissingFileThrowsNoSuchFile() {
            assertThatThrownBy(() -> adapter.truncateFile(".store/missing", 0)).isInstanceOf(NoSuchFileException.class);
        }

        @Test
        void tryLockHasOneHolderAtATime() throws Exception {
            Optional<ProjectLock> first = adapter.tryLock();
            assertThat(first).isPresent();
            assertThat(adapter.tryLock()).as("second lock while the first is held").isEmpty();

            first.get().close();
            first.get().close(); // releasing twice is harmless

            Optional<ProjectLock> again = adapter.tryLock();
            assertThat(again).isPresent();
            again.get().close();
        }

        @Test
        void aLockMayBeReleasedOnAnotherThread() throws Exception {
            ProjectLock lock = adapter.tryLock().orElseThrow();
            CompletableFuture.runAsync(() -> {
                try {
                    lock.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(30, TimeUnit.SECONDS);

            Optional<ProjectLock> again = adapter.tryLock();
            assertThat(again).isPresent();
            again.get().close();
        }

        @Test
        void describesItselfAndGivesSaneHints() {
            assertThat(adapter.describe()).isNotBlank();
            assertThat(adapter.maxFileSize()).isPositive();
        }
    }

    @Nested
    class OnFileAdapter extends Contract {
        @TempDir
        Path root;

        @Override
        protected FileAdapter createAdapter() {
            return new FileAdapter(root);
        }

        FileAdapter fileAdapter() {
            return (FileAdapter) adapter;
        }

        @ParameterizedTest
        @ValueSource(strings = {"..", "../outside.txt", "content/../../x", "a/./b", "a//b", "a/", "/etc/passwd",
            "C:", "C:/Windows/x", "c:\\x"})
        void rejectsPathsThatCouldLeaveTheProject(String bad) {
            assertThatThrownBy(() -> adapter.readFile(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> adapter.writeFile(bad, bytes("x"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> adapter.fileExists(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> adapter.deleteFile(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> adapter.listFiles(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThat(root.getParent().resolve("outside.txt")).doesNotExist();
        }

        @Test
        void fileExistsIsFalseForLinksWhetherTheirTargetExistsOrNot() throws IOException {
            adapter.writeFile("content/a.txt", bytes("a"));
            assertThat(adapter.fileExists("content/a.txt")).isTrue();
            if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows")) { // links need rights there
                Files.createSymbolicLink(root.resolve("content/to-a.txt"), root.resolve("content/a.txt"));
                Files.createSymbolicLink(root.resolve("content/dangling.txt"), root.resolve("content/gone.txt"));
                assertThat(adapter.fileExists("content/to-a.txt")).isFalse();
                assertThat(adapter.fileExists("content/dangling.txt")).isFalse();
            }
        }

        @Test
        void colonInANameIsAFileOutsideWindowsAndRefusedOnIt() throws IOException {
            if (System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows")) {
                assertThatThrownBy(() -> adapter.writeFile("content/a:b", bytes("x")))
                        .isInstanceOf(IllegalArgumentException.class);
            } else {
                adapter.writeFile("content/a:b", bytes("x"));
                assertThat(text("content/a:b")).isEqualTo("x");
                assertThat(adapter.listFiles("content")).containsExactly("a:b");
            }
        }

        @Test
        void backslashInANameIsAFileOutsideWindowsAndRefusedOnIt() throws IOException {
            for (String name : List.of("a\\b.txt", "..\\x")) {
                if (System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows")) {
                    assertThatThrownBy(() -> adapter.writeFile("content/" + name, bytes("x")))
                            .isInstanceOf(IllegalArgumentException.class);
                } else {
                    adapter.writeFile("content/" + name, bytes(name));
                    assertThat(text("content/" + name)).isEqualTo(name);
                    assertThat(root.resolve("content").resolve(name)).isRegularFile(); // one name, not a folder
                }
            }
            assertThat(root.getParent().resolve("x")).doesNotExist();
        }

        @Test
        void listingSkipsTempFiles() throws IOException {
            adapter.writeFile("content/a.txt", bytes("a"));
            Files.write(root.resolve("content").resolve(FileAdapter.TEMP_PREFIX + "stale"), bytes("crash leftover"));
            AtomicOutput pending = adapter.openWrite("content/b.txt");
            pending.write(bytes("in flight"));

            assertThat(sortedList("content")).containsExactly("a.txt");
            assertThat(sortedList("")).containsExactly("content/a.txt");
            pending.abort();
        }

        @Test
        void abortAndCloseLeaveNoTempFilesOnDisk() throws IOException {
            AtomicOutput aborted = adapter.openWrite("content/dir/a.txt");
            aborted.write(bytes("x"));
            aborted.abort();
            try (AtomicOutput committed = adapter.openWrite(".store/objects/b")) {
                committed.write(bytes("y"));
            }
            assertThat(tempFilesUnder(root)).isEmpty();
            assertThat(root.resolve("content/dir/a.txt")).doesNotExist();
            assertThat(root.resolve(".store/objects/b")).hasContent("y");
        }

        @Test
        void writesLandInsideTheRoot() throws IOException {
            adapter.writeFile("content/dir/a.txt", bytes("a"));
            adapter.writeFile("manifest.json", bytes("{}"));
            assertThat(root.resolve("content/dir/a.txt")).hasContent("a");
            assertThat(root.resolve("manifest.json")).hasContent("{}");
        }

        @Test
        void deletingTheLastFileOfAContentFolderPrunesEmptyFolders() throws IOException {
            adapter.writeFile("content/a/b/c.txt", bytes("c"));
            adapter.writeFile("content/keep.txt", bytes("k"));
            adapter.deleteFile("content/a/b/c.txt");
            assertThat(root.resolve("content/a")).doesNotExist();
            assertThat(root.resolve("content")).isDirectory();

            adapter.deleteFile("content/keep.txt");
            assertThat(root.resolve("content")).as("the working copy folder itself stays").isDirectory();
        }

        @Test
        void movingTheLastFileOutOfAContentFolderPrunesIt() throws IOException {
            adapter.writeFile("content/old/dir/a.txt", bytes("a"));
            adapter.moveFile("content/old/dir/a.txt", "content/new/a.txt");
            assertThat(root.resolve("content/old")).doesNotExist();
            assertThat(root.resolve("content/new/a.txt")).hasContent("a");
        }

        @Test
        void historyFoldersAreNotPruned() throws IOException {
            adapter.writeFile(".store/objects/ab/x", bytes("x"));
            adapter.deleteFile(".store/objects/ab/x");
            assertThat(root.resolve(".store/objects/ab")).isDirectory();
        }

        @Test
        void statHasTheModificationTime() throws IOException {
            adapter.writeFile("content/a.txt", bytes("abc"));
            FileStat stat = adapter.stat("content/a.txt").orElseThrow();
            assertThat(stat.size()).isEqualTo(3);
            assertThat(stat.hasModifiedTime()).isTrue();
            assertThat(adapter.stat("content")).as("a folder is not a file").isEmpty();
        }

        @Test
        void aSecondAdapterOnTheSameProjectCannotLockWhileTheFirstHoldsIt() throws Exception {
            FileAdapter other = new FileAdapter(root);
            Optional<ProjectLock> first = adapter.tryLock();
            assertThat(first).isPresent();
            assertThat(other.tryLock()).isEmpty();
            assertThat(adapter.tryLock()).isEmpty();

            first.get().close();
            Optional<ProjectLock> second = other.tryLock();
            assertThat(second).isPresent();
            second.get().close();
        }

        /**
         * On POSIX, closing any descriptor of a file drops all of the process's locks on it; a failed
         * second tryLock in this JVM must therefore not open (and close) the lock file.
         */
        @Test
        void aFailedSecondLockInThisJvmDoesNotReleaseTheLockForOtherProcesses() throws Exception {
            Optional<ProjectLock> held = adapter.tryLock();
            assertThat(held).isPresent();
            assertThat(new FileAdapter(root).tryLock()).isEmpty();

            assertThat(probeLockFromAnotherProcess()).isEqualTo("busy");
            held.get().close();
            assertThat(probeLockFromAnotherProcess()).isEqualTo("locked");
        }

        private String probeLockFromAnotherProcess() throws Exception {
            String classpath = System.getProperty("kamaros.test.classpath", System.getProperty("java.class.path"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder(java.toString(), "-cp", classpath, LockProbe.class.getName(),
                    root.toString()).redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), UTF_8).trim();
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(output).isZero();
            return output;
        }
    }

    @Nested
    class OnFileAdapterWithWorkTree extends Contract {
        @TempDir
        Path root;
        @TempDir
        Path work;

        @Override
        protected FileAdapter createAdapter() {
            return new FileAdapter(root, new FileAdapter.Options().workTree(work));
        }

        @Test
        void contentPathsLandInTheWorkTreeAndEverythingElseInTheRoot() throws IOException {
            adapter.writeFile("content/dir/a.txt", bytes("a"));
            adapter.writeFile("manifest.json", bytes("{}"));
            adapter.writeFile(".store/objects/x", bytes("x"));

            assertThat(work.resolve("dir/a.txt")).hasContent("a");
            assertThat(root.resolve("content")).doesNotExist();
            assertThat(root.resolve("manifest.json")).hasContent("{}");
            assertThat(root.resolve(".store/objects/x")).hasContent("x");
            assertThat(work.resolve("manifest.json")).doesNotExist();
            assertThat(work.resolve(".store")).doesNotExist();
        }

        @Test
        void filesAlreadyInTheWorkTreeAreListedUnderContent() throws IOException {
            Files.createDirectories(work.resolve("docs"));
            Files.write(work.resolve("docs/readme.md"), bytes("hi"));
            assertThat(sortedList("content")).containsExactly("docs/readme.md");
            assertThat(sortedList("")).containsExactly("content/docs/readme.md");
            assertThat(text("content/docs/readme.md")).isEqualTo("hi");
        }

        @Test
        void aContentFolderInsideTheRootIsNotListed() throws IOException {
            // Unreachable through the adapter: "content/..." means the work tree.
            Files.createDirectories(root.resolve("content"));
            Files.write(root.resolve("content/stray.txt"), bytes("stray"));
            adapter.writeFile("content/real.txt", bytes("real"));
            assertThat(sortedList("")).containsExactly("content/real.txt");
        }

        @Test
        void deletingTheLastFileOfAWorkTreeFolderPrunesItButKeepsTheWorkTree() throws IOException {
            adapter.writeFile("content/a/b/c.txt", bytes("c"));
            adapter.deleteFile("content/a/b/c.txt");
            assertThat(work.resolve("a")).doesNotExist();
            assertThat(work).isDirectory();
        }

        @Test
        void aProjectRootInsideItsOwnWorkTreeIsNotListedUnderContent() throws IOException {
            FileAdapter nested = new FileAdapter(work.resolve("project.jcf.d"), new FileAdapter.Options().workTree(work));
            nested.init();
            nested.writeFile("content/notes.txt", bytes("n"));
            nested.writeFile("manifest.json", bytes("{}"));
            nested.writeFile(".store/objects/x", bytes("x"));

            assertThat(nested.listFiles("content")).containsExactly("notes.txt");
            assertThat(nested.listFiles("").stream().sorted().toList())
                    .containsExactly(".store/objects/x", "content/notes.txt", "manifest.json");
        }

        @Test
        void aWorkTreeOnAnotherPathStillMovesBetweenContentAndHistory() throws IOException {
            adapter.writeFile("content/a.txt", bytes("a"));
            adapter.moveFile("content/a.txt", ".store/staging/a");
            assertThat(work.resolve("a.txt")).doesNotExist();
            assertThat(root.resolve(".store/staging/a")).hasContent("a");
        }

        @Test
        void abortLeavesNoTempFilesInTheWorkTree() throws IOException {
            AtomicOutput out = adapter.openWrite("content/a.txt");
            out.write(bytes("x"));
            out.abort();
            assertThat(tempFilesUnder(work)).isEmpty();
            assertThat(tempFilesUnder(root)).isEmpty();
        }
    }

    @Nested
    class OnMemoryAdapter extends Contract {
        @Override
        protected MemoryAdapter createAdapter() {
            return new MemoryAdapter();
        }

        @Test
        void toBytesAndFromBytesRoundTrip() throws IOException {
            adapter.writeFile("manifest.json", bytes("{}"));
            adapter.writeFile("content/dir/a.txt", bytes("a"));
            adapter.writeFile("content/empty", new byte[0]);
            byte[] binary = new byte[70_000];
            for (int i = 0; i < binary.length; i++) {
                binary[i] = (byte) i;
            }
            adapter.writeFile(".store/objects/ab/c", binary);

            MemoryAdapter copy = MemoryAdapter.fromBytes(((MemoryAdapter) adapter).toBytes());

            assertThat(copy.listFiles("")).containsExactlyElementsOf(sortedList(""));
            for (String path : adapter.listFiles("")) {
                assertThat(copy.readFile(path)).as(path).isEqualTo(adapter.readFile(path));
            }
        }

        @Test
        void anEmptyAdapterRoundTrips() throws IOException {
            assertThat(MemoryAdapter.fromBytes(((MemoryAdapter) adapter).toBytes()).listFiles("")).isEmpty();
        }

        @Test
        void everyWriteGetsANewerModificationTime() throws IOException {
            adapter.writeFile("content/a.txt", bytes("a"));
            long first = adapter.stat("content/a.txt").orElseThrow().modifiedNanos();
            adapter.writeFile("content/a.txt", bytes("b"));
            assertThat(adapter.stat("content/a.txt").orElseThrow().modifiedNanos()).isGreaterThan(first);
        }
    }

    @Nested
    class OnUserAdapter extends Contract {
        @Override
        protected FileSystemAdapter createAdapter() {
            return new MapBackedUserAdapter();
        }

        @Test
        void usesTheDefaults() {
            assertThat(adapter.supportsStreaming()).isFalse();
            assertThat(adapter.compressionEnabled()).isTrue();
            assertThat(adapter.maxFileSize()).isEqualTo(Long.MAX_VALUE);
            assertThat(adapter.describe()).isEqualTo("MapBackedUserAdapter");
        }

        @Test
        void twoUserAdaptersAreTwoProjects() throws Exception {
            MapBackedUserAdapter other = new MapBackedUserAdapter();
            ProjectLock a = adapter.tryLock().orElseThrow();
            ProjectLock b = other.tryLock().orElseThrow();
            assertThat(adapter.tryLock()).isEmpty();
            assertThat(other.tryLock()).isEmpty();
            a.close();
            b.close();
            assertThat(other.tryLock()).hasValueSatisfying(lock -> assertThatCode(lock::close).doesNotThrowAnyException());
        }

        @Test
        void aMoveThatFailsHalfwayLeavesTheTargetAlone() throws IOException {
            // A user adapter that streams reads (like an S3 client) and fails mid-transfer.
            FileSystemAdapter flaky = new MapBackedUserAdapter() {
                @Override
                public InputStream openRead(String path) throws IOException {
                    byte[] data = readFile(path);
                    return new InputStream() {
                        private int pos;

                        @Override
                        public int read() throws IOException {
                            if (pos >= 2) {
                                throw new IOException("connection reset");
                            }
                            return data[pos++] & 0xff;
                        }
                    };
                }
            };
            flaky.writeFile("content/a.txt", bytes("new content"));
            flaky.writeFile("content/b.txt", bytes("target"));

            assertThatThrownBy(() -> flaky.moveFile("content/a.txt", "content/b.txt"))
                    .hasMessage("connection reset");
            assertThat(new String(flaky.readFile("content/b.txt"), UTF_8)).isEqualTo("target");
            assertThat(new String(flaky.readFile("content/a.txt"), UTF_8)).isEqualTo("new content");
        }
    }

    static List<Path> tempFilesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().startsWith(FileAdapter.TEMP_PREFIX)).toList();
        }
    }
}
