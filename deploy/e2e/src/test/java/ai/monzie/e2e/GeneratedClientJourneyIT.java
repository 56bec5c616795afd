package ai.monzie.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import ai.monzie.client.catalog.api.CategoriesApi;
import ai.monzie.client.catalog.api.ScenesApi;
import ai.monzie.client.catalog.model.Scene;
import ai.monzie.client.generation.api.GenerationsApi;
import ai.monzie.client.generation.api.ImagesApi;
import ai.monzie.client.generation.model.FavoriteInput;
import ai.monzie.client.generation.model.GenerationRequest;
import ai.monzie.client.generation.model.GenerationView;
import ai.monzie.client.generation.model.ImageView;
import ai.monzie.client.profile.api.AuthApi;
import ai.monzie.client.profile.api.ProfilesApi;
import ai.monzie.client.profile.model.Signup;
import ai.monzie.client.profile.model.TokenRequest;
import ai.monzie.client.profile.model.Tokens;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The user journey driven by the clients openapi-generator made from the four services' documents
 * (see this module's pom), used exactly as generated, through the gateway: what a mobile team gets
 * when it generates its client from {@code /q/openapi}.
 */
class GeneratedClientJourneyIT {

  private static final String PASSWORD = "e2e password 1";

  @Test
  void aGeneratedClientSignsUpPicksASceneGeneratesReadsHistoryFavoritesAndDeletes()
      throws Exception {
    String email = "e2e-gen-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    Tokens tokens =
        new AuthApi(profileClient(null))
            .signUp(
                new Signup().email(email).password(PASSWORD).gender(Signup.GenderEnum.FEMALE),
                "tr"); // Accept-Language: the account's mails and pushes in Turkish
    assertThat(tokens.getAccessToken()).isNotBlank();
    assertThat(tokens.getUser().getEmail()).isEqualTo(email);
    String token = tokens.getAccessToken();

    // pick a scene: a category, then a free scene of it
    var categories = new CategoriesApi(catalogClient()).listCategories(null).getItems();
    assertThat(categories).isNotEmpty();
    String category =
        categories.stream()
            .filter(c -> c.getSceneCount() != null && c.getSceneCount() > 0)
            .findFirst()
            .orElseThrow()
            .getSlug();
    ScenesApi scenes = new ScenesApi(catalogClient());
    Scene scene =
        scenes.listScenes(category, null, false, null, null, 1, null, null).getItems().get(0);
    assertThat(scenes.getScene(scene.getId().toString(), null).getName())
        .isEqualTo(scene.getName());

    GenerationsApi generations = new GenerationsApi(generationClient(token));
    GenerationView queued =
        generations.createGeneration(
            new GenerationRequest().sceneId(scene.getId()), UUID.randomUUID().toString());
    assertThat(queued.getSceneId()).isEqualTo(scene.getId());
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> generations.getGeneration(queued.getId().toString()).getStatus(),
            "succeeded"::equals);

    ImagesApi images = new ImagesApi(generationClient(token));
    ImageView image = images.listImages(null, 10, null).getItems().get(0);
    assertThat(image.getGenerationId()).isEqualTo(queued.getId());
    assertThat(image.getSceneName()).isEqualTo(scene.getName());
    assertThat(image.getIsFavorite()).isFalse();

    ImageView favorite =
        images.updateImage(image.getId().toString(), new FavoriteInput().isFavorite(true));
    assertThat(favorite.getIsFavorite()).isTrue();
    assertThat(images.listImages(true, 10, null).getItems())
        .extracting(ImageView::getId)
        .containsExactly(image.getId());

    images.deleteImage(image.getId().toString());
    var gone =
        catchThrowableOfType(
            ai.monzie.client.generation.ApiException.class,
            () -> images.getImage(image.getId().toString()));
    assertThat(gone.getCode()).isEqualTo(404);

    // and the account: the profile reads back, then is deleted and its password stops working
    ProfilesApi profiles = new ProfilesApi(profileClient(token));
    assertThat(profiles.getMyProfile().getEmail()).isEqualTo(email);
    profiles.deleteMyProfile();
    var refused =
        catchThrowableOfType(
            ai.monzie.client.profile.ApiException.class,
            () ->
                new AuthApi(profileClient(null))
                    .createToken(
                        new TokenRequest()
                            .grantType(TokenRequest.GrantTypeEnum.PASSWORD)
                            .email(email)
                            .password(PASSWORD)));
    assertThat(refused.getCode()).isEqualTo(401);
  }

  private static ai.monzie.client.profile.ApiClient profileClient(String token) {
    var client = new ai.monzie.client.profile.ApiClient();
    client.updateBaseUri(Stack.api());
    if (token != null) {
      client.setRequestInterceptor(r -> r.header("Authorization", "Bearer " + token));
    }
    return client;
  }

  private static ai.monzie.client.catalog.ApiClient catalogClient() {
    var client = new ai.monzie.client.catalog.ApiClient();
    client.updateBaseUri(Stack.api());
    return client;
  }

  private static ai.monzie.client.generation.ApiClient generationClient(String token) {
    var client = new ai.monzie.client.generation.ApiClient();
    client.updateBaseUri(Stack.api());
    client.setRequestInterceptor(r -> r.header("Authorization", "Bearer " + token));
    return client;
  }
}
