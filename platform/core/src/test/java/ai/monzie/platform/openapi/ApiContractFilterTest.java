package ai.monzie.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.monzie.platform.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

class ApiContractFilterTest {

  private static OpenAPI document(Operation operation) {
    OpenAPI api = OASFactory.createOpenAPI();
    api.setComponents(
        OASFactory.createComponents()
            .addParameter(
                "Idempotency-Key",
                OASFactory.createParameter()
                    .name("Idempotency-Key")
                    .in(Parameter.In.HEADER)
                    .description("shared"))
            .addResponse(
                "Queued",
                OASFactory.createAPIResponse()
                    .description("queued")
                    .addHeader("Location", OASFactory.createHeader().description("where")))
            .addResponse(
                "LimitReached", OASFactory.createAPIResponse().description("limit reached")));
    api.setPaths(
        OASFactory.createPaths()
            .addPathItem("/v1/things", OASFactory.createPathItem().POST(operation)));
    return api;
  }

  @Test
  void aSharedResponseOrParameterNamedByRefIsWrittenIntoTheOperation() {
    Operation operation =
        OASFactory.createOperation()
            .addParameter(
                OASFactory.createParameter().ref("#/components/parameters/Idempotency-Key"))
            .addParameter(
                OASFactory.createParameter()
                    .name("limit")
                    .in(Parameter.In.QUERY)
                    .description("own"))
            .responses(
                OASFactory.createAPIResponses()
                    .addAPIResponse(
                        "202", OASFactory.createAPIResponse().ref("#/components/responses/Queued"))
                    .addAPIResponse(
                        "429",
                        OASFactory.createAPIResponse().ref("#/components/responses/LimitReached")));
    OpenAPI api = document(operation);

    new ApiContractFilter().filterOpenAPI(api);

    assertThat(operation.getParameters())
        .extracting(Parameter::getName, Parameter::getRef)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Idempotency-Key", null),
            org.assertj.core.groups.Tuple.tuple("limit", null));
    assertThat(operation.getParameters().get(0).getDescription()).isEqualTo("shared");
    var queued = operation.getResponses().getAPIResponse("202");
    assertThat(queued.getRef()).isNull();
    assertThat(queued.getDescription()).isEqualTo("queued");
    assertThat(queued.getHeaders()).containsKey("Location");
    // a shared failure is a problem document like any other
    var limit = operation.getResponses().getAPIResponse("429");
    assertThat(limit.getDescription()).isEqualTo("limit reached");
    assertThat(limit.getContent().getMediaType(Problem.MEDIA_TYPE)).isNotNull();
    // what was inlined is not left behind as a component
    assertThat(api.getComponents().getResponses()).isNullOrEmpty();
    assertThat(api.getComponents().getParameters()).isNullOrEmpty();
  }

  @Test
  void aRefToNothingFailsTheBuild() {
    Operation operation =
        OASFactory.createOperation()
            .responses(
                OASFactory.createAPIResponses()
                    .addAPIResponse(
                        "202", OASFactory.createAPIResponse().ref("#/components/responses/Typo")));
    assertThatThrownBy(() -> new ApiContractFilter().filterOpenAPI(document(operation)))
        .hasMessageContaining("#/components/responses/Typo");
  }
}
