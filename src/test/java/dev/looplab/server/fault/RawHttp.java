package dev.looplab.server.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 over a plain socket, so a test can send what no well-behaved client would. */
final class RawHttp implements AutoCloseable {
  final Socket socket;

  RawHttp(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(15_000);
  }

  /** Sends bytes as given (ISO-8859-1, so control characters go through untouched). */
  RawHttp send(String raw) throws IOException {
    socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return this;
  }

  /** One request with the given request line and extra header lines, Host included unless a header says otherwise. */
  static Answer exchange(int port, String requestLine, String... headers) throws IOException {
    StringBuilder raw = new StringBuilder(requestLine).append("\r\n");
    for (String header : headers) {
      raw.append(header).append("\r\n");
    }
    raw.append("Connection: close\r\n\r\n");
    try (RawHttp http = new RawHttp(port)) {
      return http.send(raw.toString()).readAll();
    }
  }

  static Answer get(int port, String target) throws IOException {
    return exchange(port, "GET " + target + " HTTP/1.1", "Host: 127.0.0.1");
  }

  /** Reads until the server closes (or the timeout); an empty answer means closed without a byte. */
  Answer readAll() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        if (Answer.complete(out.toString(StandardCharsets.ISO_8859_1))) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no complete answer within the socket timeout; got: " + out);
    } catch (IOException reset) {
      // a reset counts as a close; what came before is the answer
    }
    return new Answer(out.toString(StandardCharsets.ISO_8859_1));
  }

  /** True when the server closed the connection, within the socket's timeout. */
  boolean closedByServer() throws IOException {
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** A raw HTTP answer: status, headers and body, or nothing. */
  record Answer(String raw) {
    int status() {
      if (!raw.startsWith("HTTP/1.")) {
        return -1;
      }
      return Integer.parseInt(raw.substring(9, 12));
    }

    String body() {
      int start = raw.indexOf("\r\n\r\n");
      return start < 0 ? "" : raw.substring(start + 4);
    }

    String header(String name) {
      for (String line : raw.substring(0, Math.max(0, raw.indexOf("\r\n\r\n"))).split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }

    /** Headers in and Content-Length bytes of body read. */
    static boolean complete(String raw) {
      int end = raw.indexOf("\r\n\r\n");
      if (end < 0) {
        return false;
      }
      String length = new Answer(raw).header("Content-Length");
      return length != null && raw.length() - end - 4 >= Integer.parseInt(length);
    }

    boolean isJsonError() {
      return String.valueOf(header("Content-Type")).startsWith("application/json") && body().contains("\"error\"");
    }
  }
}
