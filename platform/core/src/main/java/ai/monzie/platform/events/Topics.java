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
  // issue 12: plans and credits (profile publishes, generation consumes)
  public static final String ENTITLEMENT_CHANGED = "entitlement.changed";
  public static final String CREDITS_GRANTED = "credits.granted";
  public static final String CREDITS_REVOKED = "credits.revoked";
  // issue 13: the queue a user steers
  public static final String GENERATION_CANCELLED = "generation.cancelled";
  // issue 14: share links and data export
  public static final String IMAGE_SHARED = "image.shared";
  public static final String IMAGE_SHARE_VIEWED = "image.share_viewed";
  public static final String USER_EXPORT_REQUESTED = "user.export-requested";
  public static final String USER_EXPORT_PART_READY = "user.export-part-ready";

  public static String deadLetter(String topic) {
    return topic + ".dlq";
  }
}
