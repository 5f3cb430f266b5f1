package io.kamaros.app.demo;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.CheckpointOptions;
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.store.FolderTrees;
import io.kamaros.frontend.ProjectLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Generates "Moonlit Garden", the example project: a picture book written by three people over five
 * weeks — 25 versions with messages, authors and tags; markdown chapters, a JSON config, a YAML style
 * sheet, a Python script, PNG illustrations that change; renames, deletions, and a branch (an older
 * version restored and worked on, so the history forks). Content and the spacing of the versions
 * are the same every time (the times are counted back from when it is generated).
 */
public final class DemoProjectGenerator {
    /** Bump when the content changes, so an older generated demo is replaced. */
    static final String GENERATOR_VERSION = "1";
    public static final String PROJECT_NAME = "Moonlit Garden";
    private static final String MARKER = ".generated-by-kamaros";

    private static final String MAJA = "Maja Kowalska";
    private static final String TOM = "Tom Reed";
    private static final String ANA = "Ana Silva";

    /** How many versions the demo has (for progress). */
    public static final int VERSIONS = 25;

    private final List<String> versionIds = new ArrayList<>();
    private final IntConsumer progress;
    private @Nullable Instant clock; // set when generating starts

    public DemoProjectGenerator() {
        this(done -> { });
    }

    /** {@code progress} hears the number of versions written so far. */
    public DemoProjectGenerator(IntConsumer progress) {
        this.progress = progress;
    }

    /** The demo project in {@code demoHome}, generated when missing or out of date. */
    public static ProjectLocation ensure(Path demoHome) throws IOException {
        return ensure(demoHome, done -> { });
    }

    /** Like {@link #ensure(Path)}, reporting the versions written while generating. */
    public static ProjectLocation ensure(Path demoHome, IntConsumer progress) throws IOException {
        ProjectLocation ready = readyDemo(demoHome);
        if (ready != null) {
            return ready;
        }
        Path folder = demoHome.resolve(PROJECT_NAME);
        Path marker = demoHome.resolve(MARKER);
        FolderTrees.delete(demoHome);
        Files.createDirectories(folder);
        new DemoProjectGenerator(progress).generate(folder, Instant.now());
        Files.writeString(marker, GENERATOR_VERSION);
        return ProjectLocation.trackedFolder(folder);
    }

    /** True when {@code demoHome} holds the demo as this generator makes it, so {@link #ensure} only opens it. */
    public static boolean isReady(Path demoHome) {
        try {
            return readyDemo(demoHome) != null;
        } catch (IOException e) {
            return false; // ensure finds out
        }
    }

    private static @Nullable ProjectLocation readyDemo(Path demoHome) throws IOException {
        ProjectLocation existing = ProjectLocation.detect(demoHome.resolve(PROJECT_NAME));
        Path marker = demoHome.resolve(MARKER);
        return existing != null && Files.isRegularFile(marker)
                && GENERATOR_VERSION.equals(Files.readString(marker).strip()) ? existing : null;
    }

