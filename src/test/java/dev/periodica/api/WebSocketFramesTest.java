package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebSocketFramesTest {
  @Test
  void a_short_message_is_one_final_text_frame_with_a_one_byte_length() {
    byte[] frame = WebSocketFrames.text("héllo");

    assertThat(frame[0] & 0xff).isEqualTo(0x81);
    assertThat(frame[1]).isEqualTo((byte) 6);
    assertThat(new String(frame, 2, 6, StandardCharsets.UTF_8)).isEqualTo("héllo");
    assertThat(frame).hasSize(8);
  }

  @Test
  void lengths_from_126_bytes_take_a_two_byte_length_and_from_65536_an_eight_byte_one() {
    assertThat(header(WebSocketFrames.text("x".repeat(125)))).containsExactly(0x81, 125);
    assertThat(header(WebSocketFrames.text("x".repeat(126)))).containsExactly(0x81, 126, 0, 126);
    assertThat(header(WebSocketFrames.text("x".repeat(65_535))))
        .containsExactly(0x81, 126, 0xff, 0xff);
    assertThat(header(WebSocketFrames.text("x".repeat(65_536))))
        .containsExactly(0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0);
  }

  @Test
  void a_message_over_65536_bytes_is_split_into_a_text_frame_and_continuations_as_vertx_does() {
    String message = "é".repeat(70_000); // 140,000 bytes: 65,536 + 65,536 + 8,928
    byte[] frames = WebSocketFrames.text(message);

    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    int at = 0;
    int count = 0;
    while (at < frames.length) {
      int first = frames[at] & 0xff;
      int length = frames[at + 1] & 0x7f;
      int header = 2;
      long size = length;
      if (length == 126) {
        size = ((frames[at + 2] & 0xff) << 8) | (frames[at + 3] & 0xff);
        header = 4;
      } else if (length == 127) {
        size = 0;
        for (int i = 0; i < 8; i++) {
          size = (size << 8) | (frames[at + 2 + i] & 0xff);
        }
        header = 10;
      }
      assertThat(first & 0x0f).isEqualTo(count == 0 ? 1 : 0);
      assertThat((first & 0x80) != 0).isEqualTo(at + header + size == frames.length);
      assertThat(size).isLessThanOrEqualTo(WebSocketFrames.MAX_FRAME);
      payload.write(frames, at + header, (int) size);
      at += header + (int) size;
      count++;
    }
    assertThat(count).isEqualTo(3);
    assertThat(payload.toString(StandardCharsets.UTF_8)).isEqualTo(message);
  }

  private static int[] header(byte[] frame) {
    int length = frame[1] & 0x7f;
    int size = length == 126 ? 4 : length == 127 ? 10 : 2;
    int[] header = new int[size];
    for (int i = 0; i < size; i++) {
      header[i] = frame[i] & 0xff;
    }
    return header;
  }
}
