package io.kamaros.cli;

import io.kamaros.engine.model.RemoteConfig;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where and how to reach S3-compatible storage: the options `remote add` and `clone` share (a picocli mixin). */
final class S3Options {
    @Option(names = "--endpoint", paramLabel = "URL", description = "S3 endpoint for storage other than AWS.")
    @Nullable String endpoint;

    @Option(names = "--region", paramLabel = "R", description = "S3 region (default: the AWS chain's, else us-east-1).")
    @Nullable String region;

    @Option(names = "--path-style", description = "Address the bucket in the path (MinIO, Ceph, S3Proxy).")
    boolean pathStyle;

    @Option(names = "--profile", paramLabel = "P", description = "Take the credentials from this ~/.aws profile.")
    @Nullable String profile;

    RemoteConfig remote(String name, String url) {
        return new RemoteConfig(name, url, endpoint, region, pathStyle, profile);
    }
}
