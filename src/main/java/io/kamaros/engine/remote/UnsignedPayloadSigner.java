package io.kamaros.engine.remote;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The SDK's own SigV4 signer ({@link AwsV4HttpSigner}), but a request that asks for an unsigned payload
 * ({@link AwsV4FamilyHttpSigner#PAYLOAD_SIGNING_ENABLED} false) gets one over plain HTTP too.
 *
 * <p>Why: over HTTPS the SDK already sends {@code UNSIGNED-PAYLOAD}; over plain HTTP (a MinIO or S3Proxy on the
 * local network) it ignores the property and hashes every payload byte with SHA-256 (aws-sdk-java-v2 issue #5103,
 * open), which the server then hashes again. {@link S3Backend} asks for it only for objects named by their content's
 * hash and checked on every read (packs and their indexes), and sends a CRC32C the server checks in its place.
 * Nothing is signed by hand: the SDK's signer signs the request as it would the same request over HTTPS — the only
 * thing it decides by the scheme is whether to hash the payload — with the {@code Host} header the HTTP request
 * has; the signed request then goes out over HTTP as it was.
 */
final class UnsignedPayloadSigner implements HttpSigner<AwsCredentialsIdentity> {
    private final AwsV4HttpSigner sdk = AwsV4HttpSigner.create();

    /** SigV4 ({@code aws.auth#sigv4}, what S3's endpoints ask for) with this signer, for the client builder. */
    static AuthScheme<AwsCredentialsIdentity> authScheme() {
        UnsignedPayloadSigner signer = new UnsignedPayloadSigner();
        return new AuthScheme<>() {
            @Override
            public String schemeId() {
                return AwsV4AuthScheme.SCHEME_ID;
            }

            @Override
            public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
                return providers.identityProvider(AwsCredentialsIdentity.class);
            }

            @Override
            public HttpSigner<AwsCredentialsIdentity> signer() {
                return signer;
            }
        };
    }

    @Override
    public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
        if (!unsignedOverHttp(request.request(), request.requireProperty(
                AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true))) {
            return sdk.sign(request);
        }
        SdkHttpRequest http = request.request();
        SignedRequest signed = sdk.sign(request.copy(b -> b.request(asIfHttps(http))));
        return signed.copy(b -> b.request(signed.request().toBuilder().protocol(http.protocol()).build()));
    }

    @Override
    public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
        if (!unsignedOverHttp(request.request(), request.requireProperty(
                AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true))) {
            return sdk.signAsync(request);
        }
        SdkHttpRequest http = request.request();
        return sdk.signAsync(request.copy(b -> b.request(asIfHttps(http)))).thenApply(signed -> signed.copy(
                b -> b.request(signed.request().toBuilder().protocol(http.protocol()).build())));
    }

    private static boolean unsignedOverHttp(SdkHttpRequest request, boolean payloadSigning) {
        return !payloadSigning && "http".equalsIgnoreCase(request.protocol());
    }

    /** The request as over HTTPS, with the Host header the HTTP request goes out with (its port, unless 80). */
    private static SdkHttpRequest asIfHttps(SdkHttpRequest http) {
        SdkHttpRequest.Builder b = http.toBuilder().protocol("https");
        if (http.firstMatchingHeader("Host").isEmpty()) {
            b.putHeader("Host", SdkHttpUtils.isUsingStandardPort(http.protocol(), http.port()) ? http.host()
                    : http.host() + ":" + http.port());
        }
        return b.build();
    }
}
