package ai.monzie.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A consumer reads a payload into its own record: lenient to additions, strict on misfits. */
class ReceivedEventTest {

  record Generated(UUID userId, UUID sceneId, OffsetDateTime createdAt, boolean isEnhanced) {}

  record WithOptional(UUID userId, Optional<String> sceneCategory) {}

  private static final UUID USER = UUID.randomUUID();
  private static final UUID SCENE = UUID.randomUUID();

  @Test
  void readsSnakeCaseFieldsAndTimesIntoTheConsumersRecordIgnoringFieldsItDoesNotDeclare() {
    ReceivedEvent event =
        event(
            """
            {"user_id":"%s","scene_id":"%s","created_at":"2026-11-25T10:00:00+01:00",
             "is_enhanced":true,"model":"local","a_field_added_later":{"nested":[1,2]}}"""
                .formatted(USER, SCENE));

    Generated read = event.as(Generated.class);

    assertThat(read.userId()).isEqualTo(USER);
    assertThat(read.sceneId()).isEqualTo(SCENE);
    assertThat(read.createdAt()).isEqualTo(OffsetDateTime.parse("2026-11-25T10:00:00+01:00"));
    assertThat(read.isEnhanced()).isTrue();
  }

  @Test
  void anAbsentOrNullFieldReadsAsNullOrEmpty() {
    WithOptional read =
        event("{\"user_id\":\"%s\",\"scene_category\":null}".formatted(USER))
            .as(WithOptional.class);
    assertThat(read.userId()).isEqualTo(USER);
    assertThat(read.sceneCategory()).isEmpty();
    assertThat(event("{}").as(WithOptional.class).userId()).isNull();
  }

  @Test
  void aFieldThatDoesNotFitItsTypeIsAnIllegalArgumentNamingTheRecord() {
    assertThatThrownBy(
            () ->
                event(
                        "{\"user_id\":\"not-a-uuid\",\"scene_id\":\"%s\",\"is_enhanced\":false}"
                            .formatted(SCENE))
                    .as(Generated.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Generated");
    assertThatThrownBy(
            () ->
                event(
                        "{\"user_id\":\"%s\",\"created_at\":\"yesterday\",\"is_enhanced\":false}"
                            .formatted(USER))
                    .as(Generated.class))
        .isInstanceOf(IllegalArgumentException.class);
    // a primitive the producer left out is a misfit, not a silent false
    assertThatThrownBy(() -> event("{\"user_id\":\"%s\"}".formatted(USER)).as(Generated.class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> event("[1,2]").as(Generated.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ReceivedEvent event(String payload) {
    try {
      JsonNode json = new ObjectMapper().readTree(payload);
      return new ReceivedEvent(
          UUID.randomUUID().toString(),
          Topics.IMAGE_GENERATED,
          Topics.IMAGE_GENERATED,
          USER.toString(),
          Instant.now(),
          json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
