package dev.modelsweep.activities.store.s3;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How to reach an S3-compatible server: endpoint, region and credentials. Immutable; {@link
 * #fromEnvironment} reads them the way the AWS tools do. The credentials provider is never printed:
 * {@link #toString()} shows the endpoint and region only.
 *
 * @param endpoint the server, for MinIO, s3proxy and other S3-compatible stores; empty for AWS
 *     itself. When set, requests use path-style addresses ({@code http://host/bucket/key}), which
 *     such servers expect
 * @param region the region requests are signed for; {@code us-east-1} when the environment names none
 * @param credentials where the access key and secret come from
 */
public record S3Connection(Optional<URI> endpoint, Region region, AwsCredentialsProvider credentials) {

  /** The region when neither {@code AWS_REGION} nor a profile names one: what MinIO and s3proxy accept. */
  public static final Region DEFAULT_REGION = Region.US_EAST_1;

  public S3Connection {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(credentials, "credentials");
  }

  /**
   * The standard AWS environment: endpoint from {@code AWS_ENDPOINT_URL_S3}, else {@code
   * AWS_ENDPOINT_URL} (none: AWS); region from {@code AWS_REGION}, else {@code
   * AWS_DEFAULT_REGION}, else {@code us-east-1}; credentials from the SDK's default
   * chain ({@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, system properties, {@code
   * AWS_PROFILE} and {@code ~/.aws/credentials}, container and instance roles).
   */
  public static S3Connection fromEnvironment(Map<String, String> env) {
    Optional<URI> endpoint = firstSet(env, "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL").map(S3Connection::endpointUri);
    Region region = firstSet(env, "AWS_REGION", "AWS_DEFAULT_REGION").map(Region::of).orElse(DEFAULT_REGION);
    return new S3Connection(endpoint, region, DefaultCredentialsProvider.builder().build());
  }

  private static Optional<String> firstSet(Map<String, String> env, String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return Optional.of(value.strip());
      }
    }
    return Optional.empty();
  }

  private static URI endpointUri(String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL: '" + value
          + "' is not a URL; give one such as http://127.0.0.1:9000", e);
    }
    if (uri.getScheme() == null || uri.getHost() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new IllegalArgumentException("AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL: '" + value
          + "' is not an http(s) URL; give one such as http://127.0.0.1:9000");
    }
    return uri;
  }

  /**
   * A client for this connection. Checksums are computed and validated only where S3 requires
   * them: SDK releases since 2.30 otherwise send trailing checksums that S3-compatible servers
   * such as s3proxy reject. The digest the store keeps for every key covers integrity instead.
   */
  public S3Client newClient() {
    var builder = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(region)
        .credentialsProvider(credentials)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    endpoint.ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
    return builder.build();
  }

  @Override
  public String toString() {
    return "S3Connection[endpoint=" + endpoint.map(URI::toString).orElse("AWS") + ", region=" + region + "]";
  }
}
