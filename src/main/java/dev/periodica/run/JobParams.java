package dev.periodica.run;

import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Typed reads of a task's {@code params} for job kinds, each failing with an {@link Invalid} that
 * names the parameter ({@code params.ms must be an integer from 0 to 3600000}). An absent or {@code
 * null} parameter reads as null, so each kind applies its own default.
 */
public final class JobParams {
  private JobParams() {}

  /** Runs a synchronous check as a future: an {@link Invalid} it throws becomes the failure. */
  public static Future<Void> check(Runnable check) {
    try {
      check.run();
      return Future.succeededFuture();
    } catch (Invalid e) {
      return Future.failedFuture(e);
    }
  }

  /** As {@link #check(Runnable)}, for a check that continues asynchronously. */
  public static Future<Void> checkThen(Supplier<Future<Void>> check) {
    try {
      return check.get();
    } catch (Invalid e) {
      return Future.failedFuture(e);
    }
  }

  /** Refuses a parameter not among {@code known}, so a misspelt one is not silently ignored. */
  public static void only(JsonObject params, String job, Collection<String> known) {
    for (String key : params.fieldNames()) {
      if (!known.contains(key)) {
        throw new Invalid(Messages.paramUnknown(key, job, List.copyOf(known)));
      }
    }
  }

  /** An integer from {@code min} to {@code max}, or null when absent. */
  public static Integer integer(JsonObject params, String key, int min, int max) {
    Object value = params.getValue(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Number number) {
      double real = number.doubleValue();
      if (real == Math.rint(real) && real >= min && real <= max) {
        return (int) real;
      }
    }
    throw new Invalid(Messages.paramInteger(key, min, max));
  }

  /** One of {@code values} (as given, or ignoring case), or null when absent. */
  public static String oneOf(
      JsonObject params, String key, List<String> values, boolean ignoreCase) {
    Object value = params.getValue(key);
    if (value == null) {
      return null;
    }
    if (value instanceof String text) {
      for (String allowed : values) {
        if (ignoreCase ? allowed.equalsIgnoreCase(text) : allowed.equals(text)) {
          return allowed;
        }
      }
    }
    throw new Invalid(Messages.paramOneOf(key, values));
  }

  /** An object, or null when absent. */
  public static JsonObject object(JsonObject params, String key) {
    Object value = params.getValue(key);
    if (value == null || value instanceof JsonObject) {
      return (JsonObject) value;
    }
    throw new Invalid(Messages.paramObject(key));
  }

  /** Non-blank text of at most {@code max} characters, or null when absent. */
  public static String text(JsonObject params, String key, int max) {
    Object value = params.getValue(key);
    if (value == null) {
      return null;
    }
    if (value instanceof String text && !text.isBlank() && text.length() <= max) {
      return text;
    }
    throw new Invalid(Messages.paramText(key, max));
  }

  /** Two relative or absolute times such as {@code ["now-1d", "now"]}, or null when absent. */
  public static JsonArray pair(JsonObject params, String key) {
    Object value = params.getValue(key);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonArray pair
        && pair.size() == 2
        && pair.getValue(0) instanceof String
        && pair.getValue(1) instanceof String) {
      return pair;
    }
    throw new Invalid(Messages.paramPeriod(key));
  }

  /** Fails when {@code value} is null: the parameter is required. */
  public static <T> T required(T value, String key) {
    if (value == null) {
      throw new Invalid(Messages.paramRequired(key));
    }
    return value;
  }
}
