package dev.modelsweep.activities.store.s3;

import dev.modelsweep.activities.store.BlobKeys;
import dev.modelsweep.activities.store.BlobStore;
import dev.modelsweep.activities.store.CorruptArtifactException;
import dev.modelsweep.activities.store.Digests;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A {@link BlobStore} in an S3-compatible object store (AWS S3, MinIO, s3proxy, ...), under one
 * bucket and prefix. Every worker that reaches the bucket sees the same keys, so no worker needs a
 * shared disk.
 *
 * <p>A key's SHA-256 travels with its object as user metadata ({@value #DIGEST_METADATA}), and
 * every read checks the bytes against it. A put writes a temporary key under {@code .tmp/} first
 * and then copies it to the final key: the final key holds the whole object with its digest or
 * nothing new. Objects without the digest (put by other tools) count as absent. S3 errors come out
 * as {@link IOException}s naming the bucket and key; credentials never appear in them.
 * Thread-safe, as {@link S3Client} is.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

  /** User metadata that holds an object's SHA-256 (sent as {@code x-amz-meta-sha256}). */
  static final String DIGEST_METADATA = "sha256";

  /** Folder, under the prefix, of in-flight puts; a key segment never starts with '.'. */
  static final String TEMP_FOLDER = ".tmp/";

  private final S3Client client;
  private final S3Location location;

  /** A store on {@code client}, which it closes with itself. */
  public S3BlobStore(S3Client client, S3Location location) {
    this.client = client;
    this.location = location;
  }

  /** A store at {@code uri} ({@code s3://bucket/prefix}) through {@code connection}. */
  public static S3BlobStore open(String uri, S3Connection connection) {
    return new S3BlobStore(connection.newClient(), S3Location.parse(uri));
  }

  /**
   * The store under {@code folder} of this one ({@code store/} gives {@code s3://bucket/prefix/store/}),
   * on the same client; closing either closes the client.
   */
  public S3BlobStore within(String folder) {
    return new S3BlobStore(client, location.within(folder));
  }

  @Override
  public Blob put(String key, byte[] bytes) throws IOException {
    BlobKeys.check(key);
    String digest = Digests.sha256(bytes);
    String temp = location.prefix() + TEMP_FOLDER + UUID.randomUUID() + "-" + key.replace('/', '_');
    String target = location.prefix() + key;
    try {
      client.putObject(b -> b.bucket(location.bucket()).key(temp).metadata(Map.of(DIGEST_METADATA, digest)),
          RequestBody.fromBytes(bytes));
      try {
        client.copyObject(b -> b.sourceBucket(location.bucket()).sourceKey(temp)
            .destinationBucket(location.bucket()).destinationKey(target)
            .metadataDirective(MetadataDirective.COPY));
      } finally {
        client.deleteObject(b -> b.bucket(location.bucket()).key(temp));
      }
    } catch (SdkException e) {
      throw failure("put", key, e);
    }
    return new Blob(key, digest, bytes.length);
  }

  @Override
  public byte[] get(String key) throws IOException {
    BlobKeys.check(key);
    ResponseBytes<GetObjectResponse> response;
    try {
      response = client.getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.prefix() + key));
    } catch (NoSuchKeyException e) {
      throw absent(key);
    } catch (SdkException e) {
      throw failure("get", key, e);
    }
    String recorded = response.response().metadata().get(DIGEST_METADATA);
    if (recorded == null) {
      throw absent(key);
    }
    byte[] bytes = response.asByteArray();
    String digest = Digests.sha256(bytes);
    if (!digest.equals(recorded)) {
      throw new CorruptArtifactException(key + " in " + location() + " has digest " + digest + " but was stored with "
          + recorded + "; the object was changed or damaged, put it again");
    }
    return bytes;
  }

  @Override
  public Optional<Blob> stat(String key) throws IOException {
    BlobKeys.check(key);
    HeadObjectResponse head;
    try {
      head = client.headObject(b -> b.bucket(location.bucket()).key(location.prefix() + key));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && !(e instanceof NoSuchBucketException)) {
        return Optional.empty();
      }
      throw failure("stat", key, e);
    } catch (SdkException e) {
      throw failure("stat", key, e);
    }
    String digest = head.metadata().get(DIGEST_METADATA);
    return digest == null ? Optional.empty() : Optional.of(new Blob(key, digest, head.contentLength()));
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    List<String> keys = new ArrayList<>();
    try {
      for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(location.bucket())
          .prefix(location.prefix() + prefix)).contents()) {
        String key = object.key().substring(location.prefix().length());
        if (BlobKeys.isKey(key)) {
          keys.add(key);
        }
      }
    } catch (SdkException e) {
      throw failure("list", prefix + "*", e);
    }
    keys.sort(null);
    return keys;
  }

  @Override
  public void delete(String key) throws IOException {
    BlobKeys.check(key);
    try {
      client.deleteObject(b -> b.bucket(location.bucket()).key(location.prefix() + key));
    } catch (SdkException e) {
      throw failure("delete", key, e);
    }
  }

  @Override
  public String location() {
    return location.toString();
  }

  @Override
  public void close() {
    client.close();
  }

  private NoSuchFileException absent(String key) {
    return new NoSuchFileException("no artifact " + key + " in " + location()
        + "; the step that puts it has not run, or ran against another store");
  }

  /**
   * An S3 error as an I/O error that names the operation, bucket and key. The SDK's messages carry
   * the request id and status, never the credentials.
   */
  private IOException failure(String operation, String key, SdkException e) {
    String fix = e instanceof S3Exception s3 && (s3.statusCode() == 403 || s3.statusCode() == 401)
        ? "; check the credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or AWS_PROFILE) and the bucket's policy"
        : e instanceof NoSuchBucketException ? "; create the bucket " + location.bucket() + " first" : "";
    return new IOException("cannot " + operation + " " + key + " in " + location() + ": " + e.getMessage() + fix, e);
  }
}
