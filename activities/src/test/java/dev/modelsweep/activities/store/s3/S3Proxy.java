package dev.modelsweep.activities.store.s3;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real S3 API server for tests: s3proxy 2.6.0 as a child process ({@code java -jar
 * s3proxy-...-jar-with-dependencies.jar}, the path in system property {@code s3proxy.jar}, set by
 * the build) on 127.0.0.1 and a free port, with its filesystem backend in a folder: a bucket is a
 * folder under it. Stopped by {@link #close()}.
 */
public final class S3Proxy implements AutoCloseable {

  /** Test credentials; the secret is what the secrets tests look for in histories and logs. */
  public static final String ACCESS_KEY = "modelsweep-test-access";
  public static final String SECRET_KEY = "s3cr3t-9f2e7c1b4a-never-logged";

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private S3Proxy(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** Starts s3proxy with its data under {@code dir}/data and waits until it answers. */
  public static S3Proxy start(Path dir) throws IOException, InterruptedException {
    String jar = System.getProperty("s3proxy.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("system property s3proxy.jar names no file (" + jar
          + "); run the tests through Maven, which sets it");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path data = Files.createDirectories(dir.resolve("data"));
    Path properties = dir.resolve("s3proxy.properties");
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    Files.write(properties, List.of(
        "s3proxy.endpoint=" + endpoint,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + data));
    Path log = dir.resolve("s3proxy.log");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", jar, "--properties", properties.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    S3Proxy proxy = new S3Proxy(process, endpoint, log);
    proxy.awaitReady(Duration.ofSeconds(60));
    return proxy;
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("s3proxy exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try {
        HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        c.getResponseCode();
        c.disconnect();
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    close();
    throw new IOException("s3proxy did not answer on " + endpoint + " within " + timeout + ": " + Files.readString(log));
  }

  public URI endpoint() {
    return endpoint;
  }

  /** A connection with the test credentials, as {@link S3Connection#fromEnvironment} builds one. */
  public S3Connection connection() {
    return new S3Connection(Optional.of(endpoint), S3Connection.DEFAULT_REGION,
        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
  }

  /** The standard AWS environment variables that point a worker process at this server. */
  public java.util.Map<String, String> environment() {
    return java.util.Map.of("AWS_ENDPOINT_URL_S3", endpoint.toString(), "AWS_REGION", "us-east-1",
        "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
  }

  /** Creates {@code bucket}. */
  public void createBucket(String bucket) {
    try (var client = connection().newClient()) {
      client.createBucket(b -> b.bucket(bucket));
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
