package dev.periodica.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** File names: safe on every file system, stored within a byte budget, whole code points. */
class FileNamesTest {
  private static boolean wellFormed(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(text);
  }

  @Test
  void a_stored_name_is_cut_by_utf8_bytes_on_a_code_point_and_keeps_its_extension() {
    String cjk = FileNames.stored("1-" + "報".repeat(120) + ".pdf");
    String astral = FileNames.stored("1-a" + "𠀀".repeat(100) + ".xlsx");
    String latin = FileNames.stored("1-" + "report".repeat(10) + ".csv");

    assertThat(cjk.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(FileNames.MAX_BYTES);
    assertThat(cjk).startsWith("1-報").endsWith("報.pdf");
    assertThat(astral.getBytes(StandardCharsets.UTF_8))
        .hasSizeLessThanOrEqualTo(FileNames.MAX_BYTES);
    assertThat(astral).endsWith("𠀀.xlsx").satisfies(name -> assertThat(wellFormed(name)).isTrue());
    assertThat(latin).isEqualTo("1-" + "report".repeat(10) + ".csv");
  }

  @Test
  void a_safe_name_is_never_cut_inside_a_surrogate_pair() {
    String name = FileNames.safe("a" + "𠀀".repeat(100));

    assertThat(wellFormed(name)).isTrue();
    assertThat(name.codePoints().count()).isEqualTo(60);
  }

  @Property(tries = 300)
  void any_stored_name_fits_the_budget_and_stays_well_formed(
      @ForAll @StringLength(max = 400) String base) {
    String stored = FileNames.stored("42-" + FileNames.clean(base) + ".csv");

    assertThat(stored.getBytes(StandardCharsets.UTF_8))
        .hasSizeLessThanOrEqualTo(FileNames.MAX_BYTES);
    assertThat(wellFormed(stored)).isTrue();
    assertThat(stored).startsWith("42-").endsWith(".csv");
  }
}
