package ai.monzie.generation.share;

import ai.monzie.generation.PublicUrls;
import ai.monzie.generation.image.GeneratedImage;
import ai.monzie.generation.image.ImageNotFound;
import ai.monzie.generation.image.ImageRepository;
import ai.monzie.platform.outbox.OutboxWriter;
import ai.monzie.platform.storage.ObjectStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

/** Share links: made and revoked by the owner, read by anyone who holds the token. */
@ApplicationScoped
public class ShareService {

  /** 32 random bytes, base64url without padding. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;
  private final ImageRepository images;
  private final ShareRepository shares;
  private final OutboxWriter outbox;
  private final ObjectStore store;
  private final ShareViews views;
  private final PublicUrls urls;

  ShareService(
      Pool pool,
      ImageRepository images,
      ShareRepository shares,
      OutboxWriter outbox,
      ObjectStore store,
      ShareViews views,
      PublicUrls urls) {
    this.pool = pool;
    this.images = images;
    this.shares = shares;
    this.outbox = outbox;
    this.store = store;
    this.views = views;
    this.urls = urls;
  }

  /** A made share link, and whether this call made it (image.shared only then). */
  public record Made(Share share, boolean created) {}

  public Uni<Made> share(UUID user, UUID imageId) {
    return pool.withTransaction(
            tx ->
                images
                    .find(tx, user, imageId)
                    .map(found -> found.orElseThrow(() -> new ImageNotFound(imageId.toString())))
                    .flatMap(
                        image ->
                            shares
                                .createOrGet(tx, imageId, user, newToken())
                                .call(
                                    link ->
                                        link.created()
                                            ? outbox.append(
                                                tx,
                                                new ImageShared(
                                                    imageId, user, image.sceneId(), Instant.now()))
                                            : Uni.createFrom().voidItem())))
        .map(link -> new Made(new Share(link.token(), pageUrl(link.token())), link.created()));
  }

  /** Revokes the image's link (none is fine); another user's image is 404. */
  public Uni<Void> revoke(UUID user, UUID imageId) {
    return pool.withTransaction(
        tx ->
            images
                .find(tx, user, imageId)
                .map(found -> found.orElseThrow(() -> new ImageNotFound(imageId.toString())))
                .flatMap(image -> shares.revoke(tx, imageId, user))
                .replaceWithVoid());
  }

  /** The shared image for a viewer; counts the view (an event, no database write). */
  public Uni<SharedImage> view(String token, String format) {
    return live(token)
        .invoke(image -> views.publish(ShareViews.of(image, format)))
        .map(image -> SharedImage.of(image, pageUrl(token)));
  }

  /** The bytes of a shared image or its thumbnail; never a private file by any other path. */
  public Uni<ObjectStore.StoredObject> file(String token, boolean thumbnail) {
    return live(token)
        .flatMap(
            image -> {
              String key = thumbnail ? image.thumbnailKey() : image.imageKey();
              if (key == null) {
                return Uni.createFrom().failure(new ShareNotFound());
              }
              return store.get(key).map(found -> found.orElseThrow(ShareNotFound::new));
            });
  }

  private Uni<GeneratedImage> live(String token) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      return Uni.createFrom().failure(new ShareNotFound());
    }
    return shares.image(pool, token).map(found -> found.orElseThrow(ShareNotFound::new));
  }

  private String pageUrl(String token) {
    return urls.absolute("/v1/shared/" + token);
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
