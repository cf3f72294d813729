package dev.periodica.api;

import java.nio.charset.StandardCharsets;

/**
 * Encodes a text message as the server sends it on a WebSocket (RFC 6455, unmasked): one final text
 * frame, or, beyond {@link #MAX_FRAME} bytes, a text frame and continuation frames of at most that
 * size each, as Vert.x splits a message larger than its maximum frame size (65,536 bytes by
 * default, which is also what a Vert.x client accepts by default).
 */
final class WebSocketFrames {
  static final int MAX_FRAME = 65_536;
  private static final int FIN = 0x80;
  private static final int TEXT = 0x1;
  private static final int CONTINUATION = 0x0;

  private WebSocketFrames() {}

  /** The frames of one text message, back to back. */
  static byte[] text(String message) {
    byte[] payload = message.getBytes(StandardCharsets.UTF_8);
    int frames = Math.max(1, (payload.length + MAX_FRAME - 1) / MAX_FRAME);
    int size = payload.length;
    for (int i = 0; i < frames; i++) {
      size += header(Math.min(MAX_FRAME, payload.length - i * MAX_FRAME));
    }
    byte[] out = new byte[size];
    int at = 0;
    for (int i = 0; i < frames; i++) {
      int from = i * MAX_FRAME;
      int length = Math.min(MAX_FRAME, payload.length - from);
      int opcode = i == 0 ? TEXT : CONTINUATION;
      out[at++] = (byte) ((i == frames - 1 ? FIN : 0) | opcode);
      if (length < 126) {
        out[at++] = (byte) length;
      } else if (length <= 0xFFFF) {
        out[at++] = 126;
        out[at++] = (byte) (length >>> 8);
        out[at++] = (byte) length;
      } else {
        out[at++] = 127;
        for (int shift = 56; shift >= 0; shift -= 8) {
          out[at++] = (byte) ((long) length >>> shift);
        }
      }
      System.arraycopy(payload, from, out, at, length);
      at += length;
    }
    return out;
  }

  private static int header(int length) {
    return length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
  }
}
