package io.kamaros.engine.remote;

import io.kamaros.engine.model.RemoteConfig;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3 server for tests: S3Proxy in this JVM on 127.0.0.1 (a free port), in memory, with AWS v4 signatures.
 * {@code atomicConditionalWrites} wraps its store in {@link SerialisingBlobStore} (see there why).
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String IDENTITY = "kamaros-test";
    public static final String CREDENTIAL = "kamaros-test-secret";

    private final S3Proxy proxy;
    private final BlobStore store;
    private final String endpoint;

    private S3ProxyServer(S3Proxy proxy, BlobStore store, String endpoint) {
        this.proxy = proxy;
        this.store = store;
        this.endpoint = endpoint;
    }

    public static S3ProxyServer start(boolean atomicConditionalWrites) {
        return start(atomicConditionalWrites, UnaryOperator.identity());
    }

    /** A server whose store is also wrapped by {@code wrap} (a test's decorator that holds a request, say). */
    public static S3ProxyServer start(boolean atomicConditionalWrites, UnaryOperator<BlobStore> wrap) {
        BlobStore store = new TransientNio2BlobStore();
        if (atomicConditionalWrites) {
            store = new SerialisingBlobStore(store);
        }
        return start(wrap.apply(store), 0);
    }

    /** S3Proxy over {@code store} on 127.0.0.1:{@code port} (0: a free one), started. */
    static S3ProxyServer start(BlobStore store, int port) {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        return new S3ProxyServer(proxy, store, "http://127.0.0.1:" + proxy.getPort());
    }

    public String endpoint() {
        return endpoint;
    }

    /** The credentials as the environment would hold them. */
    public Map<String, String> env() {
        return Map.of("AWS_ACCESS_KEY_ID", IDENTITY, "AWS_SECRET_ACCESS_KEY", CREDENTIAL);
    }

    /** A new empty bucket with a random name. */
    public String newBucket() {
        String bucket = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        store.createContainer(bucket);
        return bucket;
    }

    public RemoteConfig config(String name, String bucketAndPrefix) {
        return new RemoteConfig(name, "s3://" + bucketAndPrefix, endpoint, null, true, null);
    }

    public S3Backend backend(String bucketAndPrefix) {
        return new S3Backend(config("test", bucketAndPrefix), env());
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }
}
