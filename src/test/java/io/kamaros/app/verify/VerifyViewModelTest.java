package io.kamaros.app.verify;

import static io.kamaros.app.Fx.onFx;
import static io.kamaros.app.Fx.runFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.app.Fx;
import io.kamaros.app.i18n.I18n;
import io.kamaros.app.session.ProjectSession;
import io.kamaros.app.toolkit.ToolTestSupport;
import io.kamaros.app.toolkit.ToolTestSupport.Errors;
import io.kamaros.app.toolkit.ToolTestSupport.SampleProject;
import io.kamaros.engine.model.FindingCode;
import io.kamaros.engine.model.RepairCode;
import io.kamaros.engine.model.VerificationReport;
import io.kamaros.engine.model.VerificationReport.FindingType;
import io.kamaros.engine.objects.BlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verify shows real damage grouped and explained; Repair fixes what can be rebuilt and says what could not. */
class VerifyViewModelTest {
    @TempDir
    Path tmp;

    private final Errors errors = new Errors();
    private ProjectSession session;

    @BeforeAll
    static void fx() {
        Fx.start();
        I18n.setLocale(Locale.ENGLISH); // the texts asserted below
    }

    @AfterEach
    void closeProject() {
        if (session != null) {
            ToolTestSupport.close(session);
        }
    }

    private static Path blob(SampleProject p, byte[] content) {
        return p.historyRoot().resolve(BlobStore.BLOBS_DIR).resolve(BlobStore.sha256Hex(content));
    }

    @Test
    void aHealthyProjectSaysSoAndOffersNoRepair() {
        SampleProject p = SampleProject.create(tmp.resolve("book"));
        session = p.openSession(ToolTestSupport.directRunner(errors));
        VerifyViewModel vm = onFx(() -> new VerifyViewModel(session));
        assertThat(vm.verdictProperty().get()).isEqualTo(VerifyViewModel.Verdict.NOT_CHECKED);
        for (boolean deep : new boolean[] {false, true}) {
            runFx(() -> {
                vm.deepProperty().set(deep);
                vm.verify();
            });
            assertThat(errors.errors).isEmpty();
            assertThat(vm.verdictProperty().get()).isEqualTo(VerifyViewModel.Verdict.HEALTHY);
            assertThat(vm.getGroups()).isEmpty();
            assertThat(vm.headlineProperty().get()).isNotBlank().doesNotContain("verify.");
            assertThat(vm.countsProperty().get()).contains("0");
            assertThat(onFx(() -> vm.canRepairBinding().get())).isFalse();
        }
    }

