package dev.periodica.render;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

/** Each table format writes awkward values so that reading the file back gives them exactly. */
class TableWritersTest {
  private static final List<String> COLUMNS = List.of("id", "text", "amount", "at", "ok", "doc");
  private static final String AWKWARD = "Ünïcødé 日本語 😀, tab\t and \u0001";

  private static List<List<?>> rows() {
    return List.of(
        row(
            1,
            "plain",
            new BigDecimal("1.50"),
            OffsetDateTime.of(2026, 3, 4, 5, 6, 7, 123_456_000, ZoneOffset.UTC),
            true,
            new JsonObject().put("a", new JsonArray().add(1).add(2))),
        row(2, "comma, \"quote\"", new BigDecimal("-0.001"), LocalDate.of(2026, 3, 4), false, null),
        row(
            3,
            "line\nbreak\r\nwindows",
            new BigDecimal("12345678901234567890.12345"),
            null,
            null,
            Arrays.asList("x", null, 2)),
        row(4, "", null, LocalDateTime.of(2026, 3, 4, 5, 6), null, null),
        row(5, null, 0.25, OffsetDateTime.MAX, null, null),
        row(9_007_199_254_740_993L, AWKWARD, Double.NaN, LocalTime.of(23, 59, 1), null, null));
  }

  private static List<?> row(Object... values) {
    return Arrays.asList(values);
  }

  private static byte[] write(TableFormat format, List<List<?>> rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TableWriter writer = format.writer(out);
    writer.columns(COLUMNS);
    for (List<?> row : rows) {
      writer.row(row);
    }
    writer.finish();
    return out.toByteArray();
  }

