package dev.modelsweep.activities.store.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelsweep.activities.store.BlobStore;
import dev.modelsweep.activities.store.CorruptArtifactException;
import dev.modelsweep.activities.store.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** The S3 backend against a real S3 API server (s3proxy, filesystem backend): no client mock. */
class S3BlobStoreTest {

  @TempDir static Path dir;
  private static S3Proxy proxy;
  private static S3BlobStore store;

  @BeforeAll
  static void startServer() throws Exception {
    proxy = S3Proxy.start(dir);
    proxy.createBucket("sweeps");
    store = S3BlobStore.open("s3://sweeps/team-a", proxy.connection());
  }

  @AfterAll
  static void stopServer() {
    if (store != null) {
      store.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putThenGetReturnsTheBytesWithTheirDigestAndLeavesNoTemporary() throws IOException {
    byte[] big = new byte[3 << 20];
    new java.util.Random(1).nextBytes(big);
    BlobStore.Blob blob = store.put("models/a.params", big);
    assertEquals(Digests.sha256(big), blob.digest());
    assertArrayEquals(big, store.get("models/a.params"));
    assertArrayEquals(big, store.get("models/a.params", blob.digest()));
    assertEquals(Optional.of(blob), store.stat("models/a.params"));
    try (Stream<Path> files = Files.walk(dir.resolve("data/sweeps"))) {
      assertTrue(files.noneMatch(p -> p.toString().contains(".tmp")), "no temporary key is left behind");
    }
    assertTrue(Files.isRegularFile(dir.resolve("data/sweeps/team-a/models/a.params")), "keys live under the prefix");
  }

  @Test
  void bytesChangedBehindTheStoresBackAreCaughtOnRead() throws IOException {
    store.put("models/b.params", bytes("weights"));
    // Another tool overwrites the object, keeping the old digest metadata.
    try (var client = proxy.connection().newClient()) {
      client.putObject(b -> b.bucket("sweeps").key("team-a/models/b.params")
          .metadata(Map.of(S3BlobStore.DIGEST_METADATA, Digests.sha256(bytes("weights")))),
          RequestBody.fromBytes(bytes("weighTs")));
    }
    CorruptArtifactException e = assertThrows(CorruptArtifactException.class, () -> store.get("models/b.params"));
    assertTrue(e.getMessage().startsWith("models/b.params in s3://sweeps/team-a/"), e.getMessage());
  }

  @Test
  void absentKeysAndObjectsWithoutADigestReadAsAbsent() throws IOException {
    assertEquals(Optional.empty(), store.stat("models/none.params"));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> store.get("models/none.params"));
    assertTrue(e.getMessage().contains("s3://sweeps/team-a/"), e.getMessage());
    try (var client = proxy.connection().newClient()) {
      client.putObject(b -> b.bucket("sweeps").key("team-a/foreign/x.bin"), RequestBody.fromBytes(bytes("x")));
    }
    assertEquals(Optional.empty(), store.stat("foreign/x.bin"));
  }

  @Test
  void listFindsKeysByPrefixAtAnyDepthAndDeleteRemoves() throws IOException {
    store.put("list/a.params", bytes("1"));
    store.put("list/b/c.params", bytes("2"));
    store.put("listing/s.json", bytes("3"));
    assertEquals(List.of("list/a.params", "list/b/c.params"), store.list("list/"));
    assertEquals(List.of("list/a.params", "list/b/c.params", "listing/s.json"), store.list("list"));
    assertEquals(List.of(), store.list("nothing/"));
    store.delete("list/a.params");
    assertFalse(store.stat("list/a.params").isPresent());
    assertEquals(List.of("list/b/c.params"), store.list("list/"));
  }

  @Test
  void putContentWritesEachContentOnce() throws IOException {
    BlobStore.Blob first = store.putContent("content/", ".json", bytes("{}"));
    BlobStore.Blob second = store.putContent("content/", ".json", bytes("{}"));
    assertEquals(first, second);
    assertEquals("content/sha256-" + Digests.sha256(bytes("{}")) + ".json", first.key());
  }

  @Test
  void wrongCredentialsFailWithTheFixAndWithoutTheSecret() {
    var wrong = new S3Connection(Optional.of(proxy.endpoint()), S3Connection.DEFAULT_REGION,
        software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(S3Proxy.ACCESS_KEY, "not-the-secret")));
    try (S3BlobStore refused = S3BlobStore.open("s3://sweeps/team-a", wrong)) {
      IOException e = assertThrows(IOException.class, () -> refused.put("models/c.params", bytes("w")));
      assertTrue(e.getMessage().contains("check the credentials"), e.getMessage());
      assertFalse(e.getMessage().contains("not-the-secret"), e.getMessage());
    }
  }

  @Test
  void locationsAreParsedWithClearErrors() {
    assertEquals(new S3Location("bucket", "a/b/"), S3Location.parse("s3://bucket/a/b"));
    assertEquals(new S3Location("bucket", ""), S3Location.parse("s3://bucket"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> S3Location.parse("/tmp/store"));
    assertTrue(e.getMessage().startsWith("--store: '/tmp/store' is not an S3 URI"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> S3Location.parse("s3://Bad_Bucket/x"));
    assertTrue(e.getMessage().startsWith("--store: 'Bad_Bucket' is not a bucket name"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> S3Location.parse("s3://Bad_Bucket/x", "--registry"));
    assertTrue(e.getMessage().startsWith("--registry: 'Bad_Bucket' is not a bucket name"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> S3Location.parse("s3://bucket/a/../b", "--registry"));
    assertTrue(e.getMessage().startsWith("--registry: the prefix of 's3://bucket/a/../b' has a segment '..'"),
        e.getMessage());
    assertEquals(new S3Location("bucket", "a/registry/"), S3Location.parse("s3://bucket/a").within("registry"));
    assertEquals(new S3Location("bucket", "registry/"), S3Location.parse("s3://bucket").within("registry/"));
  }

  @Test
  void theEnvironmentSetsEndpointAndRegion() {
    S3Connection c = S3Connection.fromEnvironment(Map.of(
        "AWS_ENDPOINT_URL", "http://10.0.0.1:9000", "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000",
        "AWS_REGION", "eu-west-1"));
    assertEquals(Optional.of(java.net.URI.create("http://127.0.0.1:9000")), c.endpoint());
    assertEquals("eu-west-1", c.region().id());
    S3Connection aws = S3Connection.fromEnvironment(Map.of());
    assertEquals(Optional.empty(), aws.endpoint());
    assertEquals(S3Connection.DEFAULT_REGION, aws.region());
    assertThrows(IllegalArgumentException.class,
        () -> S3Connection.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "localhost:9000")));
  }
}
