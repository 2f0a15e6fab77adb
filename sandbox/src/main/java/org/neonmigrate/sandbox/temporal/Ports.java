package org.neonmigrate.sandbox.temporal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports for servers that must be told a port rather than report the one they bound. */
public final class Ports {
  private Ports() {}

  /** A port free right now; another process could take it before the server binds it. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for Temporal", e);
    }
  }

  /**
   * Fails if something listens on {@code port} already; else the new server's readiness probe could
   * be answered by someone else's server on that port.
   */
  static void requireFree(int port, String what) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw new IOException(
          "the " + what + " port " + port + " is taken (" + e.getMessage() + ")", e);
    }
  }
}
