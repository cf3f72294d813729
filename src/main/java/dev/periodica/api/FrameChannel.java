package dev.periodica.api;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.VertxHandler;

/**
 * The channel of one live-progress WebSocket, for the run frames {@link ProgressSocket} encodes
 * once for every subscriber ({@link WebSocketFrames}). Vert.x writes each WebSocket frame through
 * its own queue and the encoder, and flushes it with one {@code write(2)} per frame; this handler,
 * installed next to the socket end of the pipeline, takes frames already encoded, and holds flushes
 * (its own and those of Vert.x's writes, which pass it) between {@link #hold} and {@link #release},
 * so a statement's events reach a subscriber in one write, and often as one buffer shared by all of
 * them.
 *
 * <p>Frames written here and Vert.x's own writes (pings, error replies) meet in the channel in the
 * order they were made: Vert.x flushes every write of its own through its encoder at once, only the
 * final flush to the socket waits. Writes here count towards the channel's writability as Vert.x's
 * do; {@link #writable} is what a caller checks before writing, and the {@code whenWritable} action
 * runs when a full channel has room again. Bytes written here are reported to Vert.x's metrics of
 * the connection. Frames written here skip the permessage-deflate encoder a browser may have
 * negotiated: they go uncompressed (RSV1 clear), which RFC 7692 allows message by message (small
 * messages gain little from it). Used on the connection's event loop only.
 */
final class FrameChannel extends ChannelDuplexHandler {
  private static final String NAME = "periodica-frames";

  private final ConnectionBase connection;
  private ChannelHandlerContext context;
  private ChannelPromise unobserved;
  private Runnable whenWritable = () -> {};
  private int holds;
  private boolean held;

  private FrameChannel(ConnectionBase connection) {
    this.connection = connection;
  }

  /**
   * Installs the handler in the pipeline of a WebSocket Vert.x has just upgraded: after the idle
   * timer (which so sees these writes too) and before its WebSocket encoder, or first when there is
   * no idle timer.
   *
   * @throws IllegalStateException when the pipeline is not one Vert.x 5 builds for a WebSocket
   */
  static FrameChannel install(ChannelPipeline pipeline) {
    VertxHandler<?> vertx = pipeline.get(VertxHandler.class);
    if (vertx == null) {
      throw new IllegalStateException("no Vert.x connection in the WebSocket's pipeline");
    }
    FrameChannel frames = new FrameChannel(vertx.getConnection());
    if (pipeline.get("idle") != null) {
      pipeline.addAfter("idle", NAME, frames);
    } else {
      pipeline.addFirst(NAME, frames);
    }
    return frames;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    context = ctx;
    // a failed write means a closed connection, which Vert.x reports by itself
    unobserved = new VoidChannelPromise(ctx.channel(), false);
  }

  /** What to do when the channel, once full, has room again. */
  void whenWritable(Runnable action) {
    whenWritable = action;
  }

  /** Whether the channel takes more without exceeding its high-water mark. */
  boolean writable() {
    return context.channel().isWritable();
  }

  /** Writes encoded frames (taking over {@code frames}), to be sent at the next {@link #flush}. */
  void write(ByteBuf frames) {
    int bytes = frames.readableBytes();
    context.write(frames, unobserved);
    connection.reportBytesWritten(bytes);
  }

  /** Sends what was written, now or, during a {@link #hold}, at its last {@link #release}. */
  void flush() {
    if (holds > 0) {
      held = true;
    } else {
      context.flush();
    }
  }

  /**
   * Flushes asked for from now on, here and by Vert.x, wait for the matching {@link #release}
   * (holds nest).
   */
  void hold() {
    holds++;
  }

  /** Ends a {@link #hold}: the last one flushes once, when a flush was asked for meanwhile. */
  void release() {
    if (holds == 0 || --holds > 0) {
      return;
    }
    if (held) {
      held = false;
      context.flush();
    }
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    if (holds > 0) {
      held = true;
    } else {
      ctx.flush();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    ctx.fireChannelWritabilityChanged();
    if (ctx.channel().isWritable()) {
      whenWritable.run();
    }
  }
}
