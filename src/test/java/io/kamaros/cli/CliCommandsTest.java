package io.kamaros.cli;

import static io.kamaros.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kamaros.cli.CliRunner.Result;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.objects.BlobStore;
import io.kamaros.engine.objects.pack.PackFormat;
import io.kamaros.engine.objects.pack.PackingAdapter;
import io.kamaros.engine.store.FileAdapter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command, run in-process through picocli exactly as from a shell, on real projects in temp folders. */
class CliCommandsTest {
    @TempDir
    Path tmp;
    Path project;
    Path content;
    Path outside;

    @BeforeEach
    void createProjectWithOneVersion() throws IOException {
        project = tmp.resolve("proj");
        content = project.resolve("content");
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("notes.txt"), "alpha\nbeta\ngamma\n");
        Files.createDirectories(outside.resolve("assets/img"));
        Files.write(outside.resolve("assets/img/logo.bin"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0});
        Files.writeString(outside.resolve("assets/readme.md"), "# Assets\n");
        ok(run(tmp, "init", "proj"));
        ok(run(project, "add", outside.resolve("notes.txt").toString(), "../outside/assets"));
        ok(run(project, "commit", "-m", "First draft", "--tag", "v1"));
    }

    private static Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private String headId() {
        return ok(run(project, "--json", "show", "HEAD")).json().get("id").asText();
    }

    @Test
    void initCreatesAnEmptyProjectAndStatusReportsIt() {
        Result init = ok(run(tmp, "--json", "init", "fresh"));
        assertThat(init.json().get("project").asText()).isEqualTo(tmp.resolve("fresh").toString());
        assertThat(Files.isRegularFile(tmp.resolve("fresh/manifest.json"))).isTrue();
        JsonNode st = ok(run(tmp.resolve("fresh"), "status", "--json")).json();
        assertThat(st.get("head").isNull()).isTrue();
        assertThat(st.get("clean").asBoolean()).isTrue();
        assertThat(st.get("files").asInt()).isZero();
        assertThat(ok(run(tmp.resolve("fresh"), "status")).out()).contains("No checkpoint yet", "clean");
    }

    @Test
    void commitWithPathsSavesOnlyThoseAndStatusShowsTheRest() throws IOException {
        Files.writeString(content.resolve("notes.txt"), "alpha\nbeta, edited\ngamma\n");
        Files.writeString(content.resolve("assets/readme.md"), "# Assets, edited\n");
        Files.writeString(content.resolve("assets/new.md"), "new\n");
        String before = headId();

        // Paths are relative to the current folder, as in git.
        JsonNode saved = ok(run(content.resolve("assets"), "--json", "commit", "-m", "Only the readme", "--",
                "readme.md")).json();
        assertThat(saved.get("paths")).extracting(JsonNode::asText).containsExactly("assets/readme.md");
        assertThat(saved.get("saved")).extracting(JsonNode::asText).containsExactly("assets/readme.md");
        assertThat(saved.get("unsaved")).extracting(JsonNode::asText).containsExactly("assets/new.md", "notes.txt");
        assertThat(saved.get("parentId").asText()).isEqualTo(before);
        assertThat(Files.readString(content.resolve("notes.txt"))).isEqualTo("alpha\nbeta, edited\ngamma\n");

        JsonNode st = ok(run(project, "status", "--json")).json();
        assertThat(st.get("modified")).extracting(JsonNode::asText).containsExactly("notes.txt");
        assertThat(st.get("added")).extracting(JsonNode::asText).containsExactly("assets/new.md");
        assertThat(ok(run(project, "cat", "notes.txt", "--version", "HEAD")).out()).isEqualTo("alpha\nbeta\ngamma\n");
        assertThat(ok(run(project, "cat", "assets/readme.md", "--version", "HEAD")).out()).isEqualTo("# Assets, edited\n");

        Result text = ok(run(project, "commit", "-m", "The folder", "--", "content/assets"));
        assertThat(text.out()).contains("] The folder");
        assertThat(text.out()).contains("1 change left unsaved");
        Result typo = run(project, "commit", "-m", "typo", "--", "nots.txt");
        assertThat(typo.exit()).as(typo.toString()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(typo.err()).contains("'nots.txt' is neither in the project's files nor in the current version");
        Result unchanged = run(project, "commit", "-m", "same", "--", "assets");
        assertThat(unchanged.exit()).isEqualTo(ExitCodes.GENERAL);
        assertThat(unchanged.err()).contains("Nothing to commit under assets");
        ok(run(project, "commit", "-m", "The rest", "--", "."));
        assertThat(ok(run(project, "status", "--json")).json().get("clean").asBoolean()).isTrue();
    }

    @Test
    void restoringOneFileFromHeadDiscardsItsChangesAndSaysHowToUndo() throws IOException {
        Files.writeString(content.resolve("notes.txt"), "mine\n");
        Files.writeString(content.resolve("assets/readme.md"), "# Mine too\n");
        Result discard = ok(run(project, "restore", "HEAD", "--", "notes.txt"));
        assertThat(Files.readString(content.resolve("notes.txt"))).isEqualTo("alpha\nbeta\ngamma\n");
        assertThat(Files.readString(content.resolve("assets/readme.md"))).isEqualTo("# Mine too\n");
        assertThat(discard.err() + discard.out()).containsPattern("Undo with 'kamaros restore [0-9a-f]{8} -- notes.txt'");
        JsonNode st = ok(run(project, "status", "--json")).json();
        assertThat(st.get("modified")).extracting(JsonNode::asText).containsExactly("assets/readme.md");
        JsonNode log = ok(run(project, "log", "--json")).json();
        JsonNode auto = log.get(0);
        assertThat(auto.get("autoSaved").asBoolean()).isTrue();
        assertThat(auto.get("head").asBoolean()).as("saved beside HEAD").isFalse();
        assertThat(auto.get("message").asText()).isEqualTo("Auto-save of notes.txt before discarding its changes");
        ok(run(project, "restore", auto.get("id").asText(), "--", "notes.txt"));
        assertThat(Files.readString(content.resolve("notes.txt"))).isEqualTo("mine\n");
    }

    @Test
    void addCopiesFilesAndFoldersFromAnywhereAndCommitSavesThem() throws IOException {
        assertThat(Files.readAllBytes(content.resolve("assets/img/logo.bin"))).containsExactly(0, 1, 2, 3, 0xff, 0);
        assertThat(Files.readString(content.resolve("notes.txt"))).isEqualTo("alpha\nbeta\ngamma\n");
        JsonNode log = ok(run(project, "log", "--json")).json();
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("message").asText()).isEqualTo("First draft");
        assertThat(log.get(0).get("author").asText()).isEqualTo("Tess Ter");
        assertThat(log.get(0).get("tags").get(0).asText()).isEqualTo("v1");
        assertThat(log.get(0).get("changes").get("added").asInt()).isEqualTo(3);
        assertThat(log.get(0).get("head").asBoolean()).isTrue();

        Files.writeString(outside.resolve("extra.txt"), "more");
        JsonNode added = ok(run(project, "--json", "add", "--to", "docs", outside.resolve("extra.txt").toString(),
                content.resolve("notes.txt").toString())).json();
        assertThat(added.get("added").get(0).get("path").asText()).isEqualTo("docs/extra.txt");
        assertThat(added.get("alreadyInWorkingCopy").get(0).asText()).isEqualTo("notes.txt");
        assertThat(ok(run(project, "status", "-s")).out()).isEqualTo("A docs/extra.txt\n");
        Result commit = ok(run(project, "commit", "-m", "Extra", "--author", "Ada"));
        assertThat(commit.out()).contains("] Extra", "1 added");
        assertThat(ok(run(project, "--json", "show", "HEAD")).json().get("author").asText()).isEqualTo("Ada");
    }

    @Test
    void addRefusesTheProjectItself() {
        Result r = run(project, "add", ".");
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(r.err()).contains("holds the project itself");
    }

    @Test
    void statusShowsEveryKindOfChangeInTextShortAndJson() throws IOException {
        Files.writeString(content.resolve("notes.txt"), "alpha\nBETA\ngamma\n");
        Files.writeString(content.resolve("new.txt"), "new");
        ok(run(project, "rm", "assets/readme.md"));
        ok(run(project, "mv", "assets/img/logo.bin", "logo.bin"));
        Result text = ok(run(project, "status"));
        assertThat(text.out()).contains("modified:  notes.txt", "added:     new.txt", "deleted:   assets/readme.md",
                "renamed:   assets/img/logo.bin -> logo.bin");
        assertThat(ok(run(project, "status", "--short")).out().lines().toList())
                .containsExactlyInAnyOrder("A new.txt", "M notes.txt", "D assets/readme.md", "R assets/img/logo.bin -> logo.bin");
        JsonNode st = ok(run(project, "--json", "status")).json();
        assertThat(st.get("clean").asBoolean()).isFalse();
        assertThat(st.get("modified").toString()).contains("notes.txt");
        assertThat(st.get("renamed").get(0).get("to").asText()).isEqualTo("logo.bin");
        assertThat(st.get("head").get("tags").get(0).asText()).isEqualTo("v1");
    }

    @Test
    void emptyFoldersShowInStatusWithATrailingSlashAndAreCommitted() throws IOException {
        Files.createDirectories(content.resolve("renders/final"));
        assertThat(ok(run(project, "status", "-s")).out()).isEqualTo("A renders/final/\n");
        assertThat(ok(run(project, "status")).out()).contains("added:     renders/final/");
        JsonNode st = ok(run(project, "--json", "status")).json();
        assertThat(st.get("clean").asBoolean()).isFalse();
        assertThat(st.get("foldersAdded").get(0).asText()).isEqualTo("renders/final");
        Result commit = ok(run(project, "commit", "-m", "Skeleton"));
        assertThat(commit.out() + commit.err()).contains("A renders/final/");
        assertThat(ok(run(project, "status", "--json")).json().get("clean").asBoolean()).isTrue();
        assertThat(ok(run(project, "show", "HEAD")).out()).contains("Empty folders:", "A renders/final/");
        assertThat(ok(run(project, "--json", "show", "HEAD")).json().get("emptyFolders").get(0).asText())
                .isEqualTo("renders/final");
        Files.delete(content.resolve("renders/final"));
        // renders/ is empty now, and kept as such
        assertThat(ok(run(project, "status", "-s")).out()).isEqualTo("A renders/\nD renders/final/\n");
    }

    @Test
    void statusAndCommitListWhatCannotBeVersioned() throws IOException {
        Files.writeString(content.resolve("new.txt"), "new");
        Files.createSymbolicLink(content.resolve("shortcut"), outside);
        Files.writeString(content.resolve("nul.txt"), "a device name on Windows");
        Result text = ok(run(project, "status"));
        assertThat(text.out()).contains("Not versioned (1):", "link:", "shortcut", outside.toString(),
                "Saved, but Windows cannot restore these names (1):", "nul.txt");
        assertThat(ok(run(project, "status", "-s")).out().lines().toList())
                .contains("! shortcut\tSYMLINK", "W nul.txt\tWINDOWS_NAME", "A new.txt");
        JsonNode st = ok(run(project, "--json", "status")).json();
        assertThat(st.get("unversionable")).hasSize(2);
        assertThat(st.get("unversionable").get(1).get("path").asText()).isEqualTo("shortcut");
        assertThat(st.get("unversionable").get(1).get("reason").asText()).isEqualTo("SYMLINK");
        assertThat(st.get("unversionable").get(1).get("saved").asBoolean()).isFalse();

        Result strict = run(project, "commit", "-m", "strict", "--strict");
        assertThat(strict.exit()).as(strict.toString()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(strict.err()).contains("shortcut", "strict");
        assertThat(ok(run(project, "--json", "log")).json()).hasSize(1);

        Result commit = run(project, "commit", "-m", "with a link");
        assertThat(commit.exit()).as(commit.toString()).isEqualTo(ExitCodes.SAVED_WITH_WARNINGS);
        assertThat(commit.out()).contains("with a link");
        assertThat(commit.err()).contains("Not versioned (1):", "shortcut", "nul.txt");
        assertThat(ok(run(project, "--json", "log")).json()).hasSize(2);

        Files.writeString(content.resolve("new.txt"), "newer");
        Result json = run(project, "--json", "commit", "-m", "again");
        assertThat(json.exit()).as(json.toString()).isEqualTo(ExitCodes.SAVED_WITH_WARNINGS);
        assertThat(json.json().get("unversionable")).hasSize(1); // the link; nul.txt was not saved again
        assertThat(json.json().get("unversionable").get(0).get("reason").asText()).isEqualTo("SYMLINK");
    }

    @Test
    void commitWithNothingChangedFailsUnlessAllowEmpty() {
        Result r = run(project, "commit", "-m", "nothing");
        assertThat(r.exit()).isEqualTo(ExitCodes.GENERAL);
        assertThat(r.err()).contains("Nothing to commit");
        ok(run(project, "commit", "-m", "marker", "--allow-empty"));
        assertThat(ok(run(project, "--json", "log")).json()).hasSize(2);
    }

    @Test
    void logFiltersLimitsAndFollowsRenames() throws IOException {
        Files.writeString(content.resolve("notes.txt"), "alpha\nbeta\ngamma\ndelta\n");
        ok(run(project, "commit", "-m", "Add delta", "--author", "Bob"));
        ok(run(project, "mv", "notes.txt", "chapter1.txt"));
        ok(run(project, "commit", "-m", "Rename notes"));
        Files.writeString(content.resolve("other.txt"), "x");
        ok(run(project, "commit", "-m", "Unrelated"));

        assertThat(ok(run(project, "log", "--oneline")).out().lines().toList()).hasSize(4)
                .first().asString().contains("(HEAD)").endsWith("Unrelated");
        assertThat(ok(run(project, "log", "-n", "2", "--json")).json()).hasSize(2);
        JsonNode grep = ok(run(project, "log", "--grep", "delta", "--json")).json();
        assertThat(grep).hasSize(1);
        assertThat(grep.get(0).get("message").asText()).isEqualTo("Add delta");
        JsonNode byAuthor = ok(run(project, "log", "--author", "bob", "--json")).json();
        assertThat(byAuthor).hasSize(1);
        JsonNode follow = ok(run(project, "log", "--follow", "chapter1.txt", "--json")).json();
        List<String> messages = new ArrayList<>();
        follow.forEach(v -> messages.add(v.get("message").asText()));
        assertThat(messages).containsExactly("Rename notes", "Add delta", "First draft");
        assertThat(follow.get(0).get("file").get("previousPath").asText()).isEqualTo("notes.txt");
        String text = ok(run(project, "log", "--follow", "chapter1.txt")).out();
        assertThat(text).contains("Author: Bob <tess@example.com>", "File:   renamed chapter1.txt (was notes.txt)");
    }

    @Test
    void diffShowsWorkingCopyAgainstHeadAsUnifiedDiffByDefault() throws IOException {
        Files.writeString(content.resolve("notes.txt"), "alpha\nBETA\ngamma\n");
        Files.write(content.resolve("assets/img/logo.bin"), new byte[] {9, 9, 0});
        String diff = ok(run(project, "diff")).out();
        assertThat(diff).contains("--- a/notes.txt", "+++ b/notes.txt", "-beta", "+BETA", " alpha");
        assertThat(diff).contains("Binary files differ: 6 B sha256:", " -> 3 B sha256:");
        String stat = ok(run(project, "diff", "--stat")).out();
        assertThat(stat).contains("notes.txt", "| 2 +-", "Bin 6 -> 3 bytes", "2 files changed, 1 insertions(+), 1 deletions(-)");
        assertThat(ok(run(project, "diff", "--name-only")).out().lines().toList())
                .containsExactly("assets/img/logo.bin", "notes.txt");
        String onlyNotes = ok(run(project, "diff", "notes.txt")).out();
        assertThat(onlyNotes).contains("+BETA").doesNotContain("logo.bin");

        JsonNode json = ok(run(project, "diff", "--json")).json();
        JsonNode notes = json.get("files").get(1);
        assertThat(notes.get("path").asText()).isEqualTo("notes.txt");
        assertThat(notes.get("status").asText()).isEqualTo("modified");
        assertThat(notes.get("linesAdded").asInt()).isEqualTo(1);
        assertThat(notes.get("linesRemoved").asInt()).isEqualTo(1);
        assertThat(notes.get("patch").asText()).contains("+BETA");
        assertThat(json.get("files").get(0).get("binary").asBoolean()).isTrue();
    }

    @Test
    void diffShowsTextInItsOwnEncoding() throws IOException {
        Charset cp1250 = Charset.forName("windows-1250");
        String before = "Zażółć gęślą jaźń. Pchnąć w tę łódź jeża lub ośm skrzyń fig.\n".repeat(3);
        Files.write(content.resolve("polski.txt"), before.getBytes(cp1250));
        ok(run(project, "commit", "-m", "cp1250"));
        Files.write(content.resolve("polski.txt"), (before + "Święty Mikołaj w Gdańsku.\n").getBytes(cp1250));
        String diff = ok(run(project, "diff", "polski.txt")).out();
        assertThat(diff).contains("+Święty Mikołaj w Gdańsku.").doesNotContain("Binary files differ");
    }

    @Test
    void diffBetweenTwoVersionsAndFilesAfterDoubleDash() throws IOException {
        String v1 = headId();
        Files.writeString(content.resolve("notes.txt"), "alpha\ngamma\n");
        Files.writeString(content.resolve("added.txt"), "new file\n");
        ok(run(project, "commit", "-m", "second"));
        String two = ok(run(project, "diff", "v1", "HEAD")).out();
        assertThat(two).contains("-beta", "new file", "+++ b/added.txt");
        assertThat(ok(run(project, "diff", v1.substring(0, 8), "HEAD", "--", "added.txt")).out())
                .contains("added.txt").doesNotContain("notes.txt");
        // One version: the working copy (now the same as HEAD) against it.
        assertThat(ok(run(project, "diff", "HEAD~1", "--name-only")).out().lines().toList())
                .containsExactly("added.txt", "notes.txt");
        assertThat(ok(run(project, "diff")).out()).isEmpty();
    }

    @Test
    void showPrintsHeaderAndChangesOfAVersion() throws IOException {
        Files.writeString(content.resolve("notes.txt"), "alpha\nbeta\ngamma\ndelta\n");
        ok(run(project, "commit", "-m", "Add delta"));
        String show = ok(run(project, "show")).out();
        assertThat(show).contains("(HEAD)", "Author: Tess Ter <tess@example.com>", "    Add delta", "+delta");
        assertThat(ok(run(project, "show", "HEAD~1", "--stat")).out()).contains("tag: v1", "3 files changed");
        JsonNode json = ok(run(project, "show", "v1", "--json")).json();
        assertThat(json.get("files")).hasSize(3);
        assertThat(json.get("files").get(0).get("status").asText()).isEqualTo("added");
    }

    @Test
    void catPrintsExactBytesOfAnyVersionAsRawHexOrJson() throws IOException {
        Files.writeString(content.resolve("notes.txt"), "changed\n");
        assertThat(ok(run(project, "cat", "notes.txt")).out()).isEqualTo("changed\n");
        assertThat(ok(run(project, "cat", "notes.txt", "--version", "v1")).out()).isEqualTo("alpha\nbeta\ngamma\n");
        assertThat(ok(run(project, "cat", "assets/img/logo.bin", "-v", "HEAD")).stdout()).containsExactly(0, 1, 2, 3, 0xff, 0);
        assertThat(ok(run(project, "cat", "--hex", "assets/img/logo.bin")).out())
                .isEqualTo("00000000  00 01 02 03 ff 00                                 |......|\n");
        assertThat(ok(run(project, "cat", "-n", "notes.txt", "--version", "v1")).out()).contains("     2\tbeta");
        JsonNode bin = ok(run(project, "--json", "cat", "assets/img/logo.bin")).json();
        assertThat(bin.get("encoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(bin.get("content").asText())).containsExactly(0, 1, 2, 3, 0xff, 0);
        JsonNode txt = ok(run(project, "--json", "cat", "notes.txt", "--version", "v1")).json();
        assertThat(txt.get("content").asText()).isEqualTo("alpha\nbeta\ngamma\n");
        // A path relative to the current folder inside the working copy, as git resolves it.
        assertThat(ok(run(content.resolve("assets"), "cat", "readme.md")).out()).isEqualTo("# Assets\n");
    }

    @Test
    void restoreWholeVersionAutoSavesUncommittedWorkSoItCanBeUndone() throws IOException {
        Files.writeString(content.resolve("notes.txt"), "second\n");
        ok(run(project, "commit", "-m", "second"));
        Files.writeString(content.resolve("notes.txt"), "uncommitted\n");
        JsonNode r = ok(run(project, "--json", "restore", "v1")).json();
        assertThat(Files.readString(content.resolve("notes.txt"))).isEqualTo("alpha\nbeta\ngamma\n");
        assertThat(r.get("autoSavedVersion").isNull()).isFalse();
        String undo = r.get("undoVersion").asText();
        ok(run(project, "restore", undo));
        assertThat(Files.readString(content.resolve("notes.txt"))).isEqualTo("uncommitted\n");
    }

    @Test
    void restoreDryRunShowsTheEnginesPlanAndChangesNothing() throws IOException {
        Files.writeString(content.resolve("notes.txt"), "second\n");
        Files.writeString(content.resolve("added.txt"), "new in two\n");
        ok(run(project, "commit", "-m", "second"));
        Files.writeString(content.resolve("notes.txt"), "uncommitted\n");
        String head = headId();

        Result text = ok(run(project, "restore", "v1", "--dry-run"));
        assertThat(text.out()).contains("would write 1 file and delete 1:", "  M notes.txt", "  D added.txt",
                "1 uncommitted change would be saved first", "Nothing was changed");
        JsonNode plan = ok(run(project, "--json", "restore", "v1", "-n")).json();
        assertThat(plan.get("dryRun").asBoolean()).isTrue();
        assertThat(plan.get("written").toString()).isEqualTo("[\"notes.txt\"]");
        assertThat(plan.get("deleted").toString()).isEqualTo("[\"added.txt\"]");
        assertThat(plan.get("autoSave").asBoolean()).isTrue();
        assertThat(plan.get("uncommitted").toString()).isEqualTo("[\"notes.txt\"]");
        // nothing changed: same HEAD, same files, and the real restore then does what was shown
        assertThat(headId()).isEqualTo(head);
        assertThat(Files.readString(content.resolve("notes.txt"))).isEqualTo("uncommitted\n");
        JsonNode r = ok(run(project, "--json", "restore", "v1")).json();
        assertThat(r.get("filesRestored").asInt()).isEqualTo(1);
        assertThat(r.get("filesDeleted").asInt()).isEqualTo(1);
        assertThat(r.get("autoSavedVersion").isNull()).isFalse();
    }

    @Test
    void diffAgainstAnOlderVersionShowsRenamesAsTheEngineFindsThem() throws IOException {
        Files.writeString(content.resolve("other.txt"), "other\n");
        ok(run(project, "commit", "-m", "second"));
        Files.move(content.resolve("notes.txt"), content.resolve("moved-notes.txt"));
        // against v1 (not HEAD) the move is still one rename, not a deletion and an addition
        JsonNode d = ok(run(project, "--json", "diff", "v1")).json();
        List<String> rows = new ArrayList<>();
        d.get("files").forEach(f -> rows.add(f.get("status").asText() + " " + f.get("path").asText()
                + (f.get("oldPath").isNull() ? "" : " <- " + f.get("oldPath").asText())));
        assertThat(rows).containsExactly("renamed moved-notes.txt <- notes.txt", "added other.txt");
        assertThat(ok(run(project, "diff", "v1")).out()).contains("rename from notes.txt", "rename to moved-notes.txt");
    }

    @Test
    void restoreSingleFilesAndIntoAnotherFolder() throws IOException {
        Files.writeString(content.resolve("notes.txt"), "second\n");
        Files.writeString(content.resolve("assets/readme.md"), "changed too\n");
        ok(run(project, "commit", "-m", "second"));
        Result r = ok(run(project, "restore", "v1", "--", "notes.txt"));
        assertThat(r.out()).contains("Restored");
        assertThat(Files.readString(content.resolve("notes.txt"))).isEqualTo("alpha\nbeta\ngamma\n");
        assertThat(Files.readString(content.resolve("assets/readme.md"))).isEqualTo("changed too\n");

        Path copy = tmp.resolve("old-copy");
        ok(run(project, "restore", "v1", "--to", copy.toString()));
        assertThat(Files.readString(copy.resolve("assets/readme.md"))).isEqualTo("# Assets\n");
        assertThat(Files.readAllBytes(copy.resolve("assets/img/logo.bin"))).containsExactly(0, 1, 2, 3, 0xff, 0);
        assertThat(Files.readString(content.resolve("assets/readme.md"))).isEqualTo("changed too\n");
    }

    @Test
    void tagNamesAVersionAndTagsNeverMove() throws IOException {
        Files.writeString(content.resolve("notes.txt"), "second\n");
        ok(run(project, "commit", "-m", "second"));
        ok(run(project, "tag", "HEAD", "release-1"));
        JsonNode tags = ok(run(project, "tag", "--json")).json();
        assertThat(tags.get("release-1").asText()).isEqualTo(headId());
        assertThat(tags.get("v1").asText()).isNotEqualTo(headId());
        assertThat(ok(run(project, "tag")).out()).contains("release-1 " + headId().substring(0, 8));
        Result moved = run(project, "tag", "HEAD", "v1");
        assertThat(moved.exit()).isEqualTo(ExitCodes.GENERAL);
        assertThat(moved.err()).contains("already names");
        assertThat(ok(run(project, "cat", "notes.txt", "--version", "release-1")).out()).isEqualTo("second\n");
    }

    @Test
    void versionArgumentsAcceptIdsPrefixesTagsAndHeadTilde() throws IOException {
        String v1 = headId();
        Files.writeString(content.resolve("notes.txt"), "second\n");
        ok(run(project, "commit", "-m", "second"));
        for (String ref : List.of(v1, v1.substring(0, 6), "v1", "HEAD~1", "head~1")) {
            assertThat(ok(run(project, "--json", "show", ref)).json().get("id").asText()).as(ref).isEqualTo(v1);
        }
    }

    /** True when some file under the project's .store holds {@code bytes}. */
    private boolean storeHolds(byte[] bytes) throws IOException {
        try (Stream<Path> files = Files.walk(project.resolve(".store"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] data = Files.readAllBytes(f);
                for (int i = 0; i + bytes.length <= data.length; i++) {
                    if (Arrays.equals(data, i, i + bytes.length, bytes, 0, bytes.length)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void gcPurgeRewritesThePacksOfRemovedObjectsSoTheirBytesLeaveTheDisk() throws IOException {
        // Over half a pack: GC keeps that pack (a smaller one it would merge with the others, orphan dropped).
        byte[] kept = new byte[Math.toIntExact(PackFormat.TARGET_PACK_BYTES / 2 + 300_000)];
        byte[] orphan = new byte[100_000]; // incompressible: stored as it is, so its bytes can be looked for
        new Random(1).nextBytes(kept);
        new Random(2).nextBytes(orphan);
        // One pack with an orphan (what an interrupted save leaves) beside a blob a version then uses.
        PackingAdapter planting = new PackingAdapter(new FileAdapter(project), true);
        BlobStore blobs = new BlobStore(planting, 6, true);
        blobs.put(orphan);
        blobs.put(kept);
        planting.keepWritten();
        planting.dispose();
        Files.write(content.resolve("kept.bin"), kept);
        ok(run(project, "commit", "-m", "kept"));
        byte[] marker = Arrays.copyOfRange(orphan, 50_000, 50_064);
        assertThat(ok(run(project, "gc")).out()).startsWith("Removed 1 blobs");
        assertThat(storeHolds(marker)).as("a mostly live pack is kept with the removed bytes").isTrue();
        JsonNode purged = ok(run(project, "gc", "--purge", "--json")).json();
        assertThat(purged.get("packsRewritten").asInt()).isEqualTo(1);
        assertThat(storeHolds(marker)).as("purged: in no file of the store").isFalse();
        assertThat(ok(run(project, "verify", "--deep", "--json")).json().get("errors")).isEmpty();
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new FileAdapter(project));
            assertThat(jcf.getFileContent("kept.bin")).isEqualTo(kept);
        }
    }

    @Test
    void gcVerifyAndStatsReport() throws IOException {
        JsonNode gc = ok(run(project, "gc", "--dry-run", "--json")).json();
        assertThat(gc.get("dryRun").asBoolean()).isTrue();
        assertThat(gc.get("blobsChecked").asLong()).isPositive();
        assertThat(ok(run(project, "gc")).out()).startsWith("Removed ");
        JsonNode verify = ok(run(project, "verify", "--deep", "--json")).json();
        assertThat(verify.get("valid").asBoolean()).isTrue();
        assertThat(verify.get("errors")).isEmpty();
        assertThat(ok(run(project, "verify")).out()).contains("OK: the history is intact");
        JsonNode stats = ok(run(project, "stats", "--json")).json();
        assertThat(stats.get("totalVersions").asInt()).isEqualTo(1);
        assertThat(stats.get("totalFiles").asInt()).isEqualTo(3);
        assertThat(stats.get("filesByType").get("binary").asInt()).isEqualTo(1);
        assertThat(ok(run(project, "stats")).out()).contains("Versions:        1", "Files (HEAD):    3 (2 text, 1 binary)");
    }

    /** Issue 12: one damaged journal byte no longer makes log, cat and verify fail; anything damaged exits non-zero. */
    @Test
    void aDamagedJournalLineOrBackupManifestIsReportedWithExitCodeAndRepaired() throws IOException {
        Files.writeString(content.resolve("notes.txt"), "second\n");
        ok(run(project, "commit", "-m", "second"));
        Path journal = project.resolve(".store/versions.jsonl");
        byte[] original = Files.readAllBytes(journal);
        byte[] damaged = original.clone();
        damaged[original.length / 4] ^= (byte) 0xFF; // inside the first version's line
        Files.write(journal, damaged);
        assertThat(ok(run(project, "log", "--oneline")).out().lines()).hasSize(2);
        assertThat(ok(run(project, "cat", "notes.txt", "--version", "v1")).out()).isEqualTo("alpha\nbeta\ngamma\n");
        Result verify = run(project, "verify");
        assertThat(verify.exit()).as(verify.toString()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(verify.out()).contains("line(s) [1]");
        ok(run(project, "verify", "--deep", "--repair"));
        assertThat(Files.readAllBytes(journal)).isEqualTo(original);
        assertThat(ok(run(project, "verify", "--deep")).out()).contains("OK: the history is intact");

        Path backup = project.resolve("manifest.json.bak");
        byte[] bak = Files.readAllBytes(backup);
        bak[bak.length / 2] ^= 1;
        Files.write(backup, bak);
        Result onBackup = run(project, "verify");
        assertThat(onBackup.exit()).as(onBackup.toString()).isEqualTo(ExitCodes.INTEGRITY);
        assertThat(onBackup.out()).contains("manifest.json.bak");
        ok(run(project, "verify", "--repair"));
        assertThat(ok(run(project, "verify")).out()).contains("OK: the history is intact");
    }

    @Test
    void exportAndImportRoundTripTheWholeHistory() throws IOException {
        Files.writeString(content.resolve("notes.txt"), "second\n");
        ok(run(project, "commit", "-m", "second"));
        JsonNode exported = ok(run(project, "export", "--json", "../novel.jcf")).json();
        assertThat(exported.get("versions").asInt()).isEqualTo(2);
        assertThat(Files.size(tmp.resolve("novel.jcf"))).isPositive();

        JsonNode imported = ok(run(tmp, "--json", "import", "novel.jcf")).json();
        assertThat(imported.get("versionsImported").asInt()).isEqualTo(2);
        Path copy = tmp.resolve("novel");
        assertThat(ok(run(copy, "cat", "notes.txt", "--version", "v1")).out()).isEqualTo("alpha\nbeta\ngamma\n");
        assertThat(ok(run(copy, "log", "--oneline")).out().lines()).hasSize(2);
        assertThat(ok(run(tmp, "import", "novel.jcf", "second-copy")).out()).contains("Imported 2 versions");

        Result notEmpty = run(tmp, "import", "novel.jcf", "outside");
        assertThat(notEmpty.exit()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(ok(run(project, "export", "../v1-only.jcf", "--version", "v1", "--no-history")).out()).contains("Exported");
    }

    @Test
    void configIsKeptPerProjectAndUsedByCommits() throws IOException {
        Map<String, String> noEnv = Map.of();
        ok(CliRunner.run(project, false, noEnv, "config", "author", "Grace Hopper"));
        ok(CliRunner.run(project, false, noEnv, "config", "compressionLevel", "9"));
        assertThat(ok(CliRunner.run(project, false, noEnv, "config", "author")).out()).isEqualTo("Grace Hopper\n");
        assertThat(ok(CliRunner.run(project, false, noEnv, "config")).out()).contains("author=Grace Hopper", "compressionLevel=9");
        JsonNode all = ok(CliRunner.run(project, false, noEnv, "config", "--json")).json();
        assertThat(all.get("compressionLevel").asInt()).isEqualTo(9);
        assertThat(Files.readString(project.resolve(CliSettings.FILE))).contains("Grace Hopper");

        Files.writeString(content.resolve("notes.txt"), "by grace\n");
        ok(CliRunner.run(project, false, noEnv, "commit", "-m", "configured"));
        assertThat(ok(run(project, "--json", "show")).json().get("author").asText()).isEqualTo("Grace Hopper");
        // The environment overrides the file (spec: flags > JCF_* > config file).
        Files.writeString(content.resolve("notes.txt"), "by env\n");
        ok(CliRunner.run(project, false, Map.of("JCF_AUTHOR", "Env Author"), "commit", "-m", "env"));
        assertThat(ok(run(project, "--json", "show")).json().get("author").asText()).isEqualTo("Env Author");

        assertThat(CliRunner.run(project, false, noEnv, "config", "colour", "blue").exit()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        Result bad = CliRunner.run(project, false, noEnv, "config", "compressionLevel", "12");
        assertThat(bad.exit()).isEqualTo(ExitCodes.BAD_ARGUMENTS);
        assertThat(bad.err()).contains("compressionLevel");
        assertThat(CliRunner.run(project, false, noEnv, "config", "email").exit()).isEqualTo(ExitCodes.GENERAL);
        ok(CliRunner.run(project, false, noEnv, "config", "--unset", "author"));
        assertThat(ok(CliRunner.run(project, false, noEnv, "config")).out()).doesNotContain("author");
    }

    @Test
    void workTreeProjectVersionsAFolderInPlaceAndIsFoundFromInsideIt() throws IOException {
        Path art = Files.createDirectories(tmp.resolve("Art"));
        Files.writeString(art.resolve("sketch.svg"), "<svg/>\n");
        Files.createDirectories(art.resolve("sub"));
        JsonNode init = ok(run(tmp, "--json", "init", "--work-tree", "Art")).json();
        assertThat(init.get("project").asText()).isEqualTo(art.resolve(".kamaros").toString());
        assertThat(init.get("workingCopy").asText()).isEqualTo(art.toString());
        ok(run(art.resolve("sub"), "commit", "-m", "Sketch"));
        Files.writeString(art.resolve("sketch.svg"), "<svg><circle/></svg>\n");
        assertThat(ok(run(art, "status", "-s")).out()).isEqualTo("M sketch.svg\n");
        ok(run(art, "restore", "HEAD", "--force"));
        assertThat(Files.readString(art.resolve("sketch.svg"))).isEqualTo("<svg/>\n");
        assertThat(Files.exists(art.resolve("content"))).isFalse();

        // History kept elsewhere: found with -C, the work tree remembered in the project's settings.
        Path photos = Files.createDirectories(tmp.resolve("Photos"));
        Files.write(photos.resolve("a.jpg"), new byte[] {1, 2, 3});
        ok(run(tmp, "init", "--work-tree", "Photos", "photo-history"));
        ok(run(tmp, "-C", "photo-history", "commit", "-m", "photos"));
        assertThat(ok(run(tmp, "-C", "photo-history", "cat", "a.jpg", "--version", "HEAD")).stdout()).containsExactly(1, 2, 3);
        assertThat(ok(run(tmp.resolve("photo-history"), "config", "workTree")).out().trim()).isEqualTo(photos.toString());
    }

    @Test
    void aFolderTrackedByTheDesktopAppIsVersionedInPlaceByTheCliToo() throws IOException {
        // The app tracks a folder with its history in <folder>/.kamaros and keeps no CLI settings.
        Path art = Files.createDirectories(tmp.resolve("Comic"));
        Files.writeString(art.resolve("page1.txt"), "panel 1\n");
        Files.writeString(art.resolve("page2.txt"), "panel 2\n");
        try (JcfManager jcf = new JcfManager()) {
            jcf.init(new FileAdapter(art.resolve(".kamaros"),
                    new FileAdapter.Options().workTree(art)));
            jcf.saveCheckpoint("Two pages");
        }
        assertThat(ok(run(art, "status", "-s")).out()).isEmpty();
        Files.writeString(art.resolve("page2.txt"), "panel 2, inked\n");
        assertThat(ok(run(tmp, "-C", art.toString(), "status", "-s")).out()).isEqualTo("M page2.txt\n");
        JsonNode commit = ok(run(art, "--json", "commit", "-m", "Ink page 2")).json();
        assertThat(commit.get("changes").toString()).isEqualTo("{\"added\":0,\"modified\":1,\"deleted\":0,\"renamed\":0}");
        assertThat(ok(run(art, "log", "--oneline")).out()).contains("Ink page 2", "Two pages");
        assertThat(Files.exists(art.resolve(".kamaros").resolve("content"))).isFalse();
    }

    @Test
    void rmAndMvWorkOnFilesAndFolders() throws IOException {
        ok(run(project, "mv", "assets", "media"));
        assertThat(Files.exists(content.resolve("media/img/logo.bin"))).isTrue();
        assertThat(Files.exists(content.resolve("assets/readme.md"))).isFalse();
        ok(run(project, "commit", "-m", "move folder"));
        JsonNode show = ok(run(project, "--json", "show")).json();
        assertThat(show.get("changes").get("renamed").asInt()).isEqualTo(2);
        ok(run(project, "rm", "-r", "media"));
        assertThat(ok(run(project, "status", "-s")).out().lines().toList())
                .containsExactlyInAnyOrder("D media/img/logo.bin", "D media/readme.md");
        assertThat(run(project, "rm", "nothing-here.txt").exit()).isEqualTo(ExitCodes.FILE_NOT_FOUND);
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommandAndProjectIsFoundFromSubfolders() throws IOException {
        assertThat(ok(run(tmp, "--json", "-C", "proj", "status")).json().get("clean").asBoolean()).isTrue();
        assertThat(ok(run(tmp, "status", "-C", "proj", "--json")).json().get("clean").asBoolean()).isTrue();
        assertThat(ok(run(content.resolve("assets/img"), "status", "--json")).json().get("project").asText())
                .isEqualTo(project.toString());
        Files.writeString(outside.resolve("q.txt"), "q");
        assertThat(ok(run(project, "-q", "add", outside.resolve("q.txt").toString())).out()).isEmpty();
        assertThat(ok(run(project, "add", "--quiet", outside.resolve("q.txt").toString())).out()).isEmpty();
    }

    @Test
    void versionHelpAndCompletion() {
        assertThat(ok(run(tmp, "--version")).out()).startsWith("kamaros ");
        assertThat(ok(run(tmp, "--json", "--version")).json().get("name").asText()).isEqualTo("kamaros");
        String help = ok(run(tmp, "help")).out();
        for (String command : KamarosCli.COMMANDS) {
            assertThat(help).as(command).contains("  " + command);
        }
        assertThat(help).doesNotContain("cds-training");
        assertThat(ok(run(tmp, "help", "commit")).out()).contains("--message", "--tag", "--author");
        assertThat(ok(run(tmp, "commit", "--help")).out()).contains("--allow-empty");
        String completion = ok(run(tmp, "completion")).out();
        assertThat(completion).contains("complete -F", "kamaros", "restore", "--json");
    }

    @Test
    void progressIsDrawnOnATerminalOnly() throws IOException {
        Files.write(content.resolve("big.bin"), new byte[3 << 20]);
        Result onTerminal = ok(run(project, true, "commit", "-m", "big"));
        assertThat(onTerminal.err()).contains("checkpoint [", "%");
        Files.write(content.resolve("big2.bin"), new byte[1 << 20]);
        Result piped = ok(run(project, false, "commit", "-m", "big2"));
        assertThat(piped.err()).isEmpty();
        Result json = ok(run(project, true, "--json", "verify", "--deep"));
        assertThat(json.err()).isEmpty();
        assertThat(json.json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void outputIsUtf8() throws IOException {
        Files.writeString(content.resolve("zażółć.txt"), "gęślą jaźń\n");
        ok(run(project, "commit", "-m", "Polski: żółw"));
        assertThat(new String(ok(run(project, "log", "--oneline")).stdout(), StandardCharsets.UTF_8)).contains("Polski: żółw");
        assertThat(ok(run(project, "cat", "zażółć.txt")).out()).isEqualTo("gęślą jaźń\n");
    }
}
