package dev.periodica.render;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fonts report PDFs may use. Bundled with the build, so a bare machine renders every script:
 * Open Sans in all its faces (Latin, Greek, Cyrillic; from the {@code npm-font-open-sans} WebJar,
 * Apache-2.0), WenQuanYi Micro Hei for Chinese, Japanese and Korean ({@code fonts/wqy-microhei/} in
 * the jar, Apache-2.0), DejaVu Sans for Hebrew and Arabic (from {@code jasperreports-fonts}, the
 * DejaVu licence) and PDFBox's Liberation Sans. Unless {@code FONTS_SYSTEM} is false, the TrueType
 * fonts installed on the machine (the usual directories of Linux, macOS and Windows) are found too,
 * and before the bundled ones of the same name.
 *
 * <p>A font is asked for by its file name without extension, case-insensitively: reports ask for
 * {@code OpenSans-ExtraBoldItalic} where the font calls itself {@code OpenSans-ExtraboldItalic}.
 * Font files are read once per process and kept as bytes; AWT fonts for charts are made once.
 * Parsed fonts are lent to one document at a time and taken back when it is done, because PDFBox's
 * parsed fonts are not safe to use from two threads at once: a font is parsed again only when more
 * reports than ever before use it at the same time (parsing WenQuanYi takes a few hundred
 * milliseconds). Nothing is read before the first report, and nothing is ever downloaded. Fonts are
 * parsed with their GSUB table switched off: see {@link #borrow}.
 */
public final class ReportFonts {
  private static final Logger LOG = LoggerFactory.getLogger(ReportFonts.class);

  /** The environment variable that hides installed fonts outside a configured server (tests). */
  static final String SYSTEM_FONTS_VARIABLE = "FONTS_SYSTEM";

  private static final String OPEN_SANS_DIR =
      "/META-INF/resources/webjars/npm-font-open-sans/1.1.0/fonts/";
  private static final List<String> OPEN_SANS_FACES =
      List.of(
          "Regular",
          "Italic",
          "Light",
          "LightItalic",
          "Semibold",
          "SemiboldItalic",
          "Bold",
          "BoldItalic",
          "ExtraBold",
          "ExtraBoldItalic");

  /** The first fallback: Latin, Greek and Cyrillic. */
  static final FontFile OPEN_SANS =
      FontFile.bundled("OpenSans-Regular", OPEN_SANS_DIR + "Regular/OpenSans-Regular.ttf");

  /** The second fallback: Chinese, Japanese kana and Korean (and Latin and Cyrillic). */
  static final FontFile WENQUANYI =
      FontFile.bundled("wqy-microhei", "/fonts/wqy-microhei/wqy-microhei.ttc");

  /** The third fallback: Hebrew and Arabic, with Arabic presentation forms (see {@link Bidi}). */
  static final FontFile DEJAVU =
      FontFile.bundled("DejaVuSans", "/net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf");

  /** The last fallback, shipped inside PDFBox. */
  static final FontFile LIBERATION =
      FontFile.bundled(
          "LiberationSans-Regular", "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf");

  private static final Map<String, FontFile> BUNDLED = bundled();
  private static final Map<String, byte[]> BYTES = new ConcurrentHashMap<>();
  private static final Map<String, java.awt.Font> AWT = new ConcurrentHashMap<>();
  private static final Map<String, Deque<TrueTypeFont>> PARSED = new ConcurrentHashMap<>();
  private static final int IDLE_PARSED = Math.max(2, Runtime.getRuntime().availableProcessors());

  /**
   * How many documents may be rendered at once without a font being parsed again: one parsed copy
   * of each font is kept per document rendered at the same time, up to this many (one per core, at
   * least two). Rendering is CPU work: more at once only takes more memory.
   */
  public static int rendersAtOnce() {
    return IDLE_PARSED;
  }

  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
  private static final ReportFonts WITH_SYSTEM = new ReportFonts(true, systemDirectories());
  private static final ReportFonts BUNDLED_ONLY = new ReportFonts(false, List.of());

  private final boolean system;
  private final List<Path> directories;
  private volatile Map<String, FontFile> installed;

  ReportFonts(boolean system, List<Path> directories) {
    this.system = system;
    this.directories = List.copyOf(directories);
  }

  /** The fonts of this process: the bundled ones, and the installed ones when {@code system}. */
  public static ReportFonts of(boolean system) {
    return system ? WITH_SYSTEM : BUNDLED_ONLY;
  }

  /**
   * For renderers built outside a configured server: installed fonts are hidden when the
   * environment variable {@code FONTS_SYSTEM} is {@code false} (as the test JVM has it).
   */
  static ReportFonts fromEnvironment() {
    return of(!"false".equalsIgnoreCase(System.getenv(SYSTEM_FONTS_VARIABLE)));
  }

  boolean system() {
    return system;
  }

  /**
   * The directories searched for installed fonts: Linux ({@code /usr/share/fonts}, {@code
   * /usr/local/share/fonts}, {@code ~/.fonts}, {@code ~/.local/share/fonts}), macOS ({@code
   * /Library/Fonts}, {@code /System/Library/Fonts}, {@code ~/Library/Fonts}) and Windows ({@code
   * %WINDIR%\Fonts} and the user's own). Those that do not exist are skipped.
   */
  static List<Path> systemDirectories() {
    Path home = Path.of(System.getProperty("user.home", "."));
    List<Path> dirs = new ArrayList<>();
    dirs.add(Path.of("/usr/share/fonts"));
    dirs.add(Path.of("/usr/local/share/fonts"));
    dirs.add(home.resolve(".fonts"));
    dirs.add(home.resolve(".local/share/fonts"));
    dirs.add(Path.of("/Library/Fonts"));
    dirs.add(Path.of("/System/Library/Fonts"));
    dirs.add(home.resolve("Library/Fonts"));
    String windows = System.getenv("WINDIR");
    if (windows != null && !windows.isBlank()) {
      dirs.add(Path.of(windows, "Fonts"));
    }
    String local = System.getenv("LOCALAPPDATA");
    if (local != null && !local.isBlank()) {
      dirs.add(Path.of(local, "Microsoft", "Windows", "Fonts"));
    }
    return dirs;
  }

  /**
   * The font file named {@code name} (its file name, with or without {@code .ttf} / {@code .ttc},
   * in any case): an installed one when installed fonts are visible, else a bundled one.
   */
  Optional<FontFile> find(String name) {
    String key = key(name);
    if (system) {
      FontFile found = installed().get(key);
      if (found != null) {
        return Optional.of(found);
      }
    }
    return Optional.ofNullable(BUNDLED.get(key));
  }

  /** The file's bytes, read on first use and kept for the life of the process. */
  static byte[] bytes(FontFile file) {
    return BYTES.computeIfAbsent(
        file.location(),
        location -> {
          try {
            return read(file);
          } catch (IOException e) {
            throw new UncheckedIOException("font " + file.describe() + " cannot be read", e);
          }
        });
  }

  /**
   * The file's (first) font, parsed, for one document's use until {@link #giveBack}: one parsed
   * before and given back, else newly parsed. Only TrueType outlines: PDFBox cannot embed CFF.
   */
  static TrueTypeFont borrow(FontFile file) throws IOException {
    TrueTypeFont idle =
        PARSED.computeIfAbsent(file.location(), k -> new ConcurrentLinkedDeque<>()).pollFirst();
    return idle != null ? idle : parse(file);
  }

  /**
   * Takes back a font from {@link #borrow} once its document is saved or abandoned. (PDFBox closes
   * a font once it has subset it; a font parsed from bytes, or a collection's member, holds no file
   * and stays usable.)
   */
  static void giveBack(FontFile file, TrueTypeFont font) {
    Deque<TrueTypeFont> idle = PARSED.get(file.location());
    if (idle != null && idle.size() < IDLE_PARSED) {
      idle.offerFirst(font);
    }
  }

  private static TrueTypeFont parse(FontFile file) throws IOException {
    byte[] bytes = bytes(file);
    TrueTypeFont font;
    if (file.collection()) {
      // its members read the collection's own copy of the bytes; closing them is a no-op
      TrueTypeCollection collection = new TrueTypeCollection(new ByteArrayInputStream(bytes));
      List<TrueTypeFont> members = new ArrayList<>();
      collection.processAllFonts(members::add);
      if (members.isEmpty()) {
        throw new IOException("an empty font collection");
      }
      font = members.get(0);
    } else {
      font = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
    }
    if (font instanceof OpenTypeFont otf && otf.isPostScript()
        || !font.getTableMap().containsKey("glyf")) {
      throw new IOException("CFF outlines, which PDFBox cannot embed");
    }
    // PDFBox applies GSUB (ligatures, composition) on every showText by compiling a regex and a
    // TreeMap per word: most of a report's CPU. The scripts our fonts cover (Latin, Greek,
    // Cyrillic, CJK) read correctly without it; only ligatures such as "fi" are not formed.
    font.setEnableGsub(false);
    return font;
  }

  /** The file's first font as an AWT font (for chart layout), made once per process. */
  static java.awt.Font awt(FontFile file) {
    return AWT.computeIfAbsent(
        file.location(),
        location -> {
          try (InputStream in = new ByteArrayInputStream(bytes(file))) {
            return file.collection()
                ? java.awt.Font.createFonts(in)[0]
                : java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, in);
          } catch (IOException | java.awt.FontFormatException e) {
            throw new UncheckedIOException(
                "font " + file.describe() + " cannot be read",
                e instanceof IOException io ? io : new IOException(e));
          }
        });
  }

  /**
   * Logs (WARN) that {@code requested} could not be used and {@code used} stands in for it: once
   * per requested name and process, however many reports or pages ask for it.
   */
  void substituted(String requested, String why, FontFile used) {
    if (WARNED.add(key(requested))) {
      LOG.warn(
          "report font \"{}\" {}; {} is used instead (this is logged once per font name)",
          requested,
          why,
          used.describe());
    }
  }

  /** Why {@code requested} was not found, for the substitution warning. */
  String notFoundReason() {
    return system
        ? "is neither installed nor bundled"
        : "is not bundled (installed fonts are hidden: FONTS_SYSTEM is false)";
  }

  private Map<String, FontFile> installed() {
    Map<String, FontFile> index = installed;
    if (index == null) {
      synchronized (this) {
        index = installed;
        if (index == null) {
          index = scan(directories);
          installed = index;
        }
      }
    }
    return index;
  }

  /** Installed TrueType fonts by lower-case file name; the first found of a name wins. */
  private static Map<String, FontFile> scan(List<Path> directories) {
    Map<String, FontFile> found = new HashMap<>();
    for (Path directory : directories) {
      if (!Files.isDirectory(directory)) {
        continue;
      }
      try {
        Files.walkFileTree(
            directory,
            EnumSet.of(FileVisitOption.FOLLOW_LINKS),
            8,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String name = file.getFileName().toString();
                if (attributes.isRegularFile() && trueType(name)) {
                  found.putIfAbsent(
                      key(name), FontFile.installed(stripExtension(name), file.toString()));
                }
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // unreadable or a link loop: skip it
              }
            });
      } catch (IOException e) {
        LOG.debug("font directory {} skipped: {}", directory, e.toString());
      }
    }
    LOG.info("{} installed fonts found in {}", found.size(), directories);
    return Map.copyOf(found);
  }

  private static Map<String, FontFile> bundled() {
    Map<String, FontFile> files = new LinkedHashMap<>();
    for (String face : OPEN_SANS_FACES) {
      FontFile file =
          FontFile.bundled("OpenSans-" + face, OPEN_SANS_DIR + face + "/OpenSans-" + face + ".ttf");
      files.put(key(file.name()), file);
    }
    files.put(key(WENQUANYI.name()), WENQUANYI);
    files.put(key(DEJAVU.name()), DEJAVU);
    files.put(key(LIBERATION.name()), LIBERATION);
    return Map.copyOf(files);
  }

  /** Every bundled font, for checks that the build really carries them. */
  static List<FontFile> allBundled() {
    return List.copyOf(BUNDLED.values());
  }

  private static byte[] read(FontFile file) throws IOException {
    if (!file.bundled()) {
      return Files.readAllBytes(Path.of(file.location()));
    }
    try (InputStream in = ReportFonts.class.getResourceAsStream(file.location())) {
      if (in == null) {
        throw new IOException("not on the class path: " + file.location());
      }
      return in.readAllBytes();
    }
  }

  private static boolean trueType(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".ttf") || lower.endsWith(".ttc");
  }

  private static String stripExtension(String name) {
    return trueType(name) ? name.substring(0, name.length() - 4) : name;
  }

  private static String key(String name) {
    return stripExtension(name.strip()).toLowerCase(Locale.ROOT);
  }

  /**
   * A font file: bundled (a class-path resource) or installed (a path).
   *
   * @param name its file name without extension
   */
  record FontFile(String name, String location, boolean bundled) {
    static FontFile bundled(String name, String resource) {
      return new FontFile(name, resource, true);
    }

    static FontFile installed(String name, String path) {
      return new FontFile(name, path, false);
    }

    /** A TrueType collection, of which the first font is used. */
    boolean collection() {
      return location.toLowerCase(Locale.ROOT).endsWith(".ttc");
    }

    String describe() {
      return name + (bundled ? " (bundled)" : " (" + location + ")");
    }
  }
}
