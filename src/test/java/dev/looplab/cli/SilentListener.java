package dev.looplab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A TCP listener that accepts every connection and never sends a byte: the worst kind of server. */
final class SilentListener implements AutoCloseable {
  private final ServerSocket socket;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstAccepted = new CountDownLatch(1);

  SilentListener() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptAll, "silent-listener");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** Waits until a client has connected (and is now waiting for an answer that never comes). */
  void awaitConnection(long seconds) throws InterruptedException {
    if (!firstAccepted.await(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("no client connected to the silent listener within " + seconds + " s");
    }
  }

  private void acceptAll() {
    try {
      while (!socket.isClosed()) {
        accepted.add(socket.accept());
        firstAccepted.countDown();
      }
    } catch (IOException closed) {
      // close() ends the loop
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
      for (Socket s : accepted) {
        s.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
