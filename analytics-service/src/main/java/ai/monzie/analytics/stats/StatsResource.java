package ai.monzie.analytics.stats;

import static ai.monzie.platform.problem.ProblemException.invalid;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The seed's analytics queries, for operators. */
@Tag(name = "stats", description = "Statistics for operators")
@Path("/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("service_role")
public class StatsResource {

  public record DailyGenerations(
      LocalDate date,
      int totalGenerations,
      int uniqueUsers,
      @Schema(nullable = true) Double avgGenerationTime,
      @Schema(nullable = true) Double p95GenerationTime,
      int failures) {}

  public record DailyCount(LocalDate date, long count) {}

  public record DailyActiveUsers(LocalDate date, long activeUsers) {}

  public record DailyShares(
      LocalDate date,
      @Schema(description = "Share links made") long shares,
      @Schema(description = "Opens of share links (JSON or page)") long views,
      @Schema(description = "Distinct images whose link was opened") long imagesViewed) {}

  private final StatsRepository stats;

  StatsResource(StatsRepository stats) {
    this.stats = stats;
  }

  @GET
  @Path("/generations/daily")
  @Operation(
      operationId = "getDailyGenerations",
      summary = "Generations per day (operators)",
      description = "Newest first, from the generation_stats projection.")
  @Parameter(ref = StatsApi.DAYS)
  @APIResponse(
      responseCode = "200",
      description = "One row per day",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(type = SchemaType.ARRAY, implementation = DailyGenerations.class)))
  public Uni<List<DailyGenerations>> daily(@QueryParam(StatsApi.DAYS) String days) {
    return stats.dailyGenerations(StatsApi.days(days));
  }

  @GET
  @Path("/events")
  @Operation(
      operationId = "getDailyEventCounts",
      summary = "Event counts per day (operators)",
      description =
          "Counts of one event name per UTC day between from and to (inclusive; default the last 30 days), optionally for one platform; newest first.")
  @Parameter(
      name = "name",
      in = ParameterIn.QUERY,
      required = true,
      description = "The event_name",
      schema = @Schema(type = SchemaType.STRING, minLength = 1))
  @Parameter(
      name = "from",
      in = ParameterIn.QUERY,
      description = "First day (default: 29 days before to)",
      schema = @Schema(type = SchemaType.STRING, format = "date"))
  @Parameter(
      name = "to",
      in = ParameterIn.QUERY,
      description = "Last day (default: today, UTC)",
      schema = @Schema(type = SchemaType.STRING, format = "date"))
  @Parameter(
      name = "platform",
      in = ParameterIn.QUERY,
      schema =
          @Schema(
              type = SchemaType.STRING,
              enumeration = {"ios", "android", "web"}))
  @APIResponse(
      responseCode = "200",
      description = "One row per day with events",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(type = SchemaType.ARRAY, implementation = DailyCount.class)))
  public Uni<List<DailyCount>> events(
      @QueryParam("name") String name,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("platform") String platform) {
    if (name == null || name.isBlank()) {
      throw invalid("name", "required");
    }
    LocalDate end = date("to", to, LocalDate.now(ZoneOffset.UTC));
    LocalDate start = date("from", from, end.minusDays(29));
    if (start.isAfter(end)) {
      throw invalid("from", "must not be after to");
    }
    if (platform != null && !List.of("ios", "android", "web").contains(platform)) {
      throw invalid("platform", "must be ios, android or web");
    }
    return stats.dailyEventCounts(name, start, end, platform);
  }

  @GET
  @Path("/active-users")
  @Operation(
      operationId = "getDailyActiveUsers",
      summary = "Daily active users (operators)",
      description = "Distinct signed-in users with any event per UTC day, newest first.")
  @Parameter(ref = StatsApi.DAYS)
  @APIResponse(
      responseCode = "200",
      description = "One row per day with users",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(type = SchemaType.ARRAY, implementation = DailyActiveUsers.class)))
  public Uni<List<DailyActiveUsers>> activeUsers(@QueryParam(StatsApi.DAYS) String days) {
    return stats.dailyActiveUsers(StatsApi.days(days));
  }

  @GET
  @Path("/shares")
  @Operation(
      operationId = "getDailyShares",
      summary = "Share links and their views per day (operators)",
      description =
          "From the image.shared and image.share_viewed events, per UTC day, newest first; days"
              + " without either are left out.")
  @Parameter(ref = StatsApi.DAYS)
  @APIResponse(
      responseCode = "200",
      description = "One row per day with shares or views",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(type = SchemaType.ARRAY, implementation = DailyShares.class)))
  public Uni<List<DailyShares>> shares(@QueryParam(StatsApi.DAYS) String days) {
    return stats.dailyShares(StatsApi.days(days));
  }

  private static LocalDate date(String field, String text, LocalDate fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(field, "a date like 2026-11-25");
    }
  }
}
