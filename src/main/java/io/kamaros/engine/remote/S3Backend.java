package io.kamaros.engine.remote;

import io.kamaros.engine.model.RemoteAccessDeniedException;
import io.kamaros.engine.model.RemoteConfig;
import io.kamaros.engine.model.RemoteException;
import io.kamaros.engine.model.RemoteNotFoundException;
import io.kamaros.engine.model.RemoteUnavailableException;
import io.kamaros.engine.model.RemoteUnreachableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeParams;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeProvider;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A remote on S3 or S3-compatible storage (MinIO, Ceph RGW, Cloudflare R2, Backblaze B2, Wasabi) through the AWS
 * SDK v2, one request per call: the SDK's own retries are off, because {@link RemoteStore} must know about every
 * attempt to tell a 412 about its own earlier write from someone else's object. Creates use
 * {@code If-None-Match: *}, compare-and-set {@code If-Match: ETAG}.
 *
 * <p>Credentials come from the standard AWS chain (environment, system properties, {@code ~/.aws} profiles, SSO,
 * container and instance roles), or the named profile; the environment map given takes the place of the process
 * environment for {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN} and
 * {@code AWS_PROFILE}. They are never written anywhere by Kamaros.
 */
public final class S3Backend implements RemoteBackend {
    private static final long MIN_PART = 5L << 20;
    /**
     * The auth schemes S3 asks for, each with its payload left unsigned: for the creates of {@linkplain
     * #contentNamed content-named objects} (see {@link UnsignedPayloadSigner}).
     */
    private static final S3AuthSchemeProvider UNSIGNED_PAYLOAD = new S3AuthSchemeProvider() {
        private final S3AuthSchemeProvider sdk = S3AuthSchemeProvider.defaultProvider();

        @Override
        public List<AuthSchemeOption> resolveAuthScheme(S3AuthSchemeParams params) {
            return sdk.resolveAuthScheme(params).stream().map(o -> o.toBuilder()
                    .putSignerProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false).build()).toList();
        }
    };

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final String description;
    /** Plain HTTP: a content-named create carries a CRC32C in place of the payload's signature. */
    private final boolean plainHttp;

    public S3Backend(RemoteConfig config, Map<String, String> env) {
        if (!config.isS3()) {
            throw new IllegalArgumentException("not an s3:// remote: " + config.url());
        }
        this.bucket = config.bucket();
        this.prefix = config.prefix();
        this.description = config.url() + (config.endpoint() == null ? "" : " at " + config.endpoint());
        this.plainHttp = config.endpoint() != null && config.endpoint().regionMatches(true, 0, "http:", 0, 5);
        S3ClientBuilder builder = S3Client.builder()
                .putAuthScheme(UnsignedPayloadSigner.authScheme())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(region(config))
                .credentialsProvider(credentials(config, env))
                .forcePathStyle(config.pathStyle())
                // checksums only where S3 requires them: many S3-compatible servers refuse the newer trailers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        if (config.endpoint() != null) {
            builder.endpointOverride(URI.create(config.endpoint()));
        }
        this.client = builder.build();
    }

    private static Region region(RemoteConfig config) {
        if (config.region() != null) {
            return Region.of(config.region());
        }
        if (config.endpoint() == null) {
            try {
                return new DefaultAwsRegionProviderChain().getRegion();
            } catch (SdkClientException none) {
                // no region configured anywhere: AWS's default
            }
        }
        return Region.US_EAST_1; // S3-compatible servers take any region in the signature; most expect this one
    }

    private static AwsCredentialsProvider credentials(RemoteConfig config, Map<String, String> env) {
        String profile = config.profile() != null ? config.profile() : env.get("AWS_PROFILE");
        if (profile != null && !profile.isBlank()) {
            return ProfileCredentialsProvider.builder().profileName(profile).build();
        }
        String key = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (key != null && secret != null) {
            String token = env.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token == null
                    ? AwsBasicCredentials.create(key, secret) : AwsSessionCredentials.create(key, secret, token));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public String describe() {
        return description;
    }

    private String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private String nameOf(String key) {
        return prefix.isEmpty() ? key : key.substring(prefix.length() + 1);
    }

    // ------------------------------------------------------------------ writes

    /**
     * Objects named by the SHA-256 of their bytes and checked against it on every read: packs and their indexes
     * (HistorySync's {@code packs/}). Signing their payload adds nothing a reader does not check anyway, so they go
     * up with {@code UNSIGNED-PAYLOAD}, over plain HTTP too (there with a CRC32C the server checks, so that bytes
     * damaged on the way are refused rather than kept under a name no later push sends again). Records, heads and
     * the rest keep the SDK's signed payload.
     */
    static boolean contentNamed(String name) {
        return name.startsWith("packs/");
    }

    @Override
    public boolean createIfAbsent(String name, byte[] data) {
        return request(true, name, () -> {
            try {
                client.putObject(b -> {
                    b.bucket(bucket).key(key(name)).ifNoneMatch("*");
                    if (contentNamed(name)) {
                        b.overrideConfiguration(o -> o.authSchemeProvider(UNSIGNED_PAYLOAD));
                        if (plainHttp) {
                            b.checksumCRC32C(crc32c(data));
                        }
                    }
                }, RequestBody.fromBytes(data));
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() == 412) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public @Nullable String replaceIfMatch(String name, @Nullable String expectedEtag, byte[] data) {
        return request(true, name, () -> {
            try {
                PutObjectResponse r = client.putObject(b -> {
                    b.bucket(bucket).key(key(name));
                    if (expectedEtag == null) {
                        b.ifNoneMatch("*");
                    } else {
                        b.ifMatch(expectedEtag);
                    }
                }, RequestBody.fromBytes(data));
                return r.eTag();
            } catch (NoSuchKeyException e) {
                return null; // If-Match on an object that is gone
            } catch (S3Exception e) {
                if (e.statusCode() == 412 || (e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e)))) {
                    return null;
                }
                throw e;
            }
        });
    }

    /** The CRC32C of {@code data} as S3's {@code x-amz-checksum-crc32c} carries it: big-endian, base64. */
    private static String crc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Override
    public void delete(String name) {
        request(true, name, () -> client.deleteObject(b -> b.bucket(bucket).key(key(name))));
    }

    // ------------------------------------------------------------------ reads

    @Override
    public byte @Nullable [] get(String name) {
        return request(false, name, () -> {
            try {
                ResponseBytes<GetObjectResponse> r = client.getObjectAsBytes(b -> b.bucket(bucket).key(key(name)));
                return r.asByteArray();
            } catch (NoSuchKeyException e) {
                return null;
            }
        });
    }

    @Override
    public @Nullable Tagged getTagged(String name) {
        return request(false, name, () -> {
            try {
                ResponseBytes<GetObjectResponse> r = client.getObjectAsBytes(b -> b.bucket(bucket).key(key(name)));
                return new Tagged(r.asByteArray(), r.response().eTag());
            } catch (NoSuchKeyException e) {
                return null;
            }
        });
    }

    @Override
    public byte @Nullable [] getRange(String name, long offset, int length) {
        if (length == 0) {
            return head(name) == null ? null : new byte[0];
        }
        return request(false, name, () -> {
            try {
                return client.getObjectAsBytes(b -> b.bucket(bucket).key(key(name))
                        .range("bytes=" + offset + "-" + (offset + length - 1))).asByteArray();
            } catch (NoSuchKeyException e) {
                return null;
            } catch (S3Exception e) {
                if (e.statusCode() == 416) {
                    return new byte[0]; // the range starts past the end
                }
                throw e;
            }
        });
    }

    @Override
    public @Nullable ObjectInfo head(String name) {
        return request(false, name, () -> {
            try {
                HeadObjectResponse r = client.headObject(b -> b.bucket(bucket).key(key(name)));
                return new ObjectInfo(name, r.contentLength(), r.eTag());
            } catch (NoSuchKeyException e) {
                return null;
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    return null; // a HEAD's 404 has no body to tell a missing bucket; list() tells
                }
                throw e;
            }
        });
    }

    @Override
    public List<ObjectInfo> list(String namePrefix) {
        return request(false, namePrefix, () -> {
            List<ObjectInfo> out = new ArrayList<>();
            String keyPrefix = prefix.isEmpty() ? namePrefix : prefix + "/" + namePrefix;
            for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(keyPrefix)).contents()) {
                out.add(new ObjectInfo(nameOf(o.key()), o.size(), o.eTag()));
            }
            out.sort(Comparator.comparing(ObjectInfo::name));
            return out;
        });
    }

    // ------------------------------------------------------------------ multipart

    @Override
    public long minPartSize() {
        return MIN_PART;
    }

    @Override
    public List<String> pendingUploads(String name) {
        return request(false, name, () -> {
            List<MultipartUpload> uploads = new ArrayList<>();
            for (MultipartUpload u : client.listMultipartUploads(b -> b.bucket(bucket).prefix(key(name))).uploads()) {
                if (u.key().equals(key(name))) {
                    uploads.add(u);
                }
            }
            uploads.sort(Comparator.comparing(u -> u.initiated() == null ? "" : u.initiated().toString()));
            return uploads.stream().map(MultipartUpload::uploadId).toList();
        });
    }

    @Override
    public String startUpload(String name) {
        return request(true, name, () -> client.createMultipartUpload(b -> b.bucket(bucket).key(key(name))).uploadId());
    }

    @Override
    public List<PartInfo> uploadedParts(String name, String uploadId) {
        return request(false, name, () -> {
            List<PartInfo> parts = new ArrayList<>();
            for (Part p : client.listParts(b -> b.bucket(bucket).key(key(name)).uploadId(uploadId)).parts()) {
                parts.add(new PartInfo(p.partNumber(), p.size(), RemoteStore.unquoted(p.eTag())));
            }
            return parts;
        });
    }

    @Override
    public String uploadPart(String name, String uploadId, int number, byte[] data) {
        return request(true, name, () -> RemoteStore.unquoted(client.uploadPart(b -> b.bucket(bucket).key(key(name))
                .uploadId(uploadId).partNumber(number), RequestBody.fromBytes(data)).eTag()));
    }

    @Override
    public boolean completeUploadIfAbsent(String name, String uploadId, List<PartInfo> parts) {
        return request(true, name, () -> {
            List<CompletedPart> done = parts.stream()
                    .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build()).toList();
            try {
                client.completeMultipartUpload(b -> b.bucket(bucket).key(key(name)).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(done)).ifNoneMatch("*"));
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() == 412) {
                    abortUpload(name, uploadId);
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public void abortUpload(String name, String uploadId) {
        request(true, name, () -> client.abortMultipartUpload(b -> b.bucket(bucket).key(key(name)).uploadId(uploadId)));
    }

    @Override
    public void close() {
        client.close();
    }

    // ------------------------------------------------------------------ errors

    private <T> T request(boolean writes, String name, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw mapped(e, writes, name);
        }
    }

    private static @Nullable String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    /** The SDK's failure as a typed error for people, or as a retryable one (see {@link TransientRemoteException}). */
    private RuntimeException mapped(SdkException e, boolean writes, String name) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("remote", description);
        details.put("object", name);
        if (e instanceof S3Exception s) {
            int status = s.statusCode();
            String code = errorCode(s);
            details.put("status", status);
            if (code != null) {
                details.put("serverCode", code);
            }
            String said = code == null ? "HTTP " + status : code + " (HTTP " + status + ")";
            if ("NoSuchBucket".equals(code)) {
                return new RemoteNotFoundException("The bucket '" + bucket + "' does not exist on " + where()
                        + ". Create it, or check the remote's address.", details, e);
            }
            if (status == 403 || "AccessDenied".equals(code) || "InvalidAccessKeyId".equals(code)
                    || "SignatureDoesNotMatch".equals(code)) {
                return new RemoteAccessDeniedException("Access denied to " + description + " (the server says " + said
                        + "). Check the credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the profile) and"
                        + " that they may list, read, write and delete in this bucket.", details, e);
            }
            if (status == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)) {
                return new RemoteException("The bucket '" + bucket + "' is in another region (the server says " + said
                        + "). Give the remote its region (--region).", details, e);
            }
            if (status >= 500 || status == 429 || status == 409 || "SlowDown".equals(code)
                    || "RequestTimeout".equals(code) || "BadDigest".equals(code)) {
                // a 409 (a conditional write racing another) was refused whole: nothing written; so was a BadDigest
                // (the bytes did not arrive as sent: the checksum disagreed), which sending again may cure
                return new TransientRemoteException(writes && status != 409 && !"BadDigest".equals(code),
                        new RemoteUnavailableException(
                        description + " could not serve the request (" + said + "), also after retries. Try again"
                                + " later.", details, e));
            }
            return new RemoteException(description + " refused the request for '" + name + "' (" + said
                    + (s.awsErrorDetails() == null ? "" : ": " + s.awsErrorDetails().errorMessage()) + ").", details, e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unable to load credentials") || message.contains("credentials")
                && !(rootCause(e) instanceof IOException)) {
            return new RemoteAccessDeniedException("No credentials for " + description + ": set AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY, or name a profile of ~/.aws/credentials (--profile).", details, e);
        }
        Throwable cause = rootCause(e);
        if (cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException) {
            return new TransientRemoteException(false, new RemoteUnreachableException("Cannot connect to " + where()
                    + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + "). Check the endpoint's"
                    + " address and that the server is running.", details, e));
        }
        String what = cause instanceof InterruptedIOException ? "did not answer in time" : "dropped the connection";
        return new TransientRemoteException(writes, new RemoteUnavailableException(where() + " " + what + " ("
                + cause + "), also after retries. Try again later.", details, e));
    }

    private String where() {
        int at = description.indexOf(" at ");
        return at < 0 ? "AWS S3" : description.substring(at + 4);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
