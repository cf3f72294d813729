package dev.periodica.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

/**
 * Every renderer on {@link ReportDocument}s built here, block by block: no settings to read, no
 * server, no database. Output is read back with independent readers (PDFBox's text extraction,
 * fastexcel's reader, plain text and Vert.x JSON) and checked for content.
 */
class ReportRenderersTest {
  private static final Instant FIRE = Instant.parse("2026-11-22T08:00:00Z");
  private static final OffsetDateTime MORNING =
      OffsetDateTime.of(2026, 11, 22, 6, 0, 0, 0, ZoneOffset.UTC);

  private static Block.Origin origin(int page, String widget, String series) {
    return new Block.Origin(page, widget, series);
  }

  private static List<List<Object>> rows(Object[]... rows) {
    List<List<Object>> list = new ArrayList<>();
    for (Object[] row : rows) {
      list.add(Arrays.asList(row));
    }
    return list;
  }

  private static final Block.TableData HOSTS =
      new Block.TableData(
          List.of("host", "total", "seen"),
          rows(
              new Object[] {"a, \"b\"", 61669.0, MORNING},
              new Object[] {null, 2, MORNING.plusHours(1)},
              new Object[] {"", new BigDecimal("1234.5"), null}));

  private static final Block.Table HOSTS_TABLE =
      new Block.Table(
          origin(1, "hosts", "by total"),
          new Block.Heading("Hosts", "Every host of the period."),
          null,
          HOSTS,
          List.of(
              new Block.ColumnFormat(false, null),
              new Block.ColumnFormat(true, 1),
              new Block.ColumnFormat(false, null)));

  private static final Block.Chart PER_HOUR =
      new Block.Chart(
          origin(2, "per hour", "events"),
          new Block.Heading("Per hour", ""),
          null,
          new Block.TableData(
              List.of("bucket", "n"), rows(new Object[] {"06:00", 5}, new Object[] {"07:00", 9})),
          Block.ChartKind.LINE,
          "bucket",
          List.of("06:00", "07:00"),
          List.of(new Block.ChartSeries("n", List.of(5.0, 9.0))),
          false,
          true,
          true,
          false,
          "bottom");

  private static final Block.Text NOTE =
      new Block.Text(origin(2, "note", ""), null, null, "Written by hand for this test.");

  private static ReportDocument document(List<ReportDocument.Page> pages) {
    return new ReportDocument(
        "Weekly",
        FIRE,
        null,
        new ReportStyle(ReportStyle.CALM, Locale.GERMANY, Map.of()),
        Section.NONE,
        Section.footer(new JsonObject().put("show", true).put("show_page_number", true)),
        pages);
  }

  private static final ReportDocument REPORT =
      document(
          List.of(
              new ReportDocument.Page(1, List.of(HOSTS_TABLE)),
              new ReportDocument.Page(2, List.of(PER_HOUR, NOTE))));