  @Test
  void csv_quotes_only_what_it_must_and_tells_null_from_empty_text() throws Exception {
    String csv = new String(write(TableFormat.CSV, rows()), StandardCharsets.UTF_8);

    assertThat(csv)
        .isEqualTo(
            "id,text,amount,at,ok,doc\r\n"
                + "1,plain,1.50,2026-03-04T05:06:07.123456Z,true,\"{\"\"a\"\":[1,2]}\"\r\n"
                + "2,\"comma, \"\"quote\"\"\",-0.001,2026-03-04,false,\r\n"
                + "3,\"line\nbreak\r\nwindows\",12345678901234567890.12345,,,\"[\"\"x\"\",null,2]\"\r\n"
                + "4,\"\",,2026-03-04T05:06:00.000000,,\r\n"
                + "5,,0.25,infinity,,\r\n"
                + "9007199254740993,\""
                + AWKWARD
                + "\",NaN,23:59:01.000000,,\r\n");
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
      List<CsvRecord> records = reader.stream().toList();
      assertThat(records).hasSize(7);
      assertThat(records.get(2).getFields())
          .containsExactly("2", "comma, \"quote\"", "-0.001", "2026-03-04", "false", "");
      assertThat(records.get(3).getField(1)).isEqualTo("line\nbreak\r\nwindows");
      assertThat(records.get(6).getField(1)).isEqualTo(AWKWARD);
    }
  }

  @Test
  void json_is_one_array_of_objects_with_numbers_as_numbers_and_every_character_kept()
      throws Exception {
    String json = new String(write(TableFormat.JSON, rows()), StandardCharsets.UTF_8);

    JsonArray parsed = new JsonArray(json);
    assertThat(parsed).hasSize(6);
    assertThat(parsed.getJsonObject(0))
        .isEqualTo(
            new JsonObject()
                .put("id", 1)
                .put("text", "plain")
                .put("amount", 1.5)
                .put("at", "2026-03-04T05:06:07.123456Z")
                .put("ok", true)
                .put("doc", new JsonObject().put("a", new JsonArray().add(1).add(2))));
    assertThat(parsed.getJsonObject(1).getString("text")).isEqualTo("comma, \"quote\"");
    assertThat(parsed.getJsonObject(1).getValue("doc")).isNull();
    assertThat(parsed.getJsonObject(1).containsKey("doc")).isTrue();
    assertThat(parsed.getJsonObject(2).getString("text")).isEqualTo("line\nbreak\r\nwindows");
    assertThat(parsed.getJsonObject(2).getJsonArray("doc"))
        .isEqualTo(new JsonArray().add("x").addNull().add(2));
    assertThat(parsed.getJsonObject(3).getString("text")).isEmpty();
    assertThat(parsed.getJsonObject(4).getString("at")).isEqualTo("infinity");
    assertThat(parsed.getJsonObject(5).getString("text")).isEqualTo(AWKWARD);
    assertThat(parsed.getJsonObject(5).getString("amount")).isEqualTo("NaN");
    // digits a double would lose stay in the text
    assertThat(json)
        .contains("\"amount\":12345678901234567890.12345")
        .contains("\"id\":9007199254740993")
        .contains("\\u0001")
        .startsWith("[\n{\"id\":1,")
        .endsWith("}\n]\n");
  }

  @Test
  void json_of_no_rows_is_an_empty_array_and_repeated_names_get_a_suffix() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TableWriter writer = TableFormat.JSON.writer(out);
    writer.columns(List.of("n", "n", "n_2"));
    writer.finish();
    assertThat(new JsonArray(out.toString(StandardCharsets.UTF_8))).isEmpty();

    out.reset();
    writer = TableFormat.JSON.writer(out);
    writer.columns(List.of("n", "n", "n_2"));
    writer.row(List.of(1, 2, 3));
    writer.finish();
    assertThat(new JsonArray(out.toString(StandardCharsets.UTF_8)).getJsonObject(0))
        .isEqualTo(new JsonObject().put("n", 1).put("n_3", 2).put("n_2", 3));
  }

  @Test
  void xlsx_has_a_bold_header_number_cells_and_text_for_what_a_double_cannot_hold()
      throws Exception {
    byte[] xlsx = write(TableFormat.XLSX, rows());

    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = workbook.getFirstSheet();
      assertThat(sheet.getName()).isEqualTo("export");
      List<Row> rows = sheet.read();
      assertThat(rows).hasSize(7);
      assertThat(rows.get(0).stream().map(Cell::asString)).containsExactlyElementsOf(COLUMNS);
      Row first = rows.get(1);
      assertThat(first.getCell(0).getType()).isEqualTo(CellType.NUMBER);
      assertThat(first.getCell(2).getType()).isEqualTo(CellType.NUMBER);
      assertThat(first.getCell(2).asNumber()).isEqualByComparingTo("1.5");
      assertThat(first.getCell(3).asString()).isEqualTo("2026-03-04T05:06:07.123456Z");
      assertThat(first.getCell(4).asBoolean()).isTrue();
      assertThat(first.getCell(5).asString()).isEqualTo("{\"a\":[1,2]}");
      assertThat(rows.get(2).getCell(1).asString()).isEqualTo("comma, \"quote\"");
      assertThat(rows.get(2).getCell(4).asBoolean()).isFalse();
      assertThat(rows.get(3).getCell(1).asString()).isEqualTo("line\nbreak\r\nwindows");
      // more digits than a double holds: text, every digit kept
      assertThat(rows.get(3).getCell(2).getType()).isEqualTo(CellType.STRING);
      assertThat(rows.get(3).getCell(2).asString()).isEqualTo("12345678901234567890.12345");
      assertThat(rows.get(4).getCell(1).asString()).isEmpty();
      assertThat(rows.get(4).getOptionalCell(2).map(Cell::getType).orElse(CellType.EMPTY))
          .isEqualTo(CellType.EMPTY);
      assertThat(rows.get(5).getCell(2).asNumber()).isEqualByComparingTo("0.25");
      assertThat(rows.get(5).getOptionalCell(1).map(Cell::getType).orElse(CellType.EMPTY))
          .isEqualTo(CellType.EMPTY);
      Row last = rows.get(6);
      assertThat(last.getCell(0).getType()).isEqualTo(CellType.STRING);
      assertThat(last.getCell(0).asString()).isEqualTo("9007199254740993");
      // XML cannot hold U+0001: it is left out, everything else is kept
      assertThat(last.getCell(1).asString()).isEqualTo(AWKWARD.replace("\u0001", ""));
      assertThat(last.getCell(2).asString()).isEqualTo("NaN");
    }
  }

  @Test
  void xlsx_goes_on_in_a_new_sheet_under_the_same_header_when_a_sheet_is_full() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TableWriter writer = new XlsxTableWriter(out, 2);
    writer.columns(List.of("n"));
    for (int i = 1; i <= 5; i++) {
      writer.row(List.of(i));
    }
    writer.finish();

    try (ReadableWorkbook workbook =
        new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      List<Sheet> sheets = workbook.getSheets().toList();
      assertThat(sheets)
          .extracting(Sheet::getName)
          .containsExactly("export", "export (2)", "export (3)");
      assertThat(cells(sheets.get(0))).containsExactly("n", "1", "2");
      assertThat(cells(sheets.get(1))).containsExactly("n", "3", "4");
      assertThat(cells(sheets.get(2))).containsExactly("n", "5");
    }
    assertThat(XlsxTableWriter.ROWS_PER_SHEET).isEqualTo(1_048_575);
  }

  @Test
  void xlsx_cuts_text_at_the_most_a_cell_holds_without_splitting_a_character() throws Exception {
    String longText = "a".repeat(XlsxTableWriter.MAX_CELL_TEXT - 1) + "😀" + "tail";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TableWriter writer = TableFormat.XLSX.writer(out);
    writer.columns(List.of("t"));
    writer.row(List.of(longText));
    writer.finish();

    try (ReadableWorkbook workbook =
        new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      String cell = workbook.getFirstSheet().read().get(1).getCell(0).asString();
      assertThat(cell).isEqualTo("a".repeat(XlsxTableWriter.MAX_CELL_TEXT - 1));
    }
  }

  @Test
  void an_empty_table_is_still_a_file_with_its_header() throws Exception {
    for (TableFormat format : TableFormat.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      TableWriter writer = format.writer(out);
      writer.columns(List.of("a", "b"));
      writer.finish();
      assertThat(out.size()).as(format.name()).isPositive();
    }
    assertThat(TableFormat.of("CSV")).contains(TableFormat.CSV);
    assertThat(TableFormat.of("pdf")).isEmpty();
  }

  @Test
  void timestamps_are_iso_8601_with_microseconds_in_every_year() {
    java.time.format.DateTimeFormatter utc =
        java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 10_000; i++) {
      LocalDateTime time =
          LocalDateTime.of(random.nextInt(10_000), 1, 1, 0, 0)
              .plusSeconds(random.nextInt(366 * 86_400))
              .plusNanos(random.nextInt(1_000_000) * 1000L);
      assertThat(CellText.of(time.atOffset(ZoneOffset.UTC))).isEqualTo(utc.format(time));
    }
    assertThat(CellText.of(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 6_000, ZoneOffset.UTC)))
        .isEqualTo("2026-01-02T03:04:05.000006Z");
    assertThat(CellText.of(OffsetDateTime.of(12026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC)))
        .isEqualTo("+12026-01-02T03:04:05.000000Z");
    assertThat(CellText.of(OffsetDateTime.of(-44, 3, 15, 0, 0, 0, 0, ZoneOffset.UTC)))
        .isEqualTo("-0044-03-15T00:00:00.000000Z");
    assertThat(CellText.of(OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(3))))
        .isEqualTo("2026-01-02T00:04:05.000000Z");
    assertThat(CellText.of(LocalDateTime.of(2026, 1, 2, 3, 4)))
        .isEqualTo("2026-01-02T03:04:00.000000");
    assertThat(CellText.of(OffsetDateTime.MIN)).isEqualTo("-infinity");
    assertThat(CellText.of(LocalDateTime.MAX)).isEqualTo("infinity");
  }

  private static List<String> cells(Sheet sheet) throws IOException {
    return sheet.read().stream().map(row -> row.getCell(0).getText()).toList();
  }
}
