package dev.periodica.support;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A WebSocket client on a plain socket, for what a library client hides: a receive window of a
 * given size that is not read (a slow subscriber), and the frames exactly as the server sent them
 * (their flags and opcodes, one message per frame or not).
 */
public final class RawWebSocket implements AutoCloseable {
  /** One frame as received: its first byte split into flags and opcode, and its payload. */
  public record Frame(boolean fin, int rsv, int opcode, byte[] payload) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final DataInputStream in;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
  }

  /**
   * Upgrades a connection to {@code path} as {@code user}, with a receive buffer of {@code
   * receiveBuffer} bytes (0: the system's); reads time out after {@code timeoutMs}.
   */
  public static RawWebSocket connect(
      int port, String path, UUID user, int receiveBuffer, int timeoutMs) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress("localhost", port), 5000);
    socket.setSoTimeout(timeoutMs);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET "
                + path
                + " HTTP/1.1\r\nHost: localhost:"
                + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Pgr-User-Id: "
                + user
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    RawWebSocket raw = new RawWebSocket(socket);
    String head = raw.readHead();
    if (!head.startsWith("HTTP/1.1 101")) {
      socket.close();
      throw new IOException("upgrade refused: " + head);
    }
    return raw;
  }

  public boolean isClosed() {
    return socket.isClosed();
  }

  /** Sends one masked text frame, as a client must. */
  public void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    if (payload.length > 125) {
      throw new IllegalArgumentException("only short messages");
    }
    byte[] frame = new byte[6 + payload.length];
    frame[0] = (byte) 0x81;
    frame[1] = (byte) (0x80 | payload.length);
    byte[] mask = {1, 2, 3, 4};
    System.arraycopy(mask, 0, frame, 2, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    socket.getOutputStream().write(frame);
    socket.getOutputStream().flush();
  }

  /** Sends raw bytes as they are. */
  public void sendBytes(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /** The frames the server sent until none came for the read timeout (or the connection ended). */
  public List<Frame> readFrames() throws IOException {
    List<Frame> frames = new ArrayList<>();
    while (true) {
      int first;
      try {
        first = in.read();
      } catch (SocketTimeoutException e) {
        return frames;
      }
      if (first < 0) {
        return frames;
      }
      int second = in.readUnsignedByte();
      if ((second & 0x80) != 0) {
        throw new IOException("a server frame must not be masked");
      }
      int length = second & 0x7f;
      long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
      byte[] payload = new byte[(int) size];
      in.readFully(payload);
      frames.add(new Frame((first & 0x80) != 0, (first >> 4) & 0x7, first & 0x0f, payload));
    }
  }

  private String readHead() throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** The payloads of the text frames among {@code frames}. */
  public static List<String> texts(List<Frame> frames) {
    return frames.stream().filter(f -> f.opcode() == 1).map(Frame::text).toList();
  }
}
