package dev.periodica.bench;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * What a benchmark's PDF really holds, for a look by eye without a viewer: pages, the vector
 * drawings (form XObjects: path and text operators in them), and how much of the text is there.
 */
final class PdfCheck {
  private PdfCheck() {}

  static String describe(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      int forms = 0;
      long paths = 0;
      long texts = 0;
      long images = 0;
      for (PDPage page : document.getPages()) {
        for (COSName name : page.getResources().getXObjectNames()) {
          if (page.getResources().getXObject(name) instanceof PDFormXObject form) {
            forms++;
            for (Object token : new PDFStreamParser(form).parse()) {
              if (token instanceof Operator op) {
                switch (op.getName()) {
                  case "m", "l", "c", "re" -> paths++;
                  case "Tj", "TJ" -> texts++;
                  case "Do" -> images++;
                  default -> {}
                }
              }
            }
          } else {
            images++;
          }
        }
      }
      String text = new PDFTextStripper().getText(document);
      return String.format(
          "pages=%d vector_forms=%d path_ops_in_forms=%d text_ops_in_forms=%d images=%d"
              + " text_chars=%d 'per hour'=%d 'by host'=%d table_host_cells=%d first_page_text=%s",
          document.getNumberOfPages(),
          forms,
          paths,
          texts,
          images,
          text.length(),
          count(text, "per hour "),
          count(text, "by host "),
          count(text, "host-\\d+\\s+[\\d.,]+\\s*$"),
          text.substring(0, Math.min(200, text.length())).replace('\n', '|'));
    }
  }

  private static int count(String text, String regex) {
    Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }
}
