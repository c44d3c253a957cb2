package dev.modelsweep.worker.serve;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One blocking HTTP/1.1 connection that posts the same JSON body again and again and reads each
 * answer whole: the load generator's client. The JDK's {@code HttpClient} hands every exchange
 * between its selector thread and the caller, which on two cores added more to a call's latency
 * than the server and the model together; here a call is one write and the reads of one answer
 * on the caller's own thread. Not thread-safe: one per caller. Reconnects once when the server
 * closed an idle connection.
 */
final class KeepAliveConnection implements AutoCloseable {

  private final InetSocketAddress address;
  private final byte[] request;
  private final int timeoutMs;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  /** @param uri an {@code http://} URI; {@code body} is posted to its path */
  KeepAliveConnection(URI uri, String body, int timeoutMs) {
    if (!"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException(uri + ": only http:// is supported");
    }
    int port = uri.getPort() == -1 ? 80 : uri.getPort();
    this.address = new InetSocketAddress(uri.getHost(), port);
    this.timeoutMs = timeoutMs;
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + (uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()) + " HTTP/1.1\r\n"
        + "Host: " + uri.getHost() + ":" + port + "\r\n"
        + "Content-Type: application/json\r\n"
        + "Content-Length: " + content.length + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    this.request = new byte[headBytes.length + content.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(content, 0, request, headBytes.length, content.length);
  }

  /** Posts the body and reads the answer; returns its status code. */
  int post() throws IOException {
    boolean fresh = socket == null;
    if (fresh) {
      connect();
    }
    try {
      return exchange();
    } catch (IOException e) {
      close();
      if (fresh) {
        throw e;
      }
      // The server may have closed the kept-alive connection between calls: try once afresh.
      connect();
      return exchange();
    }
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(address, timeoutMs);
    socket.setSoTimeout(timeoutMs);
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    out = socket.getOutputStream();
  }

  private int exchange() throws IOException {
    out.write(request);
    out.flush();
    String status = line();
    if (!status.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP answer: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean closing = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        closing = true;
      }
    }
    if (chunked) {
      for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
          size = Long.parseLong(line().split(";")[0].trim(), 16)) {
        skip(size);
        line();
      }
      for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
        // trailers are not used
      }
    } else if (length >= 0) {
      skip(length);
    } else {
      closing = true;
      in.transferTo(OutputStream.nullOutputStream());
    }
    if (closing) {
      close();
    }
    return code;
  }

  private void skip(long bytes) throws IOException {
    long left = bytes;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new IOException("connection closed with " + left + " bytes of the answer unread");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  /** A header line without its CRLF. */
  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-answer");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a broken connection: nothing to keep
      }
      socket = null;
    }
  }
}
