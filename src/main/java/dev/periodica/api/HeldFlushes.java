package dev.periodica.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

/**
 * Holds back the flushes of one WebSocket connection while a batch of run events is written to it,
 * and flushes once when the batch is done. Vert.x flushes every frame it writes outside a read of
 * that same connection, which costs one {@code write(2)} per frame per subscriber; the events of
 * one database notification written between {@link #hold} and {@link #release} leave in one. Only
 * flushes are held, never writes: frames stay in order, and they count towards the connection's
 * write queue as soon as they are written, so a subscriber that does not read is noticed as before.
 * Used on the connection's event loop only.
 */
final class HeldFlushes extends ChannelOutboundHandlerAdapter {
  /** Stands in where the pipeline could not be reached: every write flushes, as without it. */
  static final HeldFlushes NONE = new HeldFlushes();

  private ChannelHandlerContext context;
  private boolean holding;
  private boolean held;

  /**
   * Installs a holder in {@code pipeline}, in front of Vert.x's own handler so that every frame the
   * WebSocket writes passes it (its encoder sits nearer the socket).
   */
  static HeldFlushes install(ChannelPipeline pipeline) {
    HeldFlushes flushes = new HeldFlushes();
    if (pipeline.get("handler") != null) {
      pipeline.addBefore("handler", "periodica-held-flushes", flushes);
    } else {
      pipeline.addFirst("periodica-held-flushes", flushes);
    }
    return flushes;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    context = ctx;
  }

  /**
   * Flushes asked for from now on wait for {@link #release}; not when called off the connection's
   * event loop (or on {@link #NONE}), where every write goes on flushing by itself.
   */
  void hold() {
    if (context != null && context.executor().inEventLoop()) {
      holding = true;
    }
  }

  /** Ends a {@link #hold}: one flush, when any was asked for meanwhile. */
  void release() {
    if (!holding) {
      return;
    }
    holding = false;
    if (held) {
      held = false;
      context.flush();
    }
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    if (holding) {
      held = true;
    } else {
      ctx.flush();
    }
  }
}
