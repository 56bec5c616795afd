package ai.monzie.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {

  @ParameterizedTest
  @CsvSource({
    "/v1/scenes, /v1/scenes",
    "/v1/scenes/, /v1/scenes/",
    "/, /",
    "/v1/auth/../../q/metrics, /q/metrics",
    "/v1/auth/%2e%2e/%2E%2e/q/metrics, /q/metrics",
    "/v1/auth/.%2e/%2e./q/metrics, /q/metrics",
    "/v1/./scenes/./1, /v1/scenes/1",
    "/v1//scenes///1, /v1/scenes/1",
    "/v1/scenes/.., /v1/",
    "/v1/scenes/1/., /v1/scenes/1/",
    "/v1/scenes/%61%62%7E%2d%5F, /v1/scenes/ab~-_",
    "/v1/scenes/a%2cb, /v1/scenes/a%2Cb",
    "/v1/scenes/%252e%252e, /v1/scenes/%252e%252e",
    "/v1/scenes/...., /v1/scenes/....",
    "/v1/scenes/..a, /v1/scenes/..a",
  })
  void canonicalForms(String raw, String canonical) {
    assertThat(RequestPath.normalise(raw)).isEqualTo(new RequestPath.Canonical(canonical));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/..",
        "/../v1/scenes",
        "/v1/../../q",
        "/v1/%2e%2e/%2e%2e/q",
        "/v1/auth/..%2fq",
        "/v1/auth/%2F",
        "/v1/auth/%5c",
        "/v1\\auth",
        "/v1/auth/..;/q",
        "/v1/auth;x=1",
        "/v1/auth/%",
        "/v1/auth/%4",
        "/v1/auth/%g0",
        "v1/auth",
        "",
        "*"
      })
  void refused(String raw) {
    assertThat(RequestPath.normalise(raw)).isInstanceOf(RequestPath.Refused.class);
  }
}
