/**
 * Statistics for operators. Its {@code @OpenAPIDefinition} (the service's one: SmallRye reads it
 * only on a package or a JAX-RS Application) declares the {@code days} parameter the daily
 * statistics share; {@code ApiContractFilter} writes it into each operation that names it by {@code
 * ref}. Its info is required by the annotation; application.properties ({@code
 * quarkus.smallrye-openapi.info-*}) sets what is served.
 */
@OpenAPIDefinition(
    info = @Info(title = "MonzieAI analytics-service", version = "1.0.0"),
    components =
        @Components(
            parameters =
                @Parameter(
                    name = StatsApi.DAYS,
                    in = ParameterIn.QUERY,
                    description = "How many days back, today included",
                    schema =
                        @Schema(
                            type = SchemaType.INTEGER,
                            format = "int32",
                            minimum = "1",
                            maximum = "" + StatsApi.MAX_DAYS,
                            defaultValue = "" + StatsApi.DEFAULT_DAYS))))
package ai.monzie.analytics.stats;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
