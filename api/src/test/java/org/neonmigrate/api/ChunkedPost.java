package org.neonmigrate.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A POST whose body goes out with {@code Transfer-Encoding: chunked} and no Content-Length, over a
 * plain socket, so that a test decides how much is sent and whether the body ever ends. The answer
 * is read while the body is still being written, as a server may answer before it read it all.
 */
final class ChunkedPost {

  private ChunkedPost() {}

  /**
   * Sends {@code chunks} (then the last-chunk marker only if {@code finish}), and waits at most
   * {@code timeout} for the answer; an AssertionError when none comes.
   */
  static Http.Answer send(
      int port,
      String path,
      String contentType,
      String token,
      Iterator<byte[]> chunks,
      boolean finish,
      Duration timeout) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) timeout.toMillis());
      AtomicBoolean answered = new AtomicBoolean();
      AtomicLong sent = new AtomicLong();
      Thread writer =
          new Thread(
              () -> write(socket, path, contentType, token, chunks, finish, answered, sent),
              "chunked-post-writer");
      writer.setDaemon(true);
      writer.start();
      try {
        return read(socket.getInputStream());
      } catch (SocketTimeoutException e) {
        throw new AssertionError(
            "no answer within %s after %d body bytes sent".formatted(timeout, sent.get()), e);
      } finally {
        answered.set(true);
        writer.interrupt();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The whole body through the JDK's {@link HttpClient}, which sends a body of unknown length
   * chunked.
   */
  static Http.Answer sendWhole(
      int port, String path, String contentType, String token, byte[] body) {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", contentType)
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(60))
            .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    try {
      HttpResponse<String> response = client.send(request, BodyHandlers.ofString());
      return new Http.Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code prefix} as the first chunk, then {@code count} chunks of {@code size} {@code fill}s. */
  static Iterator<byte[]> body(String prefix, int count, int size, char fill) {
    byte[] first = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] chunk = String.valueOf(fill).repeat(size).getBytes(StandardCharsets.US_ASCII);
    return new Iterator<>() {
      int left = count + 1;

      @Override
      public boolean hasNext() {
        return left > 0;
      }

      @Override
      public byte[] next() {
        return left-- == count + 1 ? first : chunk;
      }
    };
  }

  /** The lines as chunks of about {@code size} bytes each. */
  static Iterator<byte[]> lines(List<String> lines, int size) {
    List<byte[]> chunks = new ArrayList<>();
    StringBuilder chunk = new StringBuilder();
    for (String line : lines) {
      chunk.append(line).append('\n');
      if (chunk.length() >= size) {
        chunks.add(chunk.toString().getBytes(StandardCharsets.UTF_8));
        chunk.setLength(0);
      }
    }
    if (chunk.length() > 0) {
      chunks.add(chunk.toString().getBytes(StandardCharsets.UTF_8));
    }
    return chunks.iterator();
  }

  private static void write(
      Socket socket,
      String path,
      String contentType,
      String token,
      Iterator<byte[]> chunks,
      boolean finish,
      AtomicBoolean answered,
      AtomicLong sent) {
    try {
      OutputStream out = socket.getOutputStream();
      String head =
          "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                  .formatted(path, token)
              + "Content-Type: %s\r\nTransfer-Encoding: chunked\r\n\r\n".formatted(contentType);
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      while (chunks.hasNext() && !answered.get()) {
        byte[] chunk = chunks.next();
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write('\r');
        out.write('\n');
        out.flush();
        sent.addAndGet(chunk.length);
      }
      if (finish && !answered.get()) {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    } catch (IOException e) {
      // the server may close the connection once it has answered; the reader has the answer
    }
  }

  private static Http.Answer read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new IOException("the connection closed without an answer");
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    String contentType = "";
    long length = -1;
    boolean chunked = false;
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-type" -> contentType = value;
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
        default -> {}
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; ) {
        body.write(in.readNBytes(size));
        line(in);
        size = Integer.parseInt(line(in).trim(), 16);
      }
    } else if (length >= 0) {
      body.write(in.readNBytes((int) length));
    }
    return new Http.Answer(status, contentType, body.toString(StandardCharsets.UTF_8), null);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1; c = in.read()) {
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r'
            ? line.substring(0, end - 1)
            : line.toString();
      }
      line.append((char) c);
    }
    return line.length() == 0 ? null : line.toString();
  }
}
