package dev.periodica.api;

import dev.periodica.api.RunEvents.RunEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The run events of one notification (the rows one statement changed) with their frames laid back
 * to back in one direct buffer, so that the events a subscriber gets in a row go out as one slice
 * of it, shared by every subscriber rather than copied for each. The buffer is not reference
 * counted: its memory is the JDK's, freed when the last slice (queued in some channel) is garbage,
 * so a slice costs no atomic operation and there is nothing to release by hand.
 */
final class RunBatch {
  private final List<RunEvent> events;
  private final int[] offsets;
  private final ByteBuf frames;

  private RunBatch(List<RunEvent> events) {
    this.events = events;
    this.offsets = new int[events.size() + 1];
    for (int i = 0; i < events.size(); i++) {
      offsets[i + 1] = offsets[i] + events.get(i).frame().length;
    }
    ByteBuffer memory = ByteBuffer.allocateDirect(offsets[events.size()]);
    for (RunEvent event : events) {
      memory.put(event.frame());
    }
    this.frames = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(memory.flip()));
  }

  /** The batch of a notification payload, or null when it holds no run event. */
  static RunBatch of(String payload) {
    List<RunEvent> events = RunEvents.events(payload);
    return events.isEmpty() ? null : new RunBatch(events);
  }

  /** The batch of {@code events} (not empty), their frames copied back to back. */
  static RunBatch of(List<RunEvent> events) {
    return new RunBatch(events);
  }

  List<RunEvent> events() {
    return events;
  }

  /** The frames of events {@code from} (inclusive) to {@code to} (exclusive). */
  ByteBuf frames(int from, int to) {
    return frames.slice(offsets[from], offsets[to] - offsets[from]);
  }
}
