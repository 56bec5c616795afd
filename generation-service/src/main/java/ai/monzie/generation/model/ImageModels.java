package ai.monzie.generation.model;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;

/** The models by provider name, and the one configuration says serves new generations. */
@ApplicationScoped
public class ImageModels {

  private final Map<String, ImageModel> byProvider = new HashMap<>();
  private final String active;

  ImageModels(@Any Instance<ImageModel> models, ModelConfig config) {
    models.forEach(model -> byProvider.put(model.provider(), model));
    if (!byProvider.containsKey(config.provider())) {
      throw new IllegalStateException(
          "monzie.generation.provider must be one of "
              + byProvider.keySet()
              + ", not "
              + config.provider());
    }
    if (!config.concurrency().containsKey(config.provider())) {
      throw new IllegalStateException(
          "monzie.generation.concurrency."
              + config.provider()
              + " must be set: workers take only the jobs of providers with a limit");
    }
    this.active = config.provider();
  }

  /** The model that serves new generations. */
  public ImageModel active() {
    return byProvider.get(active);
  }

  /** The model of a provider (a queued job keeps the provider it was created for). */
  public ImageModel of(String provider) {
    ImageModel model = byProvider.get(provider);
    if (model == null) {
      throw new ModelFailure(
          ModelFailure.Reason.CONFIGURATION, false, "No image model named " + provider + ".");
    }
    return model;
  }
}
