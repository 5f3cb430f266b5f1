package io.kamaros.cli;

import io.kamaros.engine.JcfManager;
import io.kamaros.engine.model.Version;
import io.kamaros.engine.model.VersionNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import org.jspecify.annotations.Nullable;

@Command(name = "cat", description = "Print a file as it is in a version (default: the working copy).")
final class CatCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE")
    String file;

    @Option(names = {"-v", "--version"}, paramLabel = "V", description = "Id, id prefix, tag, HEAD or HEAD~N.")
    @Nullable String version;

    @Option(names = "--hex", description = "A hex dump (offset, bytes, ASCII).")
    boolean hex;

    @Option(names = {"-n", "--number"}, description = "Number the lines.")
    boolean number;

    @Override
    public Integer call() throws IOException {
        try (Project p = cli.openProject()) {
            JcfManager jcf = p.jcf();
            String path = p.projectPath(cli.cwd(), file);
            String versionId = null;
            if (version != null) {
                versionId = jcf.getVersion(version).map(Version::id).orElseThrow(() -> new VersionNotFoundException(version));
            }
            if (cli.json()) {
                byte[] bytes = jcf.getFileContent(path, versionId);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", path);
                m.put("version", versionId);
                m.put("size", bytes.length);
                boolean utf8 = isUtf8Text(bytes);
                m.put("encoding", utf8 ? "utf-8" : "base64");
                m.put("content", utf8 ? new String(bytes, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(bytes));
                cli.json(m);
                return ExitCodes.OK;
            }
            PrintStream out = cli.out();
            try (InputStream in = jcf.streamFile(path, versionId)) {
                if (hex) {
                    hexDump(in, out);
                } else if (number) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    int[] n = {0};
                    text.lines().forEach(l -> out.printf("%6d\t%s%n", ++n[0], l));
                } else {
                    in.transferTo(out); // raw bytes: binaries can be redirected to a file intact
                }
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    static boolean isUtf8Text(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    static void hexDump(InputStream in, PrintStream out) throws IOException {
        byte[] row = new byte[16];
        long offset = 0;
        int n;
        while ((n = in.readNBytes(row, 0, 16)) > 0) {
            StringBuilder b = new StringBuilder(String.format("%08x  ", offset));
            for (int i = 0; i < 16; i++) {
                b.append(i < n ? String.format("%02x ", row[i] & 0xff) : "   ");
                if (i == 7) {
                    b.append(' ');
                }
            }
            b.append(" |");
            for (int i = 0; i < n; i++) {
                int c = row[i] & 0xff;
                b.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
            out.println(b.append('|'));
            offset += n;
        }
    }
}
