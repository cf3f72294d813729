package dev.periodica.render;

import java.io.IOException;
import java.time.temporal.TemporalAccessor;
import java.util.List;

/**
 * A table: a header band repeated on every page it continues on, a hairline under each row, cells
 * cut to their column with an ellipsis, numbers in the report's locale and right-aligned in their
 * columns (with their fixed decimals, when given).
 */
final class PdfTableBlock implements PdfBlock<Block.Table> {
  private final ReportStyle style;

  PdfTableBlock(ReportStyle style) {
    this.style = style;
  }

  @Override
  public float minimum(Block.Table block) {
    return PdfCanvas.ROW_HEIGHT * 3;
  }

  @Override
  public void draw(PdfCanvas canvas, Block.Table block) throws IOException {
    Block.TableData data = block.data();
    if (data.rows().isEmpty()) {
      canvas.ensure(PdfCanvas.ROW_HEIGHT);
      canvas.show(
          "No data for this period",
          PdfCanvas.MARGIN,
          canvas.y,
          PdfCanvas.TEXT_SIZE,
          java.awt.Color.GRAY);
      canvas.y -= PdfCanvas.ROW_HEIGHT;
      return;
    }
    List<String> columns = data.columns();
    float width = PdfCanvas.WIDTH / columns.size();
    ReportStyle.NumberText[] numbers = new ReportStyle.NumberText[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      Block.ColumnFormat format = block.formats().get(i);
      numbers[i] = format.numeric() ? style.numberText(format.decimals()) : null;
    }
    canvas.ensure(PdfCanvas.ROW_HEIGHT * 2);
    headerRow(canvas, columns, width, numbers);
    for (List<Object> row : data.rows()) {
      if (canvas.y < PdfCanvas.BOTTOM) {
        canvas.newPage();
        headerRow(canvas, columns, width, numbers);
      }
      for (int i = 0; i < columns.size(); i++) {
        Object value = i < row.size() ? row.get(i) : null;
        cell(canvas, text(value, numbers[i]), i, width, numbers[i] != null);
      }
      canvas.rule(canvas.y - 4, ReportStyle.RULE);
      canvas.y -= PdfCanvas.ROW_HEIGHT;
    }
  }

  /** A value as the table prints it; a time as its ISO-8601 text, as the query gave it. */
  static String text(Object value, ReportStyle.NumberText number) {
    if (value == null) {
      return "";
    }
    if (number != null && value instanceof Number n) {
      return number.format(n);
    }
    if (value instanceof TemporalAccessor) {
      return value.toString();
    }
    return CellText.of(value);
  }

  private static void headerRow(
      PdfCanvas canvas, List<String> columns, float width, ReportStyle.NumberText[] numbers)
      throws IOException {
    canvas.content().setNonStrokingColor(ReportStyle.HEADER_FILL);
    canvas.content().addRect(PdfCanvas.MARGIN, canvas.y - 4, PdfCanvas.WIDTH, PdfCanvas.ROW_HEIGHT);
    canvas.content().fill();
    for (int i = 0; i < columns.size(); i++) {
      cell(canvas, columns.get(i), i, width, numbers[i] != null);
    }
    canvas.rule(canvas.y - 4, ReportStyle.MUTED);
    canvas.y -= PdfCanvas.ROW_HEIGHT;
  }

  /** A cell's text, cut to its column, left-aligned or (numbers) right-aligned. */
  private static void cell(PdfCanvas canvas, String value, int column, float width, boolean right)
      throws IOException {
    if (value.isEmpty()) {
      return;
    }
    float size = PdfCanvas.TEXT_SIZE;
    String fitted = canvas.text.fit(value, width - 8, size);
    float x =
        right
            ? PdfCanvas.MARGIN + (column + 1) * width - 4 - canvas.text.width(fitted, size)
            : PdfCanvas.MARGIN + column * width + 4;
    canvas.show(fitted, x, canvas.y, size, ReportStyle.INK);
  }
}
