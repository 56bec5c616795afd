package ai.monzie.generation.generation;

import ai.monzie.generation.credits.Credits;
import ai.monzie.generation.image.GeneratedImage;
import ai.monzie.generation.image.ImageNotFound;
import ai.monzie.generation.image.ImageRepository;
import ai.monzie.generation.job.GenerationRequested;
import ai.monzie.generation.job.Job;
import ai.monzie.generation.job.JobRepository;
import ai.monzie.generation.job.JobSignals;
import ai.monzie.generation.job.JobStatus;
import ai.monzie.generation.model.ImageModel;
import ai.monzie.generation.model.ImageModels;
import ai.monzie.generation.model.ImageSizes;
import ai.monzie.generation.snapshot.SceneSnapshot;
import ai.monzie.generation.snapshot.SceneSnapshots;
import ai.monzie.generation.snapshot.UserSnapshot;
import ai.monzie.generation.snapshot.UserSnapshots;
import ai.monzie.generation.storage.FileSigner;
import ai.monzie.generation.storage.ObjectKeys;
import ai.monzie.generation.upload.StoredUpload;
import ai.monzie.generation.upload.UploadNotFound;
import ai.monzie.generation.upload.UploadRepository;
import ai.monzie.generation.worker.JobOutcomes;
import ai.monzie.platform.events.TraceContext;
import ai.monzie.platform.outbox.OutboxWriter;
import ai.monzie.platform.problem.ProblemException;
import ai.monzie.platform.storage.ObjectStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Requesting generations. In ONE transaction: the scene and user snapshots are read, a unit of
 * quota is reserved, the job is queued and {@code generation.requested} is written; the workers are
 * signalled when it commits.
 */
@ApplicationScoped
public class GenerationService {

