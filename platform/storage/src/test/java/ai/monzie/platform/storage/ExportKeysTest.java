package ai.monzie.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExportKeysTest {

  @Test
  void partFilesAreFixedNamesOrUuidFiles() {
    UUID export = UUID.randomUUID();
    UUID image = UUID.randomUUID();
    assertThat(ExportKeys.partFile(export, "generation", "images/" + image + ".png"))
        .isEqualTo("exports/" + export + "/generation/images/" + image + ".png");
    assertThat(ExportKeys.isFile("events.json")).isTrue();
  }

  @Test
  void aCraftedFileNameCannotEscape() {
    for (String crafted :
        new String[] {
          "../profile.json",
          "images/../../x.png",
          "images/" + UUID.randomUUID() + "/../a.png",
          "/etc/passwd",
          "images\\..\\a.png",
          "images/not-a-uuid.png",
          "profile.json\u0000.txt",
          ""
        }) {
      assertThat(ExportKeys.isFile(crafted)).as(crafted).isFalse();
    }
    assertThatThrownBy(() -> ExportKeys.partFile(UUID.randomUUID(), "generation", "../x.json"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExportKeys.partPrefix(UUID.randomUUID(), "../users"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
