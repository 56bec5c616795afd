package ai.monzie.stack;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body without a Content-Length (chunked), passed on until it grows past the route's
 * limit; then it fails, which resets the request to the service (the proxy does not end it, so the
 * service never sees a truncated body as a whole one) and the gateway answers 413.
 */
final class CappedBody implements ReadStream<Buffer> {
  private final ReadStream<Buffer> source;
  private final long limit;
  private long seen;
  private volatile boolean exceeded;
  private Handler<Throwable> exceptionHandler;

  CappedBody(ReadStream<Buffer> source, long limit) {
    this.source = source;
    this.limit = limit;
  }

  boolean exceeded() {
    return exceeded;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    if (handler == null) {
      source.handler(null);
      return this;
    }
    source.handler(
        buffer -> {
          if (exceeded) {
            return;
          }
          seen += buffer.length();
          if (seen > limit) {
            exceeded = true;
            source.pause();
            if (exceptionHandler != null) {
              exceptionHandler.handle(new IllegalStateException("body above " + limit + " bytes"));
            }
          } else {
            handler.handle(buffer);
          }
        });
    return this;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    source.exceptionHandler(handler);
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    source.pause();
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    if (!exceeded) {
      source.resume();
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    if (!exceeded) {
      source.fetch(amount);
    }
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    source.endHandler(endHandler);
    return this;
  }
}
