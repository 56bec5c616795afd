package ai.monzie.profile.push;

import ai.monzie.platform.events.ReceivedEvent;
import ai.monzie.platform.events.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the user is told when a generation ends: its image is ready, it failed, or the system
 * cancelled it (a cancellation the user made is not announced back to them). English and Turkish,
 * the app's two languages; any other locale gets English.
 */
public final class GenerationNotifications {
  private GenerationNotifications() {}

  /** The payload fields read (deploy/contracts/schemas/image.generated.json). */
  record ImageGenerated(
      UUID userId, UUID imageId, UUID generationId, UUID sceneId, String sceneName) {}

  record GenerationFailed(UUID userId, UUID generationId, UUID sceneId) {}

  record GenerationCancelled(UUID userId, UUID generationId, UUID sceneId, String cancelledBy) {}

  private static final int MAX_SCENE_NAME = 60;

  /** The notification the event calls for, if any. */
  public static Optional<PushNotification> of(ReceivedEvent event) {
    return switch (event.topic()) {
      case Topics.IMAGE_GENERATED -> {
        ImageGenerated e = event.as(ImageGenerated.class);
        String scene = shorten(e.sceneName());
        yield notification(
            event,
            e.userId(),
            Map.of(
                "en",
                new PushNotification.Text(
                    "Your image is ready",
                    scene == null ? "Tap to see it." : scene + " is ready. Tap to see it."),
                "tr",
                new PushNotification.Text(
                    "Görselin hazır",
                    scene == null ? "Görmek için dokun." : scene + " hazır. Görmek için dokun.")),
            data(event.topic(), e.generationId(), e.sceneId(), e.imageId()));
      }
      case Topics.GENERATION_FAILED -> {
        GenerationFailed e = event.as(GenerationFailed.class);
        yield notification(
            event,
            e.userId(),
            Map.of(
                "en",
                new PushNotification.Text(
                    "We couldn't create your image", "Nothing was used up. Please try again."),
                "tr",
                new PushNotification.Text(
                    "Görselin oluşturulamadı", "Hakkından düşülmedi. Lütfen tekrar dene.")),
            data(event.topic(), e.generationId(), e.sceneId(), null));
      }
      case Topics.GENERATION_CANCELLED -> {
        GenerationCancelled e = event.as(GenerationCancelled.class);
        if ("user".equals(e.cancelledBy())) {
          yield Optional.empty(); // they know: they pressed cancel
        }
        yield notification(
            event,
            e.userId(),
            Map.of(
                "en",
                new PushNotification.Text(
                    "Your image was cancelled", "Nothing was used up. Please try again."),
                "tr",
                new PushNotification.Text(
                    "Görselin iptal edildi", "Hakkından düşülmedi. Lütfen tekrar dene.")),
            data(event.topic(), e.generationId(), e.sceneId(), null));
      }
      default -> Optional.empty();
    };
  }

  private static Optional<PushNotification> notification(
      ReceivedEvent event,
      UUID user,
      Map<String, PushNotification.Text> texts,
      Map<String, String> data) {
    return user == null
        ? Optional.empty()
        : Optional.of(new PushNotification(event.id(), user, texts, data));
  }

  private static Map<String, String> data(
      String type, UUID generationId, UUID sceneId, UUID imageId) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("type", type);
    if (generationId != null) {
      data.put("generation_id", generationId.toString());
    }
    if (sceneId != null) {
      data.put("scene_id", sceneId.toString());
    }
    if (imageId != null) {
      data.put("image_id", imageId.toString());
    }
    return data;
  }

  private static String shorten(String sceneName) {
    if (sceneName == null || sceneName.isBlank()) {
      return null;
    }
    String name = sceneName.strip();
    return name.length() <= MAX_SCENE_NAME ? name : name.substring(0, MAX_SCENE_NAME - 1) + "…";
  }
}
