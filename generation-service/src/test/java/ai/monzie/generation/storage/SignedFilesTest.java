package ai.monzie.generation.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import ai.monzie.generation.GenerationFixtures;
import ai.monzie.generation.generation.UploadFixtures;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "generation")
class SignedFilesTest {

  static final String PROBLEM = "application/problem+json";

  @Inject FileSigner signer;

  @Test
  void aSignedUrlServesTheFileWithItsTypeAndPrivateCaching() {
    String url = UploadFixtures.uploadJpeg(GenerationFixtures.user());
    assertThat(url).startsWith("http://localhost:8080/v1/files/");
    get(url)
        .then()
        .statusCode(200)
        .contentType("image/jpeg")
        .header("Cache-Control", containsString("private"))
        .header("Cache-Control", matchesPattern(".*max-age=(8\\d\\d|900).*"))
        .header("X-Content-Type-Options", equalTo("nosniff"));
  }

  @Test
  void aTamperedOrExpiredUrlIsForbidden() {
    UUID user = GenerationFixtures.user();
    String url = UploadFixtures.uploadJpeg(user);
    String key = UploadFixtures.keyOf(url);
    URI uri = URI.create(url);
    String query = uri.getRawQuery();
    String sig = query.substring(query.indexOf("sig=") + 4);
    String expires = query.substring("expires=".length(), query.indexOf('&'));

    // another signature
    String flipped = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
    path("/v1/files/" + key + "?expires=" + expires + "&sig=" + flipped)
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    // a later expiry with the old signature
    path("/v1/files/" + key + "?expires=" + (Long.parseLong(expires) + 3600) + "&sig=" + sig)
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    // the signature of one key on another user's key
    path("/v1/files/users/"
            + UUID.randomUUID()
            + "/uploads/x.jpg?expires="
            + expires
            + "&sig="
            + sig)
        .then()
        .statusCode(403);
    // no signature, junk expiry
    path("/v1/files/" + key).then().statusCode(403).contentType(PROBLEM);
    path("/v1/files/" + key + "?expires=soon&sig=" + sig).then().statusCode(403);
    // correctly signed but expired
    String expired = signer.url(key, Instant.now().minusSeconds(5));
    get(expired)
        .then()
        .statusCode(403)
        .contentType(PROBLEM)
        .body("detail", containsString("expired"));
    // path tricks never leave the store
    path("/v1/files/../../etc/passwd?expires=" + expires + "&sig=" + sig)
        .then()
        .statusCode(org.hamcrest.Matchers.anyOf(equalTo(403), equalTo(404)));
  }

  static io.restassured.response.Response get(String url) {
    return GenerationFixtures.file(url);
  }

  static io.restassured.response.Response path(String pathAndQuery) {
    return RestAssured.given().urlEncodingEnabled(false).get(pathAndQuery);
  }
}
