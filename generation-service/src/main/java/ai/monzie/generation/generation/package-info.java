/**
 * The request side of generations. Its {@code @OpenAPIDefinition} (the service's one: SmallRye
 * reads it only on a package or a JAX-RS Application) declares once what every route that queues a
 * generation takes and answers alike ({@link ai.monzie.generation.generation.GenerationApi} names
 * them); {@code ApiContractFilter} writes them into each operation that names them by {@code ref}.
 * Its info is required by the annotation; application.properties ({@code
 * quarkus.smallrye-openapi.info-*}) sets what is served.
 */
@OpenAPIDefinition(
    info = @Info(title = "MonzieAI generation-service", version = "1.0.0"),
    components =
        @Components(
            parameters =
                @Parameter(
                    name = GenerationApi.IDEMPOTENCY_KEY,
                    in = ParameterIn.HEADER,
                    description =
                        "Optional: a repeat of this request with the same key (and body) answers the"
                            + " first generation instead of queueing another",
                    schema =
                        @Schema(
                            type = SchemaType.STRING,
                            minLength = 1,
                            maxLength = 255,
                            pattern = "^[\\x21-\\x7e]{1,255}$")),
            responses = {
              @APIResponse(
                  name = GenerationApi.QUEUED,
                  description =
                      "Queued (or the generation an earlier request with this Idempotency-Key"
                          + " queued); poll Location or the stream",
                  headers =
                      @Header(
                          name = "Location",
                          description = "/v1/generations/{id}",
                          schema = @Schema(type = SchemaType.STRING)),
                  content =
                      @Content(
                          mediaType = "application/json",
                          schema = @Schema(implementation = GenerationView.class))),
              @APIResponse(
                  name = GenerationApi.KEY_REUSED,
                  description = "This Idempotency-Key was used for a different request"),
              @APIResponse(
                  name = GenerationApi.DAILY_LIMIT,
                  description =
                      "Today's generation limit is reached (Retry-After: seconds until it resets)"),
              @APIResponse(
                  name = GenerationApi.NO_CREDITS,
                  description =
                      "A plan or pack user has no credits left (type .../credits-exhausted,"
                          + " available: 0, plans_url: where to buy more)")
            }))
package ai.monzie.generation.generation;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
