package io.kamaros.engine.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One remote of a project, as kept in its settings: a name and where the copy of the history lives, either
 * {@code s3://bucket/prefix} (S3-compatible object storage; {@code endpoint}, {@code region}, {@code pathStyle} and
 * the credentials' {@code profile} say how to reach it) or {@code file:///path} (a plain folder, e.g. on a NAS).
 * Credentials are never part of it: they come from the standard AWS chain (environment, {@code ~/.aws} profiles).
 *
 * @param endpoint  the S3 endpoint URL for storage other than AWS (MinIO, Ceph, R2, …); null: AWS
 * @param region    the S3 region; null: the AWS chain's, else {@code us-east-1}
 * @param pathStyle address the bucket in the path ({@code http://host/bucket/key}) instead of the host name
 * @param profile   the {@code ~/.aws} profile whose credentials to use; null: the standard chain
 */
public record RemoteConfig(String name, String url, @Nullable String endpoint, @Nullable String region,
                           boolean pathStyle, @Nullable String profile) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** S3's bucket naming rules, loosely (other S3-compatible stores allow a bit more, e.g. upper case). */
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,62}");

    public RemoteConfig {
        Args.required(name, "name", "A remote's name (e.g. origin)");
        Args.required(url, "url", "Where the remote is: s3://bucket/prefix or file:///path");
        if (!NAME.matcher(name).matches()) {
            throw invalid("name", "A remote's name is 1–64 letters, digits, '.', '_' or '-', starting with a letter"
                    + " or digit (got '" + name + "').");
        }
        url = normalizedUrl(url);
        if (isFolderUrl(url) && (endpoint != null || region != null || pathStyle || profile != null)) {
            throw invalid("url", "--endpoint, --region, --path-style and --profile are for s3:// remotes only.");
        }
        if (endpoint != null) {
            try {
                URI e = new URI(endpoint);
                if (e.getScheme() == null || !(e.getScheme().equals("http") || e.getScheme().equals("https"))
                        || e.getHost() == null) {
                    throw new URISyntaxException(endpoint, "not an http(s) URL with a host");
                }
            } catch (URISyntaxException e) {
                throw invalid("endpoint", "The endpoint must be an http:// or https:// URL (got '" + endpoint + "').");
            }
        }
    }

    public static RemoteConfig s3(String name, String url) {
        return new RemoteConfig(name, url, null, null, false, null);
    }

    public static RemoteConfig folder(String name, Path folder) {
        return new RemoteConfig(name, folder.toAbsolutePath().normalize().toUri().toString(), null, null, false, null);
    }

    public boolean isS3() {
        return url.startsWith("s3://");
    }

    /** The bucket of an {@code s3://} remote. */
    public String bucket() {
        String rest = url.substring("s3://".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** The key prefix inside the bucket, without leading or trailing '/' ("" for the bucket's root). */
    public String prefix() {
        String rest = url.substring("s3://".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(slash + 1);
    }

    /** The folder of a {@code file://} remote. */
    public Path folder() {
        return Path.of(URI.create(url));
    }

    private static boolean isFolderUrl(String url) {
        return url.startsWith("file:");
    }

    private static String normalizedUrl(String url) {
        String u = url.trim();
        if (u.toLowerCase(Locale.ROOT).startsWith("s3://")) {
            String rest = u.substring(5);
            while (rest.endsWith("/")) {
                rest = rest.substring(0, rest.length() - 1);
            }
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            if (!BUCKET.matcher(bucket).matches()) {
                throw invalid("url", "'" + bucket + "' is not a bucket name (3–63 letters, digits, '.', '-').");
            }
            if (prefix.startsWith("/") || prefix.contains("//") || prefix.contains("..") || prefix.contains("\\")) {
                throw invalid("url", "The prefix '" + prefix + "' must be folder names separated by single '/'.");
            }
            return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
        }
        if (u.startsWith("file:")) {
            try {
                URI uri = new URI(u);
                Path p = Path.of(uri);
                if (!p.isAbsolute()) {
                    throw new InvalidPathException(u, "not absolute");
                }
                return p.normalize().toUri().toString();
            } catch (URISyntaxException | IllegalArgumentException
                     | FileSystemNotFoundException e) {
                throw invalid("url", "'" + url + "' is not a folder URL; write file:///absolute/path.");
            }
        }
        throw invalid("url", "A remote is s3://bucket/prefix or file:///path (got '" + url + "').");
    }

    private static ValidationException invalid(String field, String message) {
        return new ValidationException(message, Map.of("field", field));
    }
}
