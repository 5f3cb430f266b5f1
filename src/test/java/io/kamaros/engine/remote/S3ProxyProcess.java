package io.kamaros.engine.remote;

import io.kamaros.ChildJvm;
import io.kamaros.engine.model.RemoteConfig;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
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
 *
 * <p>{@link #startPlain} is the benchmarks' server instead: S3Proxy as it is (in memory, no serialising wrapper, no
 * write log) in a JVM of its own with a server's JIT and GC, so that a client measured against it does not share
 * its JVM with the server, as {@code rclone} does not.
 */
public final class S3ProxyProcess implements AutoCloseable {
    /** The bucket the server creates at its first start. */
    public static final String BUCKET = "kamaros";
    private static final String READY = "S3PROXY READY";

    private static final String PLAIN = "--plain";

    private final Path folder;
    private final int port;
    private final boolean plain;
    private Process process;
    private int starts;

    private S3ProxyProcess(Path folder, int port, boolean plain) throws IOException {
        this.folder = folder;
        this.port = port;
        this.plain = plain;
        this.process = launch();
    }

    /** Starts a server keeping its objects under {@code folder} (created), on a free port of 127.0.0.1. */
    public static S3ProxyProcess start(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("data"));
        return new S3ProxyProcess(folder, freePort(), false);
    }

    /**
     * Starts the benchmarks' server (see the class comment): S3Proxy as it is, its objects in memory, its log under
     * {@code folder} (created).
     */
    public static S3ProxyProcess startPlain(Path folder) throws IOException {
        Files.createDirectories(folder);
        return new S3ProxyProcess(folder, freePort(), true);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private Process launch() throws IOException {
        starts++;
        Path log = folder.resolve("server-" + starts + ".log");
        Process p = plain
                ? ChildJvm.start(folder, log, Map.of(), List.of(), S3ProxyProcess.class.getName(), PLAIN,
                        Integer.toString(port))
                : ChildJvm.start(folder, log, Map.of(), S3ProxyProcess.class.getName(),
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

    /** A new empty bucket with a random name, created through the S3 API. */
    public String newBucket() {
        String bucket = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        try (S3Client client = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.IDENTITY, S3ProxyServer.CREDENTIAL)))
                .build()) {
            client.createBucket(b -> b.bucket(bucket));
        }
        return bucket;
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

    /** {@code DATA_FOLDER PORT WRITES_LOG}, or {@code --plain PORT}: serves until killed. */
    public static void main(String[] args) throws Exception {
        if (args[0].equals(PLAIN)) {
            BlobStore memory = new TransientNio2BlobStore();
            S3ProxyServer.start(memory, Integer.parseInt(args[1]));
            memory.createContainer(BUCKET);
            System.out.println(READY);
            System.out.flush();
            Thread.currentThread().join();
            return;
        }
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
