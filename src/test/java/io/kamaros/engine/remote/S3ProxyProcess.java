package io.kamaros.engine.remote;

import io.kamaros.ChildJvm;
import io.kamaros.engine.model.RemoteConfig;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * S3Proxy as a separate process, for the tests that kill the server (issue 16: "as a separate process for the fault
 * tests"). The {@code jar-with-dependencies} artifact is not in the Maven repository these builds use, so the child
 * runs {@link #main} from the test classpath, which builds S3Proxy with {@code S3Proxy.builder()} (through {@link
 * S3ProxyServer}) over:
 * <ul>
 *   <li>a filesystem blob store in a folder, so that what arrived survives a kill -9 and a restart (it writes a temp
 *   file and renames it into place: an object is there whole or not at all, as on S3);</li>
 *   <li>{@link SerialisingBlobStore}: S3Proxy's conditional writes are not atomic, AWS S3's are;</li>
 *   <li>a log of every write request it received ({@code PUT name bytes outcome}, one line each, written before the
 *   answer goes out), so a test can tell what a client sent again after a restart.</li>
 * </ul>
 * The port is fixed for the life of the handle (a free one picked at the start): a project's remote names its
 * endpoint, so the server started again after a kill must answer at the same address.
 */
public final class S3ProxyProcess implements AutoCloseable {
    /** The bucket the server creates at its first start. */
    public static final String BUCKET = "kamaros";
    private static final String READY = "S3PROXY READY";

    private final Path folder;
    private final int port;
    private Process process;
    private int starts;

    private S3ProxyProcess(Path folder, int port) throws IOException {
        this.folder = folder;
        this.port = port;
        this.process = launch();
    }

    /** Starts a server keeping its objects under {@code folder} (created), on a free port of 127.0.0.1. */
    public static S3ProxyProcess start(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("data"));
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        return new S3ProxyProcess(folder, port);
    }

    private Process launch() throws IOException {
        starts++;
        Path log = folder.resolve("server-" + starts + ".log");
        Process p = ChildJvm.start(folder, log, Map.of(), S3ProxyProcess.class.getName(),
                folder.resolve("data").toString(), Integer.toString(port), writesLog(starts).toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(log).contains(READY)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("S3Proxy did not start (exit " + (p.isAlive() ? "-" : p.exitValue()) + "):\n"
                        + Files.readString(log));
            }
            sleep(20);
        }
        return p;
    }

    private Path writesLog(int start) {
        return folder.resolve("writes-" + start + ".log");
    }

    /** kill -9 of the server process; returns once it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("S3Proxy process " + process.pid() + " did not die");
        }
    }

    /** Starts the server again on the same folder and port (after {@link #kill}). */
    public void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("the server is still running");
        }
        process = launch();
    }

    /** The write requests the server's current life received, in order: {@code PUT|PART|COMPLETE name bytes outcome}. */
    public List<String> writes() throws IOException {
        Path log = writesLog(starts);
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The credentials as the environment would hold them. */
    public Map<String, String> env() {
        return Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.IDENTITY, "AWS_SECRET_ACCESS_KEY", S3ProxyServer.CREDENTIAL);
    }

    /** {@code s3://kamaros/PREFIX}. */
    public String url(String prefix) {
        return "s3://" + BUCKET + "/" + prefix;
    }

    public RemoteConfig config(String name, String prefix) {
        return new RemoteConfig(name, url(prefix), endpoint(), null, true, null);
    }

    /** A client of the remote under {@code prefix}, for a test to look at what the server holds. */
    public RemoteStore store(String prefix) {
        return new RemoteStore(new S3Backend(config("test", prefix), env()));
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ------------------------------------------------------------------ the child process

    /** {@code DATA_FOLDER PORT WRITES_LOG}: serves until killed. */
    public static void main(String[] args) throws Exception {
        BlobStore files = new FilesystemNio2BlobStore(args[0]);
        BlobStore store = new WriteLog(new SerialisingBlobStore(files), Path.of(args[2]));
        S3ProxyServer.start(store, Integer.parseInt(args[1]));
        if (!store.containerExists(BUCKET)) {
            store.createContainer(BUCKET);
        }
        System.out.println(READY);
        System.out.flush();
        Thread.currentThread().join(); // S3Proxy's threads serve; this one waits for the kill
    }

    /** Logs every write request, with the bytes it carried and how it ended. */
    private static final class WriteLog extends ForwardingBlobStore {
        private final Path log;

        WriteLog(BlobStore delegate, Path log) {
            super(delegate);
            this.log = log;
        }

        @Override
        public PutObjectResponse putBlob(PutObjectRequest request, InputStream in) {
            Counting counted = new Counting(in);
            String outcome = "failed";
            try {
                PutObjectResponse r = delegate().putBlob(request, counted);
                outcome = "ok";
                return r;
            } finally {
                write("PUT " + request.key() + " " + counted.count + " " + outcome);
            }
        }

        @Override
        public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
                                                      InputStream in) {
            Counting counted = new Counting(in);
            String outcome = "failed";
            try {
                UploadPartResponse r = delegate().uploadMultipartPart(upload, request, counted);
                outcome = "ok";
                return r;
            } finally {
                write("PART " + request.key() + "#" + request.partNumber() + " " + counted.count + " " + outcome);
            }
        }

        @Override
        public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                                                                       CompleteMultipartUploadRequest request) {
            String outcome = "failed";
            try {
                CompleteMultipartUploadResponse r = delegate().completeMultipartUpload(upload, request);
                outcome = "ok";
                return r;
            } finally {
                write("COMPLETE " + request.key() + " 0 " + outcome);
            }
        }

        private synchronized void write(String line) {
            try {
                Files.write(log, (line + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
