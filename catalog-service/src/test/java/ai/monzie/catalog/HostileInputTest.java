package ai.monzie.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import ai.monzie.testing.RawHttp;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 16's hostile inputs against catalog: 4xx problem+json, public reads keep their caching. */
@QuarkusTest
@WithMonzieInfra(database = "catalog")
class HostileInputTest {

  static final String PROBLEM = "application/problem+json";

  @Test
  void aSignedTokenWhoseSubjectIsNotAUserIdIs401EvenOnOperatorRoutes() {
    given()
        .auth()
        .oauth2(TestInfra.token("service_role", "not-a-uuid"))
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/v1/scenes")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
  }

  @Test
  void aVeryLongQueryOrCursorIs414Problem() {
    given()
        .queryParam("q", "q".repeat(5000))
        .get("/v1/scenes")
        .then()
        .statusCode(414)
        .contentType(PROBLEM)
        .body("type", equalTo("https://monzie.ai/problems/uri-too-long"));
    given()
        .queryParam("cursor", "c".repeat(6000))
        .get("/v1/scenes")
        .then()
        .statusCode(414)
        .contentType(PROBLEM);
  }

  @Test
  void nulInAQueryParameterOrAnIdIs400() {
    given()
        .urlEncodingEnabled(false)
        .get("/v1/scenes?q=cat%00dog")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    given()
        .urlEncodingEnabled(false)
        .get("/v1/scenes/" + UUID.randomUUID() + "%00")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
  }

  @Test
  void aTenMegabyteBodyIs413ProblemBeforeItIsRead() {
    RawHttp.Answer answer =
        RawHttp.send(
            RestAssured.port,
            "POST /v1/scenes HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer "
                + TestInfra.token("service_role", UUID.randomUUID().toString())
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + 10 * 1024 * 1024,
            ("{\"name\":\"" + "n".repeat(1000)).getBytes(StandardCharsets.UTF_8));
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.header("Content-Type")).startsWith(PROBLEM);
    assertThat(answer.body()).contains("payload-too-large");
  }

  @Test
  void publicReadsKeepTheirOwnCachingAndGetTheSecurityHeaders() {
    given()
        .get("/v1/scenes")
        .then()
        .statusCode(200)
        .header("Cache-Control", containsString("max-age"))
        .header("Cache-Control", not(containsString("no-store")))
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY");
    given()
        .get("/v1/scenes/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(PROBLEM)
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff");
  }
}
