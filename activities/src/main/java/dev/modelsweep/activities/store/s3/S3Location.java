package dev.modelsweep.activities.store.s3;

import java.util.regex.Pattern;

/**
 * Where a store lives in S3: a bucket and a key prefix, written {@code s3://bucket/prefix}.
 *
 * @param bucket the bucket name
 * @param prefix the prefix every key gets, empty or ending in {@code /}
 */
public record S3Location(String bucket, String prefix) {

  /** S3's rules for bucket names, the common subset of AWS and MinIO. */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public S3Location {
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("--store: '" + bucket + "' is not a bucket name; use 3-63 lower-case"
          + " letters, digits, '.' or '-', as in s3://my-bucket/sweeps");
    }
    prefix = prefix == null || prefix.isEmpty() || prefix.endsWith("/") ? (prefix == null ? "" : prefix) : prefix + "/";
  }

  /**
   * Parses {@code s3://bucket} or {@code s3://bucket/prefix}.
   *
   * @throws IllegalArgumentException naming the option and the form expected
   */
  public static S3Location parse(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      throw new IllegalArgumentException("--store: '" + uri + "' is not an S3 URI; give s3://bucket/prefix");
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    for (String segment : prefix.split("/")) {
      if (segment.equals(".") || segment.equals("..") || segment.startsWith(".")) {
        throw new IllegalArgumentException("--store: the prefix of '" + uri + "' has a segment '" + segment
            + "'; give names that do not start with '.', as in s3://my-bucket/sweeps");
      }
    }
    if (prefix.contains("//")) {
      throw new IllegalArgumentException("--store: the prefix of '" + uri + "' has an empty segment; remove the double '/'");
    }
    return new S3Location(bucket, prefix);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix;
  }
}
