package ai.monzie.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Runs a step for several components at once, each on a thread of its own. */
final class InParallel {
  private InParallel() {}

  /** A step on one component that may fail. */
  interface Step {
    void run(String component) throws IOException;
  }

  /** Runs the step for every component at once; waits for all, then throws the first failure. */
  static void run(List<String> components, Step step) {
    List<Thread> threads = new ArrayList<>();
    List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
    for (String component : components) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  step.run(component);
                } catch (IOException e) {
                  failures.add(new UncheckedIOException(e));
                } catch (RuntimeException e) {
                  failures.add(e);
                }
              },
              "stack-" + component);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LocalStack.StackException("interrupted");
      }
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }
}
