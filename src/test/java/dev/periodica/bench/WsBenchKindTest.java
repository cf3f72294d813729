package dev.periodica.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

/** The live-progress benchmark sorts each event by what it says of its run, from its bytes. */
class WsBenchKindTest {
  private static byte kind(String status, int progress) {
    return WsBench.kind(
        Buffer.buffer(
            "{\"type\":\"run\",\"run\":{\"id\":12,\"task_id\":\"e7441340-77a9-41f5-9be1-1481c6b40768\","
                + "\"report_id\":null,\"status\":\""
                + status
                + "\",\"progress\":"
                + progress
                + ",\"trigger\":\"manual\",\"updated_at\":\"2026-11-30T17:41:53.683304Z\"}}"));
  }

  @Test
  void sortsRunEventsByWhatTheySay() {
    assertEquals(1, kind("new", 0));
    assertEquals(2, kind("in_action", 0));
    assertEquals(3, kind("in_action", 5));
    assertEquals(3, kind("in_action", 10));
    assertEquals(4, kind("complete", 100));
    assertEquals(4, kind("need_restart", 40));
    assertEquals(4, kind("failed", 0));
    assertEquals(0, WsBench.kind(Buffer.buffer("{\"type\":\"subscribed\"}")));
  }
}
