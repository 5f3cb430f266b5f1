package io.kamaros.engine.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The SDK's signer over plain HTTP hashes every payload byte even when asked not to (aws-sdk-java-v2 #5103);
 * {@link UnsignedPayloadSigner} sends {@code UNSIGNED-PAYLOAD} when asked, signed exactly as the SDK signs the same
 * request over HTTPS, and leaves every other request to the SDK as it is. That S3Proxy accepts such a request (its
 * signature, its Host) is shown by {@link RemoteStoreContractTest}, whose objects under {@code packs/} go up so.
 */
class UnsignedPayloadSignerTest {
    private static final byte[] BODY = "a pack's bytes".getBytes(StandardCharsets.UTF_8);
    private static final AwsCredentialsIdentity KEYS = AwsCredentialsIdentity.create("kamaros-test", "secret");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T20:00:00Z"), ZoneOffset.UTC);

    private static SignRequest<AwsCredentialsIdentity> put(String protocol, int port, boolean payloadSigning) {
        SdkHttpRequest http = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).protocol(protocol).host("127.0.0.1")
                .port(port).encodedPath("/bucket/team/packs/abc.pack").build();
        return SignRequest.builder(KEYS).request(http).payload(() -> new ByteArrayInputStream(BODY))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning)
                .putProperty(HttpSigner.SIGNING_CLOCK, CLOCK)
                .build();
    }

    private static String header(SignedRequest r, String name) {
        return r.request().firstMatchingHeader(name).orElse("(none)");
    }

    @Test
    void overPlainHttpAnUnsignedPayloadIsAskedForAndSent() {
        SignedRequest sdk = AwsV4HttpSigner.create().sign(put("http", 9000, false));
        SignedRequest ours = new UnsignedPayloadSigner().sign(put("http", 9000, false));

        String sha256 = HexFormat.of().formatHex(RemoteStore.digest("SHA-256").digest(BODY));
        assertThat(header(sdk, "x-amz-content-sha256")).as("the SDK's own, over HTTP").isEqualTo(sha256);
        assertThat(header(ours, "x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(ours.request().protocol()).isEqualTo("http");
        assertThat(ours.request().port()).isEqualTo(9000);
        assertThat(header(ours, "Host")).isEqualTo("127.0.0.1:9000");
    }

    @Test
    void theSignatureIsTheSdksForTheSameRequestOverHttps() {
        SignedRequest overHttps = AwsV4HttpSigner.create().sign(put("https", 9000, false));
        SignedRequest ours = new UnsignedPayloadSigner().sign(put("http", 9000, false));

        assertThat(header(overHttps, "x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertThat(header(ours, "Authorization")).isEqualTo(header(overHttps, "Authorization"));
    }

    @Test
    void onTheDefaultHttpPortTheHostHasNoPort() {
        SignedRequest ours = new UnsignedPayloadSigner().sign(put("http", 80, false));

        assertThat(header(ours, "Host")).isEqualTo("127.0.0.1");
        assertThat(header(ours, "x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
    }

    @Test
    void everyOtherRequestIsTheSdksAsItIs() {
        for (SignRequest<AwsCredentialsIdentity> r : List.of(put("http", 9000, true),
                put("https", 9000, true), put("https", 9000, false))) {
            SignedRequest sdk = AwsV4HttpSigner.create().sign(r);
            SignedRequest ours = new UnsignedPayloadSigner().sign(r);
            assertThat(ours.request().headers()).isEqualTo(sdk.request().headers());
            assertThat(ours.request().protocol()).isEqualTo(sdk.request().protocol());
        }
    }
}