  private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7e]{1,255}$");
  private static final SecureRandom SEEDS = new SecureRandom();

  private final Pool pool;
  private final JobRepository jobs;
  private final SceneSnapshots scenes;
  private final UserSnapshots users;
  private final ImageRepository images;
  private final Credits quota;
  private final OutboxWriter outbox;
  private final JobSignals signals;
  private final ImageModels models;
  private final FileSigner signer;
  private final ObjectStore store;
  private final GenerationConfig config;
  private final ObjectMapper json;
  private final JobOutcomes outcomes;
  private final GenerationViews views;
  private final UploadRepository uploads;

  GenerationService(
      Pool pool,
      JobRepository jobs,
      SceneSnapshots scenes,
      UserSnapshots users,
      ImageRepository images,
      Credits quota,
      OutboxWriter outbox,
      JobSignals signals,
      ImageModels models,
      FileSigner signer,
      ObjectStore store,
      GenerationConfig config,
      ObjectMapper json,
      JobOutcomes outcomes,
      GenerationViews views,
      UploadRepository uploads) {
    this.uploads = uploads;
    this.pool = pool;
    this.jobs = jobs;
    this.scenes = scenes;
    this.users = users;
    this.images = images;
    this.quota = quota;
    this.outbox = outbox;
    this.signals = signals;
    this.models = models;
    this.signer = signer;
    this.store = store;
    this.config = config;
    this.json = json;
    this.outcomes = outcomes;
    this.views = views;
  }

  /** What a retry's Idempotency-Key is bound to: the generation it repeats. */
  private record RetryRequest(UUID retryOf) {}

  /** What an enhancement's Idempotency-Key is bound to: the image (its path parameter). */
  private record EnhanceRequest(UUID enhanceImageId) {}

  /** The same for an upload's enhancement. */
  private record EnhanceUploadRequest(UUID enhanceUploadId) {}

  /** The scene of an enhanced upload, which has none: the nil UUID (no catalog scene has it). */
  public static final UUID NO_SCENE = new UUID(0, 0);

  /** Thrown in the transaction when a concurrent retry holds the Idempotency-Key: roll back. */
  private static final class KeyTaken extends RuntimeException {
    KeyTaken() {
      super("idempotency key taken", null, false, false);
    }
  }

  public Uni<GenerationView> request(UUID user, GenerationRequest request, String idempotencyKey) {
    String key = checkKey(idempotencyKey);
    String imageSize =
        request.imageSize() == null ? config.defaultImageSize() : request.imageSize();
    if (!ImageSizes.isPreset(imageSize)) {
      throw ProblemException.invalid("image_size", "must be one of " + ImageSizes.PRESETS.keySet());
    }
    String ratio =
        request.aspectRatio() == null ? config.defaultAspectRatio() : request.aspectRatio();
    if (!ImageSizes.isAspectRatio(ratio)) {
      throw ProblemException.invalid("aspect_ratio", "must be one of " + ImageSizes.ASPECT_RATIOS);
    }
    String hash = RequestFingerprint.of(json, request);
    int seed =
        request.seed() == null ? SEEDS.nextInt(Integer.MAX_VALUE) : request.seed().intValue();
    return replay(user, key, hash)
        .flatMap(
            existing ->
                existing.isPresent()
                    ? Uni.createFrom().item(existing.get())
                    : photoKey(user, request.originalPhotoUrl())
                        .flatMap(
                            photo ->
                                create(
                                    user,
                                    key,
                                    hash,
                                    tx ->
                                        newJob(tx, user, request, photo, imageSize, ratio, seed))));
  }

  /** A new generation whose input is one of the user's images, with the enhancement prompt. */
  public Uni<GenerationView> enhance(UUID user, UUID imageId, String idempotencyKey) {
    return replayOrCreate(
        user, idempotencyKey, new EnhanceRequest(imageId), tx -> enhanceJob(tx, user, imageId));
  }

  /**
   * A new generation with the inputs of a failed or cancelled one (scene snapshot, prompts, size,
   * seed, photo); it reserves a unit like any other. 404 for none of the caller's, 409 otherwise.
   */
  public Uni<GenerationView> retry(UUID user, UUID id, String idempotencyKey) {
    return replayOrCreate(user, idempotencyKey, new RetryRequest(id), tx -> retryJob(tx, user, id));
  }

  /**
   * A new generation whose input is one of the user's photo uploads, with the enhancement prompt.
   */
  public Uni<GenerationView> enhanceUpload(UUID user, UUID uploadId, String idempotencyKey) {
    return replayOrCreate(
        user,
        idempotencyKey,
        new EnhanceUploadRequest(uploadId),
        tx -> enhanceUploadJob(tx, user, uploadId));
  }

  /**
   * The generation an earlier request with this key made (same canonical body), else a new one from
   * the draft: the idempotency step every way of queueing a job shares.
   */
  private Uni<GenerationView> replayOrCreate(
      UUID user, String idempotencyKey, Object request, Function<SqlConnection, Uni<Draft>> draft) {
    String key = checkKey(idempotencyKey);
    String hash = RequestFingerprint.of(json, request);
    return replay(user, key, hash)
        .flatMap(
            existing ->
                existing.isPresent()
                    ? Uni.createFrom().item(existing.get())
                    : create(user, key, hash, draft));
  }

  /** Cancels a queued or running generation: 404 for none of the caller's, 409 once finished. */
  public Uni<GenerationView> cancel(UUID user, UUID id) {
    return outcomes
        .cancel(user, id)
        .onFailure(JobOutcomes.JobFinished.class)
        .transform(e -> GenerationProblems.alreadyFinished(((JobOutcomes.JobFinished) e).status()))
        .map(found -> found.orElseThrow(() -> GenerationProblems.generationNotFound(id)))
        .flatMap(ignored -> views.find(user, id));
  }

  /** A template for a job; the reservation, the insert and the signals are common. */
  private record Draft(Job job, boolean premium) {
    /**
     * Whose jobs are claimed first (QueueConfig.maxPriorityWait): a premium account here, or (from
     * the credit reservation) a user with an active plan.
     */
    boolean paying() {
      return premium;
    }
  }

  private Uni<GenerationView> create(
      UUID user, String key, String hash, Function<SqlConnection, Uni<Draft>> draft) {
    return pool.withTransaction(
            tx ->
                draft
                    .apply(tx)
                    .flatMap(
                        d ->
                            quota
                                .reserve(tx, user, d.job().id(), d.premium())
                                .map(
                                    r ->
                                        d.job()
                                            .reserved(r.day(), key, hash)
                                            .paying(d.paying() || r.paying())))
                    .flatMap(
                        job ->
                            jobs.insert(tx, job)
                                .map(inserted -> inserted.orElseThrow(KeyTaken::new)))
                    .call(job -> outbox.append(tx, GenerationRequested.of(job)))
                    .call(job -> signals.jobQueued(tx, job.render().provider()))
                    .call(job -> signals.statusChanged(tx, job, JobStatus.QUEUED, null, null)))
        .map(job -> views.view(new JobRepository.JobWithImage(job, null)))
        .onFailure(KeyTaken.class)
        .recoverWithUni(
            () ->
                replay(user, key, hash)
                    .map(found -> found.orElseThrow(() -> new IllegalStateException("key lost"))));
  }

  private Uni<Draft> newJob(
      SqlConnection tx,
      UUID user,
      GenerationRequest request,
      String photo,
      String imageSize,
      String ratio,
      int seed) {
    return scenes
        .find(tx, request.sceneId())
        .map(
            found ->
                found
                    .filter(SceneSnapshot::isActive)
                    .orElseThrow(() -> GenerationProblems.sceneNotFound(request.sceneId())))
        .flatMap(
            scene ->
                users
                    .find(tx, user)
                    .map(
                        snapshot -> {
                          boolean premium =
                              snapshot.map(u -> u.premiumAt(Instant.now())).orElse(false);
                          if (scene.isPremium() && !premium) {
                            throw GenerationProblems.premiumScene();
                          }
                          String gender =
                              request.gender() != null
                                  ? request.gender()
                                  : snapshot.map(UserSnapshot::gender).orElse(null);
                          ImageModel model = models.active();
                          ImageModel.Task task =
                              photo == null
                                  ? ImageModel.Task.TEXT_TO_IMAGE
                                  : ImageModel.Task.PHOTO_EDIT;
                          Job job =
                              Job.queued(
                                  user,
                                  new Job.Scene(scene.id(), scene.name(), scene.category()),
                                  new Job.Render(
                                      model.provider(),
                                      model.modelFor(task),
                                      PromptRenderer.render(scene, gender, request.style()),
                                      scene.negativePrompt(),
                                      imageSize,
                                      ratio,
                                      seed),
                                  photo,
                                  null,
                                  false,
                                  TraceContext.current()); // the trace continues in the worker
                          return new Draft(job, premium);
                        }));
  }

  private Uni<Draft> enhanceJob(SqlConnection tx, UUID user, UUID imageId) {
    return images
        .find(tx, user, imageId)
        .map(found -> found.orElseThrow(() -> new ImageNotFound(imageId.toString())))
        .flatMap(
            (GeneratedImage image) ->
                enhancement(
                    tx,
                    user,
                    new Job.Scene(image.sceneId(), image.sceneName(), image.sceneCategory()),
                    image.imageSize(),
                    image.aspectRatio(),
                    image.seed(),
                    image.imageKey(),
                    image.id()));
  }

  private Uni<Draft> retryJob(SqlConnection tx, UUID user, UUID id) {
    return jobs.findWithImage(tx, user, id)
        .map(found -> found.orElseThrow(() -> GenerationProblems.generationNotFound(id)).job())
        .flatMap(
            (Job earlier) -> {
              if (earlier.status() != JobStatus.FAILED && earlier.status() != JobStatus.CANCELLED) {
                throw GenerationProblems.notRetryable(earlier.status());
              }
              // the scene is checked again as for a new request: deactivated, or premium only
              return scenes
                  .find(tx, earlier.scene().id())
                  .map(
                      found ->
                          found
                              .filter(SceneSnapshot::isActive)
                              .orElseThrow(
                                  () -> GenerationProblems.sceneNotFound(earlier.scene().id())))
                  .flatMap(
                      scene ->
                          users
                              .isPremium(tx, user)
                              .map(
                                  premium -> {
                                    if (scene.isPremium() && !premium) {
                                      throw GenerationProblems.premiumScene();
                                    }
                                    return premium;
                                  }))
                  .map(
                      premium ->
                          new Draft(
                              Job.queued(
                                  user,
                                  earlier.scene(),
                                  earlier.render(),
                                  earlier.originalPhotoKey(),
                                  earlier.sourceImageId(),
                                  earlier.isEnhance(),
                                  TraceContext.current()),
                              premium));
            });
  }

  private Uni<Draft> enhanceUploadJob(SqlConnection tx, UUID user, UUID uploadId) {
    return uploads
        .findPhoto(tx, user, uploadId)
        .map(found -> found.orElseThrow(() -> new UploadNotFound(uploadId.toString())))
        .flatMap(
            (StoredUpload upload) ->
                enhancement(
                    tx,
                    user,
                    new Job.Scene(NO_SCENE, config.photoEnhanceSceneName(), null),
                    null,
                    null,
                    null,
                    upload.objectKey(),
                    null));
  }

  /**
   * An enhancement of a stored picture (one of the user's images, or a photo upload): the enhance
   * model and prompt; the picture's size and seed when it has them, else the defaults.
   */
  private Uni<Draft> enhancement(
      SqlConnection tx,
      UUID user,
      Job.Scene scene,
      String imageSize,
      String ratio,
      Integer seed,
      String inputKey,
      UUID sourceImageId) {
    ImageModel model = models.active();
    Job.Render render =
        new Job.Render(
            model.provider(),
            model.modelFor(ImageModel.Task.ENHANCE),
            config.enhancePrompt(),
            null,
            imageSize == null ? config.defaultImageSize() : imageSize,
            ratio,
            seed == null ? SEEDS.nextInt(Integer.MAX_VALUE) : seed);
    return users
        .isPremium(tx, user)
        .map(
            premium ->
                new Draft(
                    Job.queued(
                        user, scene, render, inputKey, sourceImageId, true, TraceContext.current()),
                    premium));
  }

  /** The generation an earlier request with this key created, if any; reserves nothing. */
  private Uni<Optional<GenerationView>> replay(UUID user, String key, String hash) {
    if (key == null) {
      return Uni.createFrom().item(Optional.empty());
    }
    return jobs.findByKey(pool, user, key)
        .flatMap(
            found -> {
              if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<GenerationView>empty());
              }
              if (!hash.equals(found.get().origin().requestHash())) {
                return Uni.createFrom().failure(GenerationProblems.keyReused());
              }
              return jobs.findWithImage(pool, user, found.get().id()).map(f -> f.map(views::view));
            });
  }

  /**
   * The object key behind original_photo_url: only a URL this service signed, for a file under this
   * user's uploads. Nothing is ever fetched from a URL a client sends (no SSRF).
   */
  private Uni<String> photoKey(UUID user, String url) {
    if (url == null || url.isBlank()) {
      return Uni.createFrom().nullItem();
    }
    String key =
        signer
            .keyOfIssuedUrl(url)
            .filter(k -> k.startsWith(ObjectKeys.uploadsPrefix(user)))
            .orElseThrow(
                () ->
                    ProblemException.invalid(
                        "original_photo_url",
                        "must be a URL that POST /v1/uploads returned to you"));
    return store
        .exists(key)
        .map(
            exists -> {
              if (!exists) {
                throw ProblemException.invalid(
                    "original_photo_url", "this upload no longer exists; upload the photo again");
              }
              return key;
            });
  }

  private static String checkKey(String key) {
    if (key == null) {
      return null;
    }
    if (!KEY.matcher(key).matches()) {
      throw ProblemException.invalid("Idempotency-Key", "1 to 255 visible ASCII characters");
    }
    return key;
  }
}
