package dev.periodica.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ColumnPositionsTest {
  @Test
  void positions_follow_the_select_list_with_aliases_and_subqueries() {
    ColumnPositions.At at =
        new ColumnPositions(
                """
                SELECT r.id, r.name,
                       ARRAY(SELECT ru.user_id FROM report_users ru WHERE ru.report_id = r.id
                             ORDER BY ru.user_id) AS user_ids,
                       r.updated_at
                """)
            .from(3);

    assertThat(at.of("id")).isEqualTo(3);
    assertThat(at.of("name")).isEqualTo(4);
    assertThat(at.of("user_ids")).isEqualTo(5);
    assertThat(at.of("updated_at")).isEqualTo(6);
    assertThatThrownBy(() -> at.of("owner_id")).hasMessageContaining("owner_id");
  }

  @Test
  void a_comma_inside_an_expression_does_not_split_its_column() {
    ColumnPositions.At at =
        new ColumnPositions("SELECT r.id, COALESCE(r.ended_at, r.started_at) AS at, r.status")
            .from(0);

    assertThat(at.of("at")).isEqualTo(1);
    assertThat(at.of("status")).isEqualTo(2);
  }

  @Test
  void a_list_naming_a_column_twice_is_refused() {
    assertThatThrownBy(() -> new ColumnPositions("SELECT t.id, r.id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column id twice");
  }

  @Test
  void the_task_and_report_lists_name_every_column_once() {
    ColumnPositions.At task = new ColumnPositions(PgReportTaskRepository.COLUMNS).from(0);
    ColumnPositions.At report = new ColumnPositions(PgReportRepository.COLUMNS).from(0);

    assertThat(task.of("id")).isZero();
    assertThat(task.of("paused_at")).isEqualTo(29);
    assertThat(report.of("group_ids")).isEqualTo(11);
    assertThat(report.of("updated_at")).isEqualTo(PgReportRepository.WIDTH_WITH_PEOPLE - 2);
  }
}
