package ai.monzie.platform.events;

/** Topic names exactly as DESIGN.md §2 spells them; the event type equals the topic. */
public final class Topics {
  private Topics() {}

  public static final String USER_SIGNED_UP = "user.signed-up";
  public static final String USER_DELETED = "user.deleted";
  public static final String SESSION_REVOKED = "session.revoked";
  public static final String PROFILE_CHANGED = "profile.changed";
  public static final String SCENE_CHANGED = "scene.changed";
  public static final String GENERATION_REQUESTED = "generation.requested";
  public static final String IMAGE_GENERATED = "image.generated";
  public static final String GENERATION_FAILED = "generation.failed";
  public static final String IMAGE_FAVORITED = "image.favorited";
  public static final String IMAGE_UNFAVORITED = "image.unfavorited";
  public static final String IMAGE_DELETED = "image.deleted";

  public static String deadLetter(String topic) {
    return topic + ".dlq";
  }
}