    /** Writes the whole history into {@code folder} (tracked in place); the last version is 2 hours before {@code now}. */
    public List<String> generate(Path folder, Instant now) {
        // 35 days of work, counted back from the last version
        clock = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(35)).minus(Duration.ofHours(2));
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author(MAJA).email("maja@example.com").build())) {
            jcf.init(ProjectLocation.trackedFolder(folder).adapter());
            write(jcf);
        }
        return List.copyOf(versionIds);
    }

    private void write(JcfManager jcf) {
        // week 1
        jcf.addFile("README.md", readme(0));
        jcf.addFile("book.json", bookJson(List.of("01-the-gate"), "draft"));
        jcf.addFile("notes/todo.txt", "- outline the story\n- find a name for the fox\n- ask Tom about the printer\n");
        save(jcf, 0, 9, MAJA, "Start the picture book: outline and notes");
        jcf.addFile("chapters/01-the-gate.md", chapter1(0));
        save(jcf, 0, 16, MAJA, "First draft of chapter 1");
        jcf.addFile("illustrations/cover.png", DemoImages.cover(0));
        jcf.addFile("illustrations/sketch-fox.png", DemoImages.fox(0));
        save(jcf, 1, 11, TOM, "Cover and fox sketches");
        jcf.addFile("chapters/01-the-gate.md", chapter1(1));
        save(jcf, 2, 10, MAJA, "Chapter 1: the gate creaks, the moon rises earlier");
        jcf.addFile("style.yaml", styleYaml(0));
        jcf.addFile("scripts/build_book.py", buildScript(0));
        save(jcf, 3, 15, TOM, "Page style and a script that builds the PDF");
        jcf.addFile("notes/todo.txt", "- outline the story\n- find a name for the fox: Rusty?\n- ask Tom about the printer\n");
        save(jcf, 4, 12, ANA, "Notes: a name for the fox");
        // week 2
        jcf.addFile("chapters/02-night-visitors.md", chapter2(0));
        jcf.addFile("book.json", bookJson(List.of("01-the-gate", "02-night-visitors"), "draft"));
        save(jcf, 7, 9, MAJA, "Chapter 2: night visitors");
        jcf.moveFile("illustrations/sketch-fox.png", "illustrations/fox.png");
        save(jcf, 7, 14, TOM, "Rename the fox sketch: it is the final drawing now");
        jcf.addFile("illustrations/fox.png", DemoImages.fox(2));
        save(jcf, 8, 10, TOM, "Colour the fox");
        jcf.addFile("chapters/02-night-visitors.md", chapter2(1));
        save(jcf, 9, 17, ANA, "Edit chapter 2: shorter sentences for reading aloud");
        jcf.addFile("illustrations/cover.png", DemoImages.cover(2));
        jcf.addFile("README.md", readme(1));
        save(jcf, 10, 12, TOM, "Cover: more flowers, title subtitle", "first-draft");
        // week 3
        jcf.addFile("chapters/03-the-fountain.md", chapter3(0, "fountain"));
        jcf.addFile("illustrations/fountain.png", DemoImages.fountain(0));
        jcf.addFile("book.json", bookJson(List.of("01-the-gate", "02-night-visitors", "03-the-fountain"), "draft"));
        save(jcf, 14, 10, MAJA, "Chapter 3 and the fountain drawing");
        jcf.removeFile("notes/todo.txt");
        save(jcf, 14, 18, MAJA, "Remove the old to-do list (all done)");
        jcf.moveFile("chapters/03-the-fountain.md", "chapters/03-the-silver-fountain.md");
        jcf.addFile("book.json", bookJson(List.of("01-the-gate", "02-night-visitors", "03-the-silver-fountain"), "draft"));
        save(jcf, 15, 11, ANA, "Rename chapter 3: \"The Silver Fountain\"");
        jcf.addFile("chapters/03-the-silver-fountain.md", chapter3(1, "silver fountain"));
        jcf.addFile("illustrations/fountain.png", DemoImages.fountain(2));
        save(jcf, 16, 15, ANA, "Chapter 3 edits; bigger fountain");
        jcf.addFile("style.yaml", styleYaml(1));
        jcf.addFile("scripts/build_book.py", buildScript(1));
        save(jcf, 17, 16, TOM, "Larger type for young readers; script adds page numbers");
        // week 4: the ending, then the book goes to the editor
        jcf.addFile("chapters/04-dawn.md", chapter4(0));
        jcf.addFile("book.json", bookJson(List.of("01-the-gate", "02-night-visitors", "03-the-silver-fountain",
                "04-dawn"), "review"));
        save(jcf, 21, 10, MAJA, "Chapter 4: dawn — the fox goes home");
        String beforeEditor = versionIds.get(versionIds.size() - 1);
        jcf.addFile("illustrations/cover.png", DemoImages.cover(4));
        jcf.addFile("README.md", readme(2));
        save(jcf, 22, 14, TOM, "Final cover for the editor", "sent-to-editor");
        jcf.addFile("chapters/01-the-gate.md", chapter1(2));
        jcf.addFile("chapters/04-dawn.md", chapter4(1));
        save(jcf, 24, 11, ANA, "Editor's notes on chapters 1 and 4");
        jcf.addFile("illustrations/fox.png", DemoImages.fox(4));
        save(jcf, 25, 15, TOM, "Fox: longer tail, as the editor asked");
        String mainTip = versionIds.get(versionIds.size() - 1);

        // a branch: go back to the ending before the editor, try the fox staying in the garden
        jcf.restoreVersion(beforeEditor);
        jcf.addFile("chapters/04-dawn.md", chapter4Alternative(0));
        save(jcf, 27, 10, MAJA, "Try an alternative ending: the fox stays in the garden");
        jcf.addFile("chapters/04-dawn.md", chapter4Alternative(1));
        jcf.addFile("illustrations/fountain.png", DemoImages.fountain(3));
        save(jcf, 27, 16, MAJA, "Alternative ending: fox and fountain at sunrise");
        jcf.addFile("notes/alternative-ending.txt", "Kept as a separate branch: the editor may prefer it for the sequel.\n");
        save(jcf, 28, 12, ANA, "Note why the alternative ending is kept", "alt-ending");

        // back to the main line for the final touches
        jcf.restoreVersion(mainTip);
        jcf.addFile("book.json", bookJson(List.of("01-the-gate", "02-night-visitors", "03-the-silver-fountain",
                "04-dawn"), "final"));
        jcf.addFile("scripts/build_book.py", buildScript(2));
        save(jcf, 33, 10, TOM, "Print settings for the final PDF");
        jcf.addFile("chapters/02-night-visitors.md", chapter2(2));
        jcf.addFile("README.md", readme(3));
        save(jcf, 35, 0, MAJA, "Last proofreading: the book is ready", "v1.0");
    }

    private void save(JcfManager jcf, int day, int hour, String author, String message, String... tags) {
        Instant clock = Objects.requireNonNull(this.clock, "generate() sets the clock before the first save");
        Instant at = clock.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(day)).plus(Duration.ofHours(hour))
                .plus(Duration.ofMinutes(7L * versionIds.size() % 50));
        if (day == 35) {
            at = clock.plus(Duration.ofDays(35));
        }
        String email = author.split(" ")[0].toLowerCase(Locale.ROOT) + "@example.com";
        versionIds.add(jcf.saveCheckpoint(message, CheckpointOptions.builder().author(author).email(email)
                .tags(tags).timestamp(at).build()));
        progress.accept(versionIds.size());
    }

    private static String readme(int stage) {
        String[] status = {"Outline", "First draft of chapters 1–2", "With the editor", "Ready to print"};
        return "# Moonlit Garden\n\nA picture book about a fox who visits a garden at night.\n\n"
                + "- Text: Maja Kowalska, edited by Ana Silva\n- Pictures: Tom Reed\n\n"
                + "Status: **" + status[stage] + "**\n";
    }

    private static String bookJson(List<String> chapters, String state) {
        StringBuilder sb = new StringBuilder("{\n  \"title\": \"Moonlit Garden\",\n  \"state\": \"" + state + "\",\n"
                + "  \"trim\": { \"width_mm\": 210, \"height_mm\": 210 },\n  \"chapters\": [\n");
        for (int i = 0; i < chapters.size(); i++) {
            sb.append("    \"chapters/").append(chapters.get(i)).append(".md\"").append(i + 1 < chapters.size() ? ",\n" : "\n");
        }
        return sb.append("  ]\n}\n").toString();
    }

    private static String styleYaml(int stage) {
        return "page:\n  size: 210mm x 210mm\n  margin: 14mm\nfonts:\n  body: Literata\n  body_size: "
                + (stage == 0 ? "14pt" : "18pt") + "\n  headings: Fraunces\ncolours:\n  night: \"#121840\"\n"
                + "  moon: \"#faf0c8\"\n" + (stage > 0 ? "  fox: \"#dc6e28\"\n" : "");
    }

    private static String buildScript(int stage) {
        return "\"\"\"Builds the book PDF from book.json.\"\"\"\nimport json\n\n\ndef load_book(path=\"book.json\"):\n"
                + "    with open(path, encoding=\"utf-8\") as f:\n        return json.load(f)\n\n\n"
                + "def build(book):\n    pages = []\n    for chapter in book[\"chapters\"]:\n"
                + "        pages.append(open(chapter, encoding=\"utf-8\").read())\n"
                + (stage >= 1 ? "    pages = [f\"{p}\\n\\n— {i + 1} —\" for i, p in enumerate(pages)]\n" : "")
                + (stage >= 2 ? "    bleed_mm = 3  # the printer asked for 3 mm bleed\n" : "")
                + "    return pages\n\n\nif __name__ == \"__main__\":\n    print(len(build(load_book())), \"chapters\")\n";
    }

    private static String chapter1(int stage) {
        String moon = stage == 0 ? "The moon came up late that night." : "The moon came up early that night, round and bright.";
        String gate = stage < 2 ? "The old gate creaked." : "The old gate creaked, softly, as if it did not want to wake anyone.";
        return "# The Gate\n\n" + moon + "\n\n" + gate + "\n\nBehind it, the garden was waiting.\n"
                + "Roses slept. The beans climbed their poles in the dark.\n\n"
                + "Something small and red slipped through the bars.\n";
    }

    private static String chapter2(int stage) {
        String body = stage == 0
                ? "The visitors came one after another, the hedgehog first, then the owl, and finally the fox, who was the most curious of all and who looked at everything very carefully."
                : "The hedgehog came first.\nThen the owl.\nThen the fox — the most curious of all.";
        return "# Night Visitors\n\n" + body + "\n\n" + (stage >= 2 ? "\"Who is there?\" asked the owl.\n" : "\"Who's there?\" asked the owl.\n")
                + "Nobody answered. Only the fountain laughed.\n";
    }

    private static String chapter3(int stage, String name) {
        return "# The " + (stage == 0 ? "Fountain" : "Silver Fountain") + "\n\nIn the middle of the garden stood a "
                + name + ".\n\n" + (stage == 0 ? "The fox drank." : "The fox drank, and the water tasted of moonlight.")
                + "\n\nThe stars leaned in to listen.\n";
    }

    private static String chapter4(int stage) {
        return "# Dawn\n\nThe sky turned pink.\n\n" + (stage == 0 ? "The fox went home." : "The fox went home, tail high, humming.")
                + "\n\nThe garden kept the secret.\n\n*The end.*\n";
    }

    private static String chapter4Alternative(int stage) {
        return "# Dawn\n\nThe sky turned pink.\n\nThe fox did not go home.\nShe curled up by the fountain"
                + (stage == 0 ? "." : ", and the first sunbeam found her there.")
                + "\n\nThe garden had a new gardener.\n\n*The end?*\n";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
