package dev.periodica.render;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A table as one JSON array of objects, one per line, written as the rows come. Keys are the column
 * names; a name that repeats (raw SQL may give two columns one name) gets {@code _2}, {@code _3}…
 * so that no key is lost.
 */
final class JsonTableWriter implements TableWriter {
  private final Writer out;
  private final StringBuilder line = new StringBuilder(256);
  private List<String> keys;
  private boolean any;

  JsonTableWriter(OutputStream stream) {
    this(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024));
  }

  /** A writer into {@code out}, which it flushes when finished (a report's JSON around it). */
  JsonTableWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void columns(List<String> names) throws IOException {
    Set<String> taken = new HashSet<>(names);
    Set<String> used = new HashSet<>();
    keys = new ArrayList<>(names.size());
    for (String name : names) {
      String key = name;
      for (int n = 2; used.contains(key) || (n > 2 && taken.contains(key)); n++) {
        key = name + "_" + n;
      }
      used.add(key);
      StringBuilder quoted = new StringBuilder();
      JsonText.appendString(quoted, key);
      keys.add(quoted.append(':').toString());
    }
    out.write('[');
  }

  @Override
  public void row(List<?> values) throws IOException {
    line.setLength(0);
    line.append(any ? ",\n{" : "\n{");
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(keys.get(i));
      JsonText.appendValue(line, values.get(i));
    }
    line.append('}');
    out.append(line);
    any = true;
  }

  @Override
  public void finish() throws IOException {
    out.write(any ? "\n]\n" : "]\n");
    out.flush();
  }
}
