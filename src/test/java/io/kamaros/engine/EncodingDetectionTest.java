package io.kamaros.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kamaros.engine.project.ContentStore;
import io.kamaros.engine.model.TextEncoding;
import io.kamaros.engine.store.FileAdapter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.kamaros.engine.model.FileInfo;
import io.kamaros.engine.model.FileType;
import io.kamaros.engine.model.JcfConfig;

/**
 * Text that is not UTF-8 (UTF-16 with a BOM, windows-1250, Latin-1, windows-1252) is text: listed as
 * text with its encoding, saved with reverse text patches, and every version comes back byte-exact.
 * Binary data is never taken for text.
 */
class EncodingDetectionTest {
    @TempDir
    Path tmp;

    private static final String POLISH = "Zażółć gęślą jaźń. Pchnąć w tę łódź jeża lub ośm skrzyń fig.\n"
            + "Święty Mikołaj przyniósł prezenty dzieciom w Łodzi i Gdańsku.\n";
    private static final String GERMAN = "Grüße aus München! Die Größe der Straße ist schön. Ärger über Öl.\n"
            + "Café, naïve, façade, déjà vu, señor, año.\n";
    private static final String QUOTES = "„Preis“: 20 € – “quoted” … and more text with Grüße.\n";

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("utf-16le", "\uFEFF" + POLISH, "UTF-16LE", "utf-16le"),
                Arguments.of("utf-16be", "\uFEFF" + GERMAN, "UTF-16BE", "utf-16be"),
                Arguments.of("windows-1250", POLISH, "windows-1250", "windows-1250"),
                Arguments.of("latin-1", GERMAN, "ISO-8859-1", "iso-8859-1"),
                Arguments.of("windows-1252", QUOTES + GERMAN, "windows-1252", "windows-1252"),
                Arguments.of("utf-8", POLISH + GERMAN, "UTF-8", "utf-8"));
    }

    private static String lines(String paragraph, int from, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            sb.append(i).append(": ").append(paragraph);
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void textInAnyCommonEncodingIsTextAndComesBackByteExact(String name, String paragraph, String charset,
                                                             String expected) throws Exception {
        Charset cs = Charset.forName(charset);
        String first = lines(paragraph, 0, 30);
        String second = first.replace("7: ", "seven: ") + lines(paragraph, 30, 2);
        if (paragraph.startsWith("\uFEFF")) { // one BOM, at the start
            first = "\uFEFF" + first.replace("\uFEFF", "");
            second = "\uFEFF" + second.replace("\uFEFF", "");
        }
        byte[] v1Bytes = first.getBytes(cs);
        byte[] v2Bytes = second.getBytes(cs);
        assertThat(TextEncoding.detect(v1Bytes, v1Bytes.length)).isEqualTo(expected);

        FileAdapter adapter = new FileAdapter(tmp.resolve(name));
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(adapter);
            Files.createDirectories(adapter.workingCopyPath());
            Files.write(adapter.workingCopyPath().resolve("notes.txt"), v1Bytes); // appears in the working copy
            String v1 = jcf.saveCheckpoint("one");
            FileInfo listed = jcf.listFiles().get(0);
            assertThat(listed.fileType()).isEqualTo(FileType.TEXT);
            assertThat(listed.encoding()).isEqualTo(expected);
            assertThat(listed.mime()).isEqualTo("text/plain");
            assertThat(jcf.listFiles("", v1).get(0).encoding()).isEqualTo(expected);

            jcf.addFile("notes.txt", v2Bytes);
            assertThat(jcf.listFiles().get(0).encoding()).as("an uncommitted edit").isEqualTo(expected);
            String v2 = jcf.saveCheckpoint("two");
            assertThat(jcf.getVersion(v2).orElseThrow().fileStates().get("notes.txt").type()).isEqualTo(FileType.TEXT);
            assertThat(jcf.getStats().deltasSize()).as("the older text is kept as a reverse patch").isPositive();

            assertThat(jcf.getFileContent("notes.txt", v1)).isEqualTo(v1Bytes);
            assertThat(jcf.getFileContent("notes.txt", v2)).isEqualTo(v2Bytes);
            jcf.restoreVersion(v1);
            assertThat(Files.readAllBytes(adapter.workingCopyPath().resolve("notes.txt"))).isEqualTo(v1Bytes);
            assertThat(jcf.listFiles("", v1).get(0).encoding()).isEqualTo(expected);
            jcf.restoreVersion(v2);
            assertThat(Files.readAllBytes(adapter.workingCopyPath().resolve("notes.txt"))).isEqualTo(v2Bytes);
        }
        String manifest = Files.readString(adapter.rootPath().resolve("manifest.json"));
        if (expected.equals("utf-8")) {
            assertThat(manifest).as("UTF-8 is not written: manifests stay as before").doesNotContain("\"encoding\"");
        } else {
            assertThat(manifest).contains("\"encoding\":\"" + expected + "\"");
        }
        try (JcfManager reopened = new JcfManager()) {
            reopened.init(new FileAdapter(adapter.rootPath()));
            assertThat(reopened.listFiles().get(0).encoding()).as("recorded in the manifest").isEqualTo(expected);
            assertThat(TextEncoding.decode(reopened.getFileContent("notes.txt"))).isEqualTo(second.replace("\uFEFF", ""));
        }
    }

    @Test
    void binaryIsNeverText() throws Exception {
        Random random = new Random(12);
        int checked = 0;
        // From 64 bytes on: a few random bytes may well be text ("E" is a valid text file, and so is
        // a short run of printable characters); 64 random bytes without a control character or NUL
        // happen about once in 2,000 draws, and then still need to look like a language.
        for (int size : new int[] {64, 100, 128, 256, 512, 1000, 4096, 8192, 20_000, 65_536, 200_000}) {
            for (int round = 0; round < 100; round++) {
                byte[] b = new byte[size];
                random.nextBytes(b);
                assertBinary("random " + size, b);
                checked++;
            }
        }
        // compressed text: what archives, office documents and images are made of
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
            out.write(lines(POLISH + GERMAN, 0, 200).getBytes(Charset.forName("UTF-8")));
        }
        assertBinary("deflate", deflated.toByteArray());
        for (String resource : new String[] {"/io/kamaros/engine/JcfManager.class"}) {
            try (var in = JcfManager.class.getResourceAsStream(resource)) {
                assertBinary(resource, in.readAllBytes());
            }
        }
        Path png = Path.of("assets/icons/kamaros.png");
        if (Files.exists(png)) {
            assertBinary("png", Files.readAllBytes(png));
        }
        assertThat(checked).isEqualTo(1100);
    }

    private static void assertBinary(String what, byte[] b) {
        assertThat(ContentStore.detectType(b, b.length)).as(what + " " + HexFormat.of()
                .formatHex(b, 0, Math.min(b.length, 32))).isEqualTo(FileType.BINARY);
    }
}
