package dev.periodica.render;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.periodica.render.ReportFonts.FontFile;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Report fonts come with the build: with the machine's fonts hidden a report still prints Latin,
 * Cyrillic and Chinese in embedded fonts; installed fonts are found by file name; a font that is
 * not there is replaced with one warning per name.
 */
class ReportFontsTest {
  private static final Instant FIRE = Instant.parse("2026-11-22T08:00:00Z");
  private static final ReportFonts BUNDLED_ONLY = ReportFonts.of(false);

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(ReportFonts.class);

  @BeforeEach
  void listen() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(log);
  }

  @Test
  void the_test_jvm_renders_with_the_machines_fonts_hidden() {
    assertThat(ReportFonts.fromEnvironment()).isSameAs(BUNDLED_ONLY);
  }

  @Test
  void with_system_fonts_hidden_cyrillic_chinese_and_open_sans_extrabold_italic_all_render()
      throws Exception {
    JsonObject settings =
        new JsonObject()
            .put("style", new JsonObject().put("font", "OpenSans-ExtraBoldItalic"))
            .put("header", new JsonObject().put("show", true).put("text", "Сводка 每周报告"));
    List<SeriesResult> results =
        List.of(
            new SeriesResult(
                1,
                "Города",
                "s",
                List.of("city", "n"),
                List.of(
                    new JsonObject().put("city", "北京").put("n", 5),
                    new JsonObject().put("city", "Lyon").put("n", 3)),
                new JsonObject().put("kind", "bar")));

    byte[] pdf = Reports.pdf("Weekly Отчёт", settings, FIRE, results, BUNDLED_ONLY);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.write(target.resolve("report-fonts-bundled.pdf"), pdf); // for a look with pdffonts
    }

    String text = PdfTexts.all(pdf);
    assertThat(text)
        .contains("Сводка 每周报告")
        .contains("Weekly Отчёт")
        .contains("Города")
        .contains("北京")
        .contains("Lyon")
        .doesNotContain("?");
    List<PDFont> fonts = embeddedFonts(pdf);
    assertThat(fonts).isNotEmpty().allSatisfy(font -> assertThat(font.isEmbedded()).isTrue());
    assertThat(fonts)
        .extracting(PDFont::getName)
        .anySatisfy(name -> assertThat(name).endsWith("+OpenSans-ExtraboldItalic"))
        .anySatisfy(name -> assertThat(name).endsWith("+WenQuanYiMicroHei"));
    assertThat(warnings()).isEmpty();
  }

  @Test
  void a_missing_font_is_replaced_by_open_sans_with_one_warning_per_font_name() throws Exception {
    String missing = "NoSuchFont-" + UUID.randomUUID();
    String other = "AnotherMissingFont-" + UUID.randomUUID();
    List<SeriesResult> results =
        List.of(new SeriesResult(1, "W", "s", List.of("a"), List.of(new JsonObject().put("a", 1))));

    byte[] first = null;
    for (String font : List.of(missing, missing.toUpperCase(), other, missing, other)) {
      byte[] pdf =
          Reports.pdf(
              "Report",
              new JsonObject().put("style", new JsonObject().put("font", font)),
              FIRE,
              results,
              BUNDLED_ONLY);
      first = first == null ? pdf : first;
    }

    assertThat(warnings()).hasSize(2);
    assertThat(warnings().get(0))
        .contains(missing)
        .contains("is not bundled")
        .contains("OpenSans-Regular (bundled) is used instead");
    assertThat(warnings().get(1)).contains(other);
    assertThat(embeddedFonts(first))
        .extracting(PDFont::getName)
        .anySatisfy(name -> assertThat(name).endsWith("+OpenSans"));
  }

  @Test
  void installed_fonts_are_found_by_file_name_in_any_case_unless_hidden(@TempDir Path fonts)
      throws Exception {
    Path nested = Files.createDirectories(fonts.resolve("truetype/house"));
    Files.write(
        nested.resolve("House-Heading.TTF"),
        ReportFonts.bytes(BUNDLED_ONLY.find("OpenSans-Bold").orElseThrow()));
    ReportFonts withSystem = new ReportFonts(true, List.of(fonts));
    ReportFonts hidden = new ReportFonts(false, List.of(fonts));

    assertThat(withSystem.find("house-heading"))
        .hasValueSatisfying(file -> assertThat(file.bundled()).isFalse());
    assertThat(withSystem.find("HOUSE-HEADING.ttf")).isPresent();
    assertThat(hidden.find("House-Heading")).isEmpty();
    assertThat(hidden.find("opensans-extrabolditalic"))
        .hasValueSatisfying(file -> assertThat(file.bundled()).isTrue());

    byte[] pdf =
        Reports.pdf(
            "Heading",
            new JsonObject().put("style", new JsonObject().put("font", "House-Heading")),
            FIRE,
            List.of(),
            withSystem);
    assertThat(embeddedFonts(pdf))
        .extracting(PDFont::getName)
        .anySatisfy(name -> assertThat(name).endsWith("+OpenSans-Bold"));
    assertThat(warnings()).isEmpty();
  }

  @Test
  void an_installed_font_that_cannot_be_embedded_is_replaced_with_a_warning(@TempDir Path fonts)
      throws Exception {
    String name = "Broken-" + UUID.randomUUID();
    Files.writeString(fonts.resolve(name + ".ttf"), "not a font at all");
    ReportFonts withSystem = new ReportFonts(true, List.of(fonts));

    byte[] pdf =
        Reports.pdf(
            "Still a report",
            new JsonObject().put("style", new JsonObject().put("font", name)),
            FIRE,
            List.of(),
            withSystem);

    assertThat(PdfTexts.all(pdf)).contains("Still a report");
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains(name)
        .contains("cannot be embedded")
        .contains("OpenSans-Regular (bundled) is used instead");
  }

  @Test
  void every_bundled_font_is_in_the_build_with_truetype_outlines() throws Exception {
    List<FontFile> bundled = ReportFonts.allBundled();
    assertThat(bundled).extracting(FontFile::name).contains("OpenSans-ExtraBoldItalic");
    for (FontFile file : bundled) {
      TrueTypeFont font = ReportFonts.borrow(file);
      try {
        assertThat(font.getTableMap()).as(file.name()).containsKey("glyf");
        int cyrillic = font.getUnicodeCmapLookup().getGlyphId('Ж');
        assertThat(cyrillic).as(file.name() + " has Cyrillic").isPositive();
      } finally {
        ReportFonts.giveBack(file, font);
      }
    }
    TrueTypeFont cjk = ReportFonts.borrow(ReportFonts.WENQUANYI);
    assertThat(cjk.getUnicodeCmapLookup().getGlyphId('报')).isPositive();
    ReportFonts.giveBack(ReportFonts.WENQUANYI, cjk);
  }

  @Test
  void reports_rendered_at_the_same_time_each_embed_their_own_fonts() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> pdfs = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String title = "并发 " + i + " Отчёт";
        pdfs.add(
            pool.submit(() -> Reports.pdf(title, new JsonObject(), FIRE, List.of(), BUNDLED_ONLY)));
      }
      for (int i = 0; i < pdfs.size(); i++) {
        assertThat(PdfTexts.all(pdfs.get(i).get())).contains("并发 " + i + " Отчёт");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private List<String> warnings() {
    return log.list.stream()
        .filter(event -> event.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  /** Every font of every page, charts' forms included: what {@code pdffonts} lists. */
  private static List<PDFont> embeddedFonts(byte[] pdf) throws IOException {
    List<PDFont> fonts = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      for (PDPage page : document.getPages()) {
        collect(page.getResources(), fonts);
      }
    }
    return fonts;
  }

  private static void collect(PDResources resources, List<PDFont> fonts) throws IOException {
    if (resources == null) {
      return;
    }
    for (COSName name : resources.getFontNames()) {
      fonts.add(resources.getFont(name));
    }
    for (COSName name : resources.getXObjectNames()) {
      if (resources.getXObject(name) instanceof PDFormXObject form) {
        collect(form.getResources(), fonts);
      }
    }
  }
}
