package ai.monzie.generation.generation;

import ai.monzie.generation.image.GeneratedImage;
import ai.monzie.generation.image.ImageNotFound;
import ai.monzie.generation.image.ImageRepository;
import ai.monzie.generation.image.ImageView;
import ai.monzie.generation.job.GenerationRequested;
import ai.monzie.generation.job.Job;
import ai.monzie.generation.job.JobRepository;
import ai.monzie.generation.job.JobSignals;
import ai.monzie.generation.job.JobStatus;
import ai.monzie.generation.model.ImageModel;
import ai.monzie.generation.model.ImageModels;
import ai.monzie.generation.model.ImageSizes;
import ai.monzie.generation.quota.DailyQuota;
import ai.monzie.generation.snapshot.SceneSnapshot;
import ai.monzie.generation.snapshot.SceneSnapshots;
import ai.monzie.generation.snapshot.UserSnapshot;
import ai.monzie.generation.snapshot.UserSnapshots;
import ai.monzie.generation.storage.FileSigner;
import ai.monzie.generation.storage.ObjectKeys;
import ai.monzie.generation.storage.ObjectStore;
import ai.monzie.generation.upload.StoredUpload;
import ai.monzie.generation.upload.UploadNotFound;
import ai.monzie.generation.upload.UploadRepository;
import ai.monzie.platform.events.TraceContext;
import ai.monzie.platform.outbox.OutboxWriter;
import ai.monzie.platform.problem.ProblemException;
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
  private final DailyQuota quota;
  private final OutboxWriter outbox;
  private final JobSignals signals;
  private final ImageModels models;
  private final FileSigner signer;
  private final ObjectStore store;
  private final GenerationConfig config;
  private final ObjectMapper json;
  private final UploadRepository uploads;

  GenerationService(
      Pool pool,
      JobRepository jobs,
      SceneSnapshots scenes,
      UserSnapshots users,
      ImageRepository images,
      DailyQuota quota,
      OutboxWriter outbox,
      JobSignals signals,
      ImageModels models,
      FileSigner signer,
      ObjectStore store,
      GenerationConfig config,
      ObjectMapper json,
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
  }

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
    String key = checkKey(idempotencyKey);
    String hash = RequestFingerprint.of(json, new EnhanceRequest(imageId));
    return replay(user, key, hash)
        .flatMap(
            existing ->
                existing.isPresent()
                    ? Uni.createFrom().item(existing.get())
                    : create(user, key, hash, tx -> enhanceJob(tx, user, imageId)));
  }

  /**
   * A new generation whose input is one of the user's photo uploads, with the enhancement prompt.
   */
  public Uni<GenerationView> enhanceUpload(UUID user, UUID uploadId, String idempotencyKey) {
    String key = checkKey(idempotencyKey);
    String hash = RequestFingerprint.of(json, new EnhanceUploadRequest(uploadId));
    return replay(user, key, hash)
        .flatMap(
            existing ->
                existing.isPresent()
                    ? Uni.createFrom().item(existing.get())
                    : create(user, key, hash, tx -> enhanceUploadJob(tx, user, uploadId)));
  }

  public Uni<GenerationView> find(UUID user, UUID id) {
    return jobs.findWithImage(pool, user, id)
        .map(found -> view(found.orElseThrow(() -> GenerationProblems.generationNotFound(id))));
  }

  public GenerationView view(JobRepository.JobWithImage found) {
    Job job = found.job();
    return new GenerationView(
        job.id(),
        job.status().value(),
        job.scene().id(),
        job.render().model(),
        job.isEnhance(),
        job.createdAt(),
        found.image() == null ? null : ImageView.of(found.image(), signer),
        job.status() == JobStatus.FAILED ? job.error() : null);
  }

  /** A template for a job; the reservation, the insert and the signals are common. */
  private record Draft(Job job, boolean premium) {}

  private Uni<GenerationView> create(
      UUID user, String key, String hash, Function<SqlConnection, Uni<Draft>> draft) {
    return pool.withTransaction(
            tx ->
                draft
                    .apply(tx)
                    .flatMap(
                        d ->
                            quota
                                .reserve(tx, user, d.premium())
                                .map(day -> d.job().reserved(day, key, hash)))
                    .flatMap(
                        job ->
                            jobs.insert(tx, job)
                                .map(inserted -> inserted.orElseThrow(KeyTaken::new)))
                    .call(job -> outbox.append(tx, GenerationRequested.of(job)))
                    .call(job -> signals.jobQueued(tx, job.render().provider()))
                    .call(job -> signals.statusChanged(tx, job, JobStatus.QUEUED, null, null)))
        .map(job -> view(new JobRepository.JobWithImage(job, null)))
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
                users
                    .isPremium(tx, user)
                    .map(
                        premium ->
                            new Draft(
                                Job.queued(
                                    user,
                                    new Job.Scene(
                                        image.sceneId(), image.sceneName(), image.sceneCategory()),
                                    new Job.Render(
                                        models.active().provider(),
                                        models.active().modelFor(ImageModel.Task.ENHANCE),
                                        config.enhancePrompt(),
                                        null,
                                        image.imageSize() == null
                                            ? config.defaultImageSize()
                                            : image.imageSize(),
                                        image.aspectRatio(),
                                        image.seed() == null
                                            ? SEEDS.nextInt(Integer.MAX_VALUE)
                                            : image.seed()),
                                    image.imageKey(),
                                    image.id(),
                                    true,
                                    TraceContext.current()),
                                premium)));
  }

  private Uni<Draft> enhanceUploadJob(SqlConnection tx, UUID user, UUID uploadId) {
    return uploads
        .findPhoto(tx, user, uploadId)
        .map(found -> found.orElseThrow(() -> new UploadNotFound(uploadId.toString())))
        .flatMap(
            (StoredUpload upload) ->
                users
                    .isPremium(tx, user)
                    .map(
                        premium ->
                            new Draft(
                                Job.queued(
                                    user,
                                    new Job.Scene(NO_SCENE, config.photoEnhanceSceneName(), null),
                                    new Job.Render(
                                        models.active().provider(),
                                        models.active().modelFor(ImageModel.Task.ENHANCE),
                                        config.enhancePrompt(),
                                        null,
                                        config.defaultImageSize(),
                                        null,
                                        SEEDS.nextInt(Integer.MAX_VALUE)),
                                    upload.objectKey(),
                                    null,
                                    true,
                                    TraceContext.current()),
                                premium)));
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
              return jobs.findWithImage(pool, user, found.get().id()).map(f -> f.map(this::view));
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
