package io.kamaros.engine;

import io.kamaros.engine.store.FileAdapter;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import io.kamaros.engine.model.ImportOptions;
import io.kamaros.engine.model.JcfConfig;

/**
 * Run in a child JVM with a heap much smaller than the project (see
 * {@code EncryptionTest#aBigEncryptedFileStreamsInAHeapSmallerThanItself}): checkpoints
 * {@code args[0]/content} encrypted, streams the file back from history, exports, imports the
 * archive into {@code args[2]} with the password and reads it there. Prints the SHA-256 seen.
 */
public final class EncryptedBoundedMemoryMain {
    private EncryptedBoundedMemoryMain() {
    }

    public static void main(String[] args) throws Exception {
        String id;
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(new FileAdapter(Path.of(args[0])), "pw".toCharArray());
            id = jcf.saveCheckpoint("huge");
            System.out.println("stream " + sha(jcf.streamFile("huge.bin", id)));
            jcf.export(Path.of(args[1]));
        }
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("t").build())) {
            jcf.init(new FileAdapter(Path.of(args[2])));
            jcf.importData(Path.of(args[1]), ImportOptions.builder().password("pw".toCharArray()).build());
            System.out.println("imported " + sha(jcf.streamFile("huge.bin", id)));
        }
        System.out.println("OK");
    }

    private static String sha(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
