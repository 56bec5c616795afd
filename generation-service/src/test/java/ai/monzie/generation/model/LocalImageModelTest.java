package ai.monzie.generation.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.generation.image.LowPriorityThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The embedded model renders off the request path: few, low-priority threads of its own. */
class LocalImageModelTest {

  private static ModelInput textToImage(int seed) {
    return new ModelInput(
        ImageModel.Task.TEXT_TO_IMAGE,
        LocalImageModel.PROVIDER,
        "a lighthouse at dusk",
        null,
        "square",
        null,
        seed,
        null,
        null);
  }

  /** The real model, recording how many renders run at once and on which threads. */
  static final class Observed extends LocalImageModel {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final Set<Integer> priorities = ConcurrentHashMap.newKeySet();
    final Set<Integer> nices = ConcurrentHashMap.newKeySet();
    volatile CountDownLatch hold = new CountDownLatch(0);

    Observed(int maxConcurrentRenders, int nice) {
      super(maxConcurrentRenders, nice);
    }

    @Override
    ModelOutput render(ModelInput input) {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      threads.add(Thread.currentThread().getName());
      priorities.add(Thread.currentThread().getPriority());
      nices.add(LowPriorityThreads.currentNice());
      try {
        hold.await(30, TimeUnit.SECONDS);
        return super.render(input);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      } finally {
        running.decrementAndGet();
      }
    }
  }

  @Test
  void rendersEveryJobOneAtATimeOnALowPriorityThreadUnderTheDefaultCap() throws Exception {
    Observed model = new Observed(1, 19);
    List<CompletableFuture<ModelOutput>> jobs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      jobs.add(model.generate(textToImage(i)).subscribeAsCompletionStage());
    }
    for (CompletableFuture<ModelOutput> job : jobs) {
      ModelOutput output = job.get(60, TimeUnit.SECONDS);
      assertThat(output.width()).isEqualTo(512);
      assertThat(output.png()).startsWith(0x89, 'P', 'N', 'G');
    }
    assertThat(model.mostAtOnce).hasValue(1);
    assertThat(model.threads).allMatch(name -> name.startsWith("local-model-render-"));
    assertThat(model.priorities).containsOnly(Thread.MIN_PRIORITY);
    if (!model.nices.contains(-1)) { // Linux: the kernel schedules the render thread at nice 19
      assertThat(model.nices).containsOnly(19);
    }
    model.stop();
  }

  @Test
  void aFullRenderQueueAnswersARetryableFailureInsteadOfQueueingWithoutEnd() throws Exception {
    Observed model = new Observed(1, 0);
    model.hold = new CountDownLatch(1);
    List<CompletableFuture<ModelOutput>> jobs = new ArrayList<>();
    for (int i = 0; i < LocalImageModel.QUEUE_CAPACITY + 3; i++) {
      jobs.add(model.generate(textToImage(i)).subscribeAsCompletionStage());
    }
    model.hold.countDown();
    int rendered = 0;
    int refused = 0;
    for (CompletableFuture<ModelOutput> job : jobs) {
      try {
        job.get(120, TimeUnit.SECONDS);
        rendered++;
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(ModelFailure.class);
        assertThat(((ModelFailure) e.getCause()).retryable()).isTrue();
        refused++;
      }
    }
    // one rendering, QUEUE_CAPACITY waiting: the rest is refused, to be retried by the worker
    assertThat(rendered).isEqualTo(LocalImageModel.QUEUE_CAPACITY + 1);
    assertThat(refused).isEqualTo(2);
    model.stop();
  }
}
