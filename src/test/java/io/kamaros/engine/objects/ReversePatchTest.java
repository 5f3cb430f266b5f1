package io.kamaros.engine.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kamaros.engine.model.CorruptionException;
import io.kamaros.engine.store.MemoryAdapter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReversePatchTest {

    // ---- properties -------------------------------------------------------------------------

    @Property(tries = 400)
    void applyOfCreateGivesTheTargetForUnrelatedTexts(@ForAll("texts") byte[] a, @ForAll("texts") byte[] b) {
        assertThat(ReversePatch.apply(a, ReversePatch.create(a, b))).isEqualTo(b);
    }

    @Property(tries = 400)
    void applyOfCreateGivesTheTargetForEditedTexts(@ForAll("texts") byte[] a, @ForAll long seed) {
        byte[] b = edit(a, new Random(seed));
        byte[] patch = ReversePatch.create(a, b);
        assertThat(ReversePatch.apply(a, patch)).isEqualTo(b);
        // and the reverse direction, as the engine uses it (newer -> older)
        assertThat(ReversePatch.apply(b, ReversePatch.create(b, a))).isEqualTo(a);
    }

    @Property(tries = 100)
    void equalTextsGiveTheEmptyPatch(@ForAll("texts") byte[] a) {
        assertThat(ReversePatch.create(a, a.clone())).isEmpty();
        assertThat(ReversePatch.apply(a, new byte[0])).isEqualTo(a);
    }

    @Provide
    Arbitrary<byte[]> texts() {
        Arbitrary<String> body = Arbitraries.of("", "alpha", "beta", "gamma", "    indented", "ünïcödé",
                "日本語のテキスト", "emoji 😀", "tab\there", "cr\rinside", "\\ backslash", "+plus", "-minus",
                " space", "@@ -1 +1 @@");
        Arbitrary<String> line = Combinators.combine(body, Arbitraries.of("\n", "\r\n")).as(String::concat);
        return Combinators.combine(line.list().ofMaxSize(40), body, Arbitraries.of(true, false))
                .as((lines, last, unterminated) -> {
                    StringBuilder sb = new StringBuilder();
                    lines.forEach(sb::append);
                    if (unterminated) {
                        sb.append(last);
                    }
                    return sb.toString().getBytes(StandardCharsets.UTF_8);
                });
    }

    /** Drops, changes, inserts lines and flips line endings, like a person editing. */
    private static byte[] edit(byte[] text, Random rnd) {
        List<String> lines = ReversePatch.lines(text);
        List<String> out = new ArrayList<>();
        String[] pool = {"new\n", "changed\r\n", "inserted ü\n", "\n", "\r\n"};
        for (String line : lines) {
            int r = rnd.nextInt(10);
            if (r == 0) {
                continue;
            } else if (r == 1) {
                out.add(pool[rnd.nextInt(pool.length)]);
            } else if (r == 2) {
                out.add(line.endsWith("\r\n") ? line.substring(0, line.length() - 2) + "\n"
                        : line.endsWith("\n") ? line.substring(0, line.length() - 1) + "\r\n" : line);
            } else {
                out.add(line);
                if (r == 3) {
                    out.add(pool[rnd.nextInt(pool.length)]);
                }
            }
        }
        // Only the last line may lack a newline.
        for (int i = 0; i < out.size() - 1; i++) {
            if (!out.get(i).endsWith("\n")) {
                out.set(i, out.get(i) + "\n");
            }
        }
        if (!out.isEmpty() && rnd.nextInt(4) == 0) {
            String last = out.get(out.size() - 1);
            out.set(out.size() - 1, last.endsWith("\n") ? last.substring(0, last.length() - 1) : last + "\n");
        }
        return String.join("", out).getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---- examples ---------------------------------------------------------------------------

    @Test
    void writesThePeersFormat() {
        byte[] from = "a\nb\nc\n".getBytes(StandardCharsets.UTF_8);
        byte[] to = "a\nB\nc".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(ReversePatch.create(from, to), StandardCharsets.UTF_8)).isEqualTo(
                "@@ -1,3 +1,3 @@\n a\n-b\n-c\n+B\n+c\n\\ No newline at end of file\n");
        assertThat(new String(ReversePatch.create(new byte[0], "x\n".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo("@@ -0,0 +1 @@\n+x\n");
        assertThat(ReversePatch.apply(new byte[0], "@@ -0,0 +1 @@\n+x\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("x\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void lineEndingOnlyChangesRoundTrip() {
        byte[] lf = "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8);
        byte[] crlf = "one\r\ntwo\r\nthree\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] patch = ReversePatch.create(crlf, lf);
        assertThat(patch).isNotEmpty();
        assertThat(ReversePatch.apply(crlf, patch)).isEqualTo(lf);
        assertThat(ReversePatch.apply(lf, ReversePatch.create(lf, crlf))).isEqualTo(crlf);
    }

    @Test
    void keepsBytesThatAreNotUtf8() {
        byte[] a = {'x', '\n', (byte) 0xff, (byte) 0xfe, '\n'};
        byte[] b = {'x', '\n', (byte) 0xc3, '\n', 'y'};
        assertThat(ReversePatch.apply(a, ReversePatch.create(a, b))).isEqualTo(b);
    }

    @Test
    void peerPatchesTurnHeadBackIntoOlderVersions() throws IOException {
        Fixture fx = Fixture.load();
        String v1 = fx.notesHash(0);
        String v2 = fx.notesHash(1);
        String v3 = fx.notesHash(2);
        byte[] head = fx.adapter.readFile(".store/blobs/" + v3);
        assertThat(sha256(head)).isEqualTo(v3);

        byte[] older = ReversePatch.apply(head, fx.adapter.readFile(fx.notesRef(2)));
        assertThat(sha256(older)).isEqualTo(v2);
        byte[] oldest = ReversePatch.apply(older, fx.adapter.readFile(fx.notesRef(1)));
        assertThat(sha256(oldest)).isEqualTo(v1);
        assertThat(oldest).isEqualTo(fx.adapter.readFile(".store/blobs/" + v1));

        // Our own output for the same step is the peer's patch, byte for byte.
        assertThat(ReversePatch.create(head, older)).isEqualTo(fx.adapter.readFile(fx.notesRef(2)));
        assertThat(ReversePatch.create(older, oldest)).isEqualTo(fx.adapter.readFile(fx.notesRef(1)));
    }

    @Test
    void tamperedPatchesAreRejected() throws IOException {
        Fixture fx = Fixture.load();
        byte[] head = fx.adapter.readFile(".store/blobs/" + fx.notesHash(2));
        String patch = new String(fx.adapter.readFile(fx.notesRef(2)), StandardCharsets.UTF_8);

        String changedContext = patch.replace(" theta\n", " THETA\n");
        assertThatThrownBy(() -> ReversePatch.apply(head, changedContext.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PatchException.class).isInstanceOf(CorruptionException.class)
                .hasMessageContaining("hunk 2").hasMessageContaining("THETA");

        String movedHunk = patch.replace("@@ -6,4 +7,3 @@", "@@ -5,4 +6,3 @@");
        assertThatThrownBy(() -> ReversePatch.apply(head, movedHunk.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PatchException.class).hasMessageContaining("hunk 2");

        String wrongCount = patch.replace("@@ -1,3 +1,4 @@", "@@ -1,3 +1,5 @@");
        assertThatThrownBy(() -> ReversePatch.apply(head, wrongCount.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PatchException.class).hasMessageContaining("hunk 1");

        assertThatThrownBy(() -> ReversePatch.apply(head, "not a patch\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PatchException.class);
        byte[] truncated = patch.substring(0, patch.length() - 7).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ReversePatch.apply(head, truncated)).isInstanceOf(PatchException.class);
    }

    @Test
    void aPatchForAnotherBaseIsRejected() {
        byte[] a = "1\n2\n3\n4\n5\n".getBytes(StandardCharsets.UTF_8);
        byte[] b = "1\n2\nthree\n4\n5\n".getBytes(StandardCharsets.UTF_8);
        byte[] patch = ReversePatch.create(a, b);
        byte[] crlfBase = "1\r\n2\r\n3\r\n4\r\n5\r\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ReversePatch.apply(crlfBase, patch)).isInstanceOf(PatchException.class);
        byte[] unterminated = "1\n2\n3\n4\n5".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ReversePatch.apply(unterminated, patch)).isInstanceOf(PatchException.class);
        byte[] shorter = "1\n2\n3\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ReversePatch.apply(shorter, patch)).isInstanceOf(PatchException.class);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The peer's exported project (see /work/shared/fixtures/README.md), as a memory adapter. */
    static final class Fixture {
        final MemoryAdapter adapter;
        final JsonNode versions;

        private Fixture(MemoryAdapter adapter, JsonNode versions) {
            this.adapter = adapter;
            this.versions = versions;
        }

        static Fixture load() throws IOException {
            try (InputStream in = ReversePatchTest.class.getResourceAsStream("/fixtures/kamaros-peer-export.zip")) {
                assertThat(in).as("fixture on the test class path").isNotNull();
                MemoryAdapter adapter = MemoryAdapter.fromBytes(in.readAllBytes());
                JsonNode manifest = new ObjectMapper().readTree(adapter.readFile(".store/manifest.json"));
                return new Fixture(adapter, manifest.get("versionHistory"));
            }
        }

        String notesHash(int version) {
            return versions.get(version).get("fileStates").get("notes.txt").get("hash").asText();
        }

        String notesRef(int version) {
            return versions.get(version).get("fileStates").get("notes.txt").get("contentRef").asText();
        }
    }
}
