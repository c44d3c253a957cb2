package dev.modelsweep.activities.store.s3;

import dev.modelsweep.activities.store.BlobKeys;
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

  /** The option that {@link #parse(String)} names in its errors. */
  public static final String STORE_OPTION = "--store";

  public S3Location {
    if (!isBucket(bucket)) {
      throw new IllegalArgumentException(notABucket(bucket));
    }
    prefix = prefix == null || prefix.isEmpty() || prefix.endsWith("/") ? (prefix == null ? "" : prefix) : prefix + "/";
  }

  /**
   * Parses {@code s3://bucket} or {@code s3://bucket/prefix} given to {@value #STORE_OPTION}.
   *
   * @throws IllegalArgumentException naming the option and the form expected
   */
  public static S3Location parse(String uri) {
    return parse(uri, STORE_OPTION);
  }

  /**
   * Parses {@code s3://bucket} or {@code s3://bucket/prefix} given to {@code option} (such as
   * {@code --registry}), which every error names.
   *
   * @throws IllegalArgumentException naming the option and the form expected
   */
  public static S3Location parse(String uri, String option) {
    if (uri == null || !uri.startsWith("s3://")) {
      throw new IllegalArgumentException(option + ": '" + uri + "' is not an S3 URI; give s3://bucket/prefix");
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (!isBucket(bucket)) {
      throw new IllegalArgumentException(option + ": " + notABucket(bucket));
    }
    for (String segment : prefix.split("/")) {
      if (segment.equals(".") || segment.equals("..") || segment.startsWith(".")) {
        throw new IllegalArgumentException(option + ": the prefix of '" + uri + "' has a segment '" + segment
            + "'; give names that do not start with '.', as in s3://my-bucket/sweeps");
      }
    }
    if (prefix.contains("//")) {
      throw new IllegalArgumentException(option + ": the prefix of '" + uri
          + "' has an empty segment; remove the double '/'");
    }
    return new S3Location(bucket, prefix);
  }

  /**
   * The location of {@code folder} under this one: {@code registry} under {@code
   * s3://bucket/prefix/} is {@code s3://bucket/prefix/registry/}.
   *
   * @throws IllegalArgumentException when {@code folder} is not a key (see {@link BlobKeys#check})
   */
  public S3Location within(String folder) {
    BlobKeys.check(folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder);
    return new S3Location(bucket, prefix + (folder.endsWith("/") ? folder : folder + "/"));
  }

  private static boolean isBucket(String bucket) {
    return bucket != null && BUCKET.matcher(bucket).matches();
  }

  private static String notABucket(String bucket) {
    return "'" + bucket + "' is not a bucket name; use 3-63 lower-case letters, digits, '.' or '-', as in"
        + " s3://my-bucket/sweeps";
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + prefix;
  }
}
