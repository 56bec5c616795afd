package ai.monzie.catalog.scene;

import ai.monzie.platform.events.DomainEvent;
import ai.monzie.platform.events.Topics;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The {@code scene.changed} payload: the full scene snapshot, exactly the scene's own JSON
 * (deploy/contracts/schemas/scene.changed.json), keyed by scene id so a scene's versions stay in
 * order.
 */
public record SceneChanged(@JsonUnwrapped Scene scene) implements DomainEvent {

  public static SceneChanged of(Scene scene) {
    return new SceneChanged(scene);
  }

  @Override
  public String topic() {
    return Topics.SCENE_CHANGED;
  }

  @Override
  public Object key() {
    return scene.id();
  }
}
