package ai.monzie.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Calls released together, for tests of limits under races (quota, throttles, unique keys). */
public final class Parallel {
  private Parallel() {}

  private static final long TIMEOUT_SECONDS = 60;

  /**
   * Runs {@code n} calls on {@code n} threads, held at a latch until all are ready so that they
   * really race, and returns their results in call order. Fails if one call throws or does not
   * finish within a minute.
   */
  public static <T> List<T> run(int n, IntFunction<T> call) {
    ExecutorService threads = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(
            threads.submit(
                () -> {
                  start.await();
                  return call.apply(index);
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>(n);
      for (Future<T> future : futures) {
        results.add(future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a parallel call failed", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("a parallel call did not finish", e);
    } finally {
      threads.shutdownNow();
    }
  }
}