    @Test
    void damagedContentsAreFoundGroupedExplainedAndRepaired() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("book"));
        // HEAD's cover image: its blob is deleted (the same bytes are still in the project folder)
        Map<String, byte[]> head = p.versions.get(p.ids().get(4));
        Path cover = blob(p, head.get("cover.png"));
        assertThat(cover).exists();
        Files.delete(cover);
        // a byte of HEAD's story flipped (also in the folder, so repair can rewrite it)
        Path story = blob(p, head.get("story.txt"));
        byte[] body = Files.readAllBytes(story);
        body[body.length / 2] ^= (byte) 0xFF;
        Files.write(story, body);
        // a leftover of an interrupted operation
        Files.createDirectories(p.historyRoot().resolve(".store/temp"));
        Files.write(p.historyRoot().resolve(".store/temp/leftover"), new byte[64]);

        session = p.openSession(ToolTestSupport.directRunner(errors));
        VerifyViewModel vm = onFx(() -> new VerifyViewModel(session));
        runFx(() -> {
            vm.deepProperty().set(true);
            vm.verify();
        });
        assertThat(errors.errors).isEmpty();
        assertThat(vm.verdictProperty().get()).isEqualTo(VerifyViewModel.Verdict.DAMAGED);
        assertThat(vm.getGroups()).extracting(FindingGroup::type).contains(FindingType.MISSING_BLOB,
                FindingType.CORRUPT_BLOB, FindingType.STALE_TEMP);
        FindingGroup missing = vm.getGroups().stream().filter(g -> g.type() == FindingType.MISSING_BLOB).findFirst()
                .orElseThrow();
        assertThat(missing.error()).isTrue();
        assertThat(missing.count()).isEqualTo(1);
        assertThat(missing.title()).isEqualTo("Missing file contents");
        assertThat(missing.explanation()).contains("cannot be restored");
        assertThat(missing.whatToDo()).contains("Repair");
        assertThat(missing.items().get(0).where()).contains(BlobStore.sha256Hex(head.get("cover.png")).substring(0, 12));
        FindingGroup temp = vm.getGroups().stream().filter(g -> g.type() == FindingType.STALE_TEMP).findFirst()
                .orElseThrow();
        assertThat(temp.error()).isFalse();
        assertThat(temp.items().get(0).where()).contains(".store/temp/leftover");
        // errors come first, notes after
        assertThat(vm.getGroups().get(vm.getGroups().size() - 1).error()).isFalse();
        // older texts are rebuilt from HEAD's through patches, so the damaged story shows in them too
        int problems = vm.reportProperty().get().errors().size();
        assertThat(problems).isGreaterThanOrEqualTo(2);
        assertThat(vm.getGroups().stream().filter(FindingGroup::error).mapToInt(FindingGroup::count).sum())
                .isEqualTo(problems);
        assertThat(vm.countsProperty().get()).startsWith("Problems: " + problems + " · Notes: 1");
        assertThat(onFx(() -> vm.canRepairBinding().get())).isTrue();

        runFx(vm::repair);
        assertThat(errors.errors).isEmpty();
        assertThat(vm.repairRanProperty().get()).isTrue();
        assertThat(vm.getRepaired()).hasSizeGreaterThanOrEqualTo(3)
                .anyMatch(s -> s.contains("cover.png")).anyMatch(s -> s.contains("story.txt"))
                .anyMatch(s -> s.contains("temp"));
        assertThat(vm.verdictProperty().get()).isEqualTo(VerifyViewModel.Verdict.HEALTHY);
        assertThat(vm.getGroups()).isEmpty();
        assertThat(cover).exists();
        assertThat(onFx(() -> vm.canRepairBinding().get())).isFalse();

        // and a fresh deep check agrees
        runFx(vm::verify);
        assertThat(vm.verdictProperty().get()).isEqualTo(VerifyViewModel.Verdict.HEALTHY);
    }

    @Test
    void whatCannotBeRebuiltIsReportedAsNotFixed() throws Exception {
        SampleProject p = SampleProject.create(tmp.resolve("book"));
        // the old sketch was deleted in version 3: its only copy is this blob, nothing can rebuild it
        byte[] sketch = p.versions.get(p.ids().get(0)).get("old-sketch.png");
        Files.delete(blob(p, sketch));

        session = p.openSession(ToolTestSupport.directRunner(errors));
        VerifyViewModel vm = onFx(() -> new VerifyViewModel(session));
        runFx(vm::verify); // quick finds a missing object too
        assertThat(vm.verdictProperty().get()).isEqualTo(VerifyViewModel.Verdict.DAMAGED);
        assertThat(vm.getGroups()).singleElement().satisfies(g -> {
            assertThat(g.type()).isEqualTo(FindingType.MISSING_BLOB);
            assertThat(g.items()).singleElement().satisfies(r -> assertThat(r.message() + r.where())
                    .contains("old-sketch.png"));
        });

        runFx(vm::repair);
        assertThat(errors.errors).isEmpty();
        assertThat(vm.repairRanProperty().get()).isTrue();
        assertThat(vm.getRepaired()).isEmpty();
        assertThat(vm.verdictProperty().get()).isEqualTo(VerifyViewModel.Verdict.DAMAGED);
        assertThat(vm.getGroups()).extracting(FindingGroup::type).containsExactly(FindingType.MISSING_BLOB);
        assertThat(vm.headlineProperty().get()).contains("One problem");
    }

    @Test
    void polishTextsExistForEveryFindingType() {
        for (FindingType t : FindingType.values()) {
            String k = "verify.type." + t.name().toLowerCase(Locale.ROOT);
            for (String suffix : new String[] {".title", ".explain", ".todo"}) {
                assertThat(ResourceBundle.getBundle("io.kamaros.app.i18n.messages", Locale.ROOT)
                        .containsKey(k + suffix)).as(k + suffix).isTrue();
                assertThat(ResourceBundle.getBundle("io.kamaros.app.i18n.messages",
                        Locale.forLanguageTag("pl")).getString(k + suffix)).as(k + suffix).isNotBlank();
            }
        }
    }

    /** Files changed since the last checkpoint are the finding a person meets most: worded in the app's language. */
    @Test
    void changedFilesAreWordedInTheAppsLanguage() {
        VerificationReport.Finding moved = new VerificationReport.Finding(FindingType.WORKING_COPY_DRIFT,
                FindingCode.DRIFT_RENAMED, List.of("b.txt", "a.txt"),
                "'b.txt' was moved from 'a.txt' since HEAD (not saved yet).",
                Map.of("path", "b.txt", "change", "RENAMED", "previousPath", "a.txt"), null);
        VerificationReport.Finding other = new VerificationReport.Finding(FindingType.WORKING_COPY_DRIFT,
                "'c.txt' is new since HEAD (not saved yet).", Map.of("path", "c.txt"), null);
        try {
            I18n.setLocale(Locale.forLanguageTag("pl"));
            assertThat(VerifyViewModel.message(moved))
                    .isEqualTo("Plik \u201eb.txt\u201d został przeniesiony z \u201ea.txt\u201d od ostatniego punktu kontrolnego (zmiana jeszcze niezapisana).");
            assertThat(VerifyViewModel.message(other)).as("a finding made outside the verifier keeps its own words")
                    .isEqualTo(other.message());
        } finally {
            I18n.setLocale(Locale.ENGLISH);
        }
        assertThat(VerifyViewModel.message(moved))
                .isEqualTo("The file \u201cb.txt\u201d was moved from \u201ca.txt\u201d since the last checkpoint (not saved yet).");
    }

    /**
     * Issue 14: every finding the verifier can make has its sentence in both bundles (no English sentence
     * of the engine reaches the Polish app), and each one takes the arguments the engine gives it.
     */
    @Test
    void everyFindingCodeIsWordedInBothLanguages() throws Exception {
        Properties english = bundle("messages.properties");
        Properties polish = bundle("messages_pl.properties");
        for (FindingCode code : FindingCode.values()) {
            if (code == FindingCode.OTHER) {
                continue; // not the verifier's: shown with its own message
            }
            String key = "verify.finding." + code.key();
            assertThat(english).as(key).containsKey(key);
            assertThat(polish).as(key).containsKey(key);
            VerificationReport.Finding f = new VerificationReport.Finding(FindingType.INVALID_MANIFEST, code,
                    sampleArguments(code), "English", Map.of(), null);
            String en = VerifyViewModel.message(f);
            String pl;
            try {
                I18n.setLocale(Locale.forLanguageTag("pl"));
                pl = VerifyViewModel.message(f);
            } finally {
                I18n.setLocale(Locale.ENGLISH);
            }
            assertThat(en).as(key).doesNotContain("{").doesNotContain("}").isNotEqualTo(pl);
            assertThat(pl).as(key).doesNotContain("{").doesNotContain("}");
        }
    }

    /** Issue 14: what repair did reaches the Polish app in Polish: every repair code is worded in both bundles. */
    @Test
    void everyRepairCodeIsWordedInBothLanguages() throws Exception {
        Properties english = bundle("messages.properties");
        Properties polish = bundle("messages_pl.properties");
        for (RepairCode code : RepairCode.values()) {
            String key = "verify.repaired." + code.key();
            assertThat(english).as(key).containsKey(key);
            assertThat(polish).as(key).containsKey(key);
            for (List<Object> arguments : sampleArguments(code)) {
                VerificationReport.Repair r = new VerificationReport.Repair(code, arguments, "English");
                String en = VerifyViewModel.message(r);
                String pl;
                try {
                    I18n.setLocale(Locale.forLanguageTag("pl"));
                    pl = VerifyViewModel.message(r);
                } finally {
                    I18n.setLocale(Locale.ENGLISH);
                }
                assertThat(en).as(key).doesNotContain("{").doesNotContain("}").isNotEqualTo(pl);
                assertThat(pl).as(key).doesNotContain("{").doesNotContain("}");
            }
        }
        VerificationReport.Repair taken = new VerificationReport.Repair(RepairCode.JOURNAL_VERSIONS_TAKEN_BACK,
                List.of(2, "1a2b3c4d \"Fix\", 5e6f7a8b \"Draft\"", "cut"), "English");
        try {
            I18n.setLocale(Locale.forLanguageTag("pl"));
            assertThat(VerifyViewModel.message(taken)).isEqualTo("2 zapisane wersje, których nie było w indeksie projektu, "
                    + "przywrócono do historii: 1a2b3c4d \"Fix\", 5e6f7a8b \"Draft\"; resztę niedokończonego zapisu usunięto.");
        } finally {
            I18n.setLocale(Locale.ENGLISH);
        }
    }

    /** Every shape of arguments {@link RepairCode} lists (counts as numbers, one and many). */
    private static List<List<Object>> sampleArguments(RepairCode code) {
        return switch (code) {
            case MANIFEST_RESTORED_WITH_JOURNAL -> List.of(List.of(1, "1a2b3c4d", 0, ""), List.of(3, "1a, 2b, 3c", 2, "x; y"),
                    List.of(0, "", 1, "x"));
            case PACK_INDEXES_REWRITTEN, TEMP_FILES_DELETED -> List.of(List.of(1), List.of(3), List.of(12));
            case JOURNAL_TAIL_CUT -> List.of(List.of(1L, "why"), List.of(412L, "why"));
            case JOURNAL_VERSIONS_TAKEN_BACK -> List.of(List.of(1, "1a2b3c4d \"Fix\"", "none"),
                    List.of(5, "…", "cut"));
            default -> List.of(List.of("chapters/01.md", "notes.txt"));
        };
    }

    /** Arguments of the kinds {@link FindingCode} lists: counts and line numbers are numbers, the rest text. */
    private static List<Object> sampleArguments(FindingCode code) {
        return switch (code) {
            case JOURNAL_SHORT -> List.of(5, 3);
            case VERSION_LOST -> List.of(4, "1a2b3c4d", "nocopy");
            case JOURNAL_LINES_DAMAGED, JOURNAL_COPY_DAMAGED -> List.of(2, "3, 7");
            default -> List.of("chapters/01.md", "1a2b3c4d", ".store/deltas/ab12");
        };
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = VerifyViewModel.class.getResourceAsStream("/io/kamaros/app/i18n/" + name);
             Reader r = new InputStreamReader(Objects.requireNonNull(in, name), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