  @Test
  void pdf_prints_title_headings_table_in_the_locale_and_a_page_per_report_page() throws Exception {
    byte[] pdf = ReportFormat.PDF.renderer(ReportFonts.of(false), 100).render(REPORT);

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(2);
      String first = PdfTexts.page(document, 1);
      assertThat(first)
          .contains("Weekly", "Hosts", "Every host of the period.", "host", "total")
          .contains("a, \"b\"", "61.669,0", "1.234,5", "2,0")
          .contains("2026-11-22T06:00Z")
          .contains("Page 1 of 2");
      String second = PdfTexts.page(document, 2);
      assertThat(second).contains("Per hour", "06:00", "07:00", "Written by hand for this test.");
      assertThat(second).contains("Page 2 of 2");
    }
  }

  @Test
  void pdf_of_a_long_table_repeats_its_header_and_stops_at_the_page_limit() throws Exception {
    List<List<Object>> many = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      many.add(List.of("row " + i, i));
    }
    Block.Table table =
        new Block.Table(
            origin(1, "rows", "s"),
            new Block.Heading("Rows", ""),
            null,
            new Block.TableData(List.of("name", "n"), many),
            List.of(new Block.ColumnFormat(false, null), new Block.ColumnFormat(true, null)));
    ReportDocument report = document(List.of(new ReportDocument.Page(1, List.of(table))));

    byte[] all = ReportFormat.PDF.renderer(ReportFonts.of(false), 100).render(report);
    byte[] cut = ReportFormat.PDF.renderer(ReportFonts.of(false), 3).render(report);

    try (PDDocument document = Loader.loadPDF(all)) {
      int pages = document.getNumberOfPages();
      assertThat(pages).isGreaterThan(5);
      assertThat(PdfTexts.page(document, pages)).contains("name", "row 499");
    }
    try (PDDocument document = Loader.loadPDF(cut)) {
      assertThat(document.getNumberOfPages()).isEqualTo(3);
      assertThat(PdfTexts.page(document, 3))
          .contains("name", "The report stops here: it reached 3 pages.");
    }
  }

  @Test
  void csv_is_one_table_of_every_column_each_row_tagged_with_page_widget_and_series() {
    String csv =
        new String(ReportFormat.CSV.renderer(null, 0).render(REPORT), StandardCharsets.UTF_8);

    assertThat(csv.split("\r\n", -1))
        .containsExactly(
            "page,widget,series,host,total,seen,bucket,n",
            "1,hosts,by total,\"a, \"\"b\"\"\",61669,2026-11-22T06:00:00.000000Z,,",
            "1,hosts,by total,,2,2026-11-22T07:00:00.000000Z,,",
            "1,hosts,by total,\"\",1234.5,,,",
            "2,per hour,events,,,,06:00,5",
            "2,per hour,events,,,,07:00,9",
            "");
  }

  @Test
  void json_keeps_every_block_with_its_columns_and_rows_and_the_fire_time() {
    JsonObject json =
        new JsonObject(
            new String(ReportFormat.JSON.renderer(null, 0).render(REPORT), StandardCharsets.UTF_8));

    assertThat(json.getString("report")).isEqualTo("Weekly");
    assertThat(json.getString("fire_time")).startsWith("2026-11-22T08:00:00");
    JsonArray series = json.getJsonArray("series");
    assertThat(series).hasSize(3);
    JsonObject first = series.getJsonObject(0);
    assertThat(first.getInteger("page")).isEqualTo(1);
    assertThat(first.getString("widget")).isEqualTo("hosts");
    assertThat(first.getJsonArray("columns").getList()).containsExactly("host", "total", "seen");
    JsonObject row = first.getJsonArray("rows").getJsonObject(0);
    assertThat(row.getString("host")).isEqualTo("a, \"b\"");
    assertThat(row.getValue("total")).isEqualTo(61669);
    assertThat(row.getString("seen")).isEqualTo("2026-11-22T06:00:00.000000Z");
    assertThat(first.getJsonArray("rows").getJsonObject(1).getValue("host")).isNull();
    assertThat(series.getJsonObject(1).getJsonArray("rows")).hasSize(2);
    JsonObject note = series.getJsonObject(2);
    assertThat(note.getString("widget")).isEqualTo("note");
    assertThat(note.getJsonArray("columns")).isEmpty();
    assertThat(note.getJsonArray("rows")).isEmpty();
  }

  @Test
  void xlsx_has_a_sheet_per_block_with_data_a_header_and_typed_cells() throws Exception {
    byte[] xlsx = ReportFormat.XLSX.renderer(null, 0).render(REPORT);

    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
      List<Sheet> sheets = workbook.getSheets().toList();
      assertThat(sheets.stream().map(Sheet::getName))
          .containsExactly("1. hosts - by total", "2. per hour - events");
      List<Row> hosts = sheets.get(0).read();
      assertThat(hosts.get(0).stream().map(Cell::asString))
          .containsExactly("host", "total", "seen");
      assertThat(hosts.get(1).getCell(0).asString()).isEqualTo("a, \"b\"");
      assertThat(hosts.get(1).getCell(1).getType()).isEqualTo(CellType.NUMBER);
      assertThat(hosts.get(1).getCell(1).asNumber()).isEqualByComparingTo("61669");
      assertThat(hosts.get(1).getCell(2).asString()).isEqualTo("2026-11-22T06:00:00.000000Z");
      assertThat(hosts.get(3).getCell(1).asNumber()).isEqualByComparingTo("1234.5");
      assertThat(hosts).hasSize(4);
      List<Row> perHour = sheets.get(1).read();
      assertThat(perHour).hasSize(3);
      assertThat(perHour.get(2).getCell(0).asString()).isEqualTo("07:00");
      assertThat(perHour.get(2).getCell(1).asNumber()).isEqualByComparingTo("9");
    }
  }

  @Test
  void xlsx_of_a_report_without_data_is_one_sheet_saying_so() throws Exception {
    ReportDocument text = document(List.of(new ReportDocument.Page(1, List.of(NOTE))));

    byte[] xlsx = ReportFormat.XLSX.renderer(null, 0).render(text);

    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet only = workbook.getFirstSheet();
      assertThat(only.getName()).isEqualTo("Report");
      assertThat(only.read().get(0).getCell(0).asString()).isEqualTo("No data for this period");
    }
  }

  @Test
  void the_registry_names_every_format_once_pdf_first_and_gives_each_its_renderer() {
    assertThat(ReportFormat.names()).containsExactly("pdf", "csv", "xlsx", "json");
    assertThat(ReportFormat.of("XLSX")).contains(ReportFormat.XLSX);
    assertThat(ReportFormat.of("docx")).isEmpty();
    assertThat(ReportFormat.oneOf("format"))
        .isEqualTo("format should be one of pdf, csv, xlsx, json");
    for (ReportFormat format : ReportFormat.values()) {
      assertThat(format.renderer(ReportFonts.of(false), 10).format()).isEqualTo(format);
      assertThat(format.streaming().isPresent()).isEqualTo(format != ReportFormat.PDF);
    }
    assertThat(TableFormat.names()).containsExactly("csv", "json", "xlsx");
  }
}
