package ai.monzie.generation.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Threads for CPU work no request waits on (the local model's renders, thumbnails and BlurHashes):
 * a fixed few, each at a higher Linux nice, so that under contention the kernel gives the request
 * path the cores first, while an idle core still runs this work at full speed.
 */
public final class LowPriorityThreads {

  private static final Logger LOG = Logger.getLogger(LowPriorityThreads.class);

  private LowPriorityThreads() {}

  /** A fixed pool of {@code threads} daemon threads named {@code name-N}, each at {@code nice}. */
  public static ThreadPoolExecutor pool(
      String name, int threads, int nice, BlockingQueue<Runnable> queue) {
    AtomicInteger created = new AtomicInteger();
    ThreadFactory factory =
        task -> {
          Thread thread =
              new Thread(
                  () -> {
                    lowerNice(nice);
                    task.run();
                  },
                  name + "-" + created.incrementAndGet());
          thread.setDaemon(true);
          thread.setPriority(Thread.MIN_PRIORITY); // a hint only: Linux ignores it, nice does not
          return thread;
        };
    return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, queue, factory);
  }

  /**
   * Lowers this thread's nice value. Linux schedules threads, and nice is per thread there, so
   * renice on the thread's own id touches only it; lowering needs no privilege. Java has no call
   * for it (thread priorities are ignored on Linux), hence the command, once per thread.
   */
  static void lowerNice(int nice) {
    if (nice <= 0) {
      return;
    }
    try {
      // /proc/thread-self -> "PID/task/TID"
      String tid = Path.of("/proc/thread-self").toRealPath().getFileName().toString();
      Process renice =
          new ProcessBuilder("renice", "-n", String.valueOf(nice), "-p", tid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!renice.waitFor(5, TimeUnit.SECONDS) || renice.exitValue() != 0) {
        LOG.warnf("renice of thread %s failed: it runs at normal priority", tid);
      }
    } catch (IOException e) {
      LOG.warnf("no renice (%s): background threads run at normal priority", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The nice value of the calling thread (Linux), for tests; -1 when unknown. */
  public static int currentNice() {
    return niceIn(Path.of("/proc/thread-self/stat"));
  }

  /** The nice value in a thread's {@code /proc/.../stat} file (Linux); -1 when unknown. */
  public static int niceIn(Path stat) {
    try {
      String line = Files.readString(stat);
      // "tid (comm) S ...": field 19 is nice; comm may hold spaces, count after the last ')'
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(fields[16]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
