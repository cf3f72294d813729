package dev.periodica.api;

import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.common.Timestamps;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Typed reads of request fields. Each read takes the value to use when the field is absent (a
 * default on create, the current value on patch), so one parser serves both, and each failure is an
 * {@link Invalid} naming the field.
 */
final class Input {
  static final int MAX_NAME = 255;
  static final int MAX_TEXT = 4096;
  static final int MAX_IDS = 1000;

  /** Timestamps outside these years are mistakes, and some would overflow time arithmetic. */
  static final int MIN_YEAR = Timestamps.MIN_YEAR;

  static final int MAX_YEAR = Timestamps.MAX_YEAR;

  private Input() {}

  /** The body as a JSON object, or {@code Bad Request}. */
  static JsonObject object(Buffer body) {
    if (body == null || body.length() == 0) {
      throw new Invalid(Messages.BAD_REQUEST);
    }
    try {
      Object value = Json.decodeValue(body);
      if (value instanceof JsonObject object) {
        return object;
      }
    } catch (DecodeException e) {
      // falls through: not JSON is a bad request like JSON that is not an object
    }
    throw new Invalid(Messages.BAD_REQUEST);
  }

  /** A non-blank string, required: absent with no fallback, null or blank fail as missing. */
  static String requiredText(JsonObject body, String key, String fallback, int max) {
    if (!body.containsKey(key)) {
      if (fallback == null) {
        throw new Invalid(Messages.missingField(key));
      }
      return fallback;
    }
    String value = text(body, key, null, max);
    if (value == null || value.isBlank()) {
      throw new Invalid(Messages.missingField(key));
    }
    return value;
  }

  /** An optional string: absent keeps {@code fallback}, null clears it. */
  static String text(JsonObject body, String key, String fallback, int max) {
    if (!body.containsKey(key)) {
      return fallback;
    }
    Object value = body.getValue(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new Invalid(Messages.mustBe(key, "a string"));
    }
    if (text.length() > max) {
      throw new Invalid(Messages.tooLong(key, max));
    }
    if (text.indexOf('\u0000') >= 0) {
      throw new Invalid(Messages.NUL_CHARACTER);
    }
    return text;
  }

  static boolean bool(JsonObject body, String key, boolean fallback) {
    if (!body.containsKey(key)) {
      return fallback;
    }
    if (!(body.getValue(key) instanceof Boolean value)) {
      throw new Invalid(Messages.mustBe(key, "true or false"));
    }
    return value;
  }

  /** A whole number in {@code [min, max]}; absent keeps {@code fallback}. */
  static int integer(JsonObject body, String key, int fallback, int min, int max) {
    if (!body.containsKey(key)) {
      return fallback;
    }
    Object value = body.getValue(key);
    if (value instanceof Number number
        && number.doubleValue() == Math.rint(number.doubleValue())
        && number.doubleValue() >= min
        && number.doubleValue() <= max) {
      return number.intValue();
    }
    throw new Invalid(Messages.mustBe(key, "an integer from " + min + " to " + max));
  }

  /** A timestamp with an offset (ISO 8601); absent keeps {@code fallback}, null clears it. */
  static OffsetDateTime time(JsonObject body, String key, OffsetDateTime fallback) {
    if (!body.containsKey(key)) {
      return fallback;
    }
    Object value = body.getValue(key);
    if (value == null) {
      return null;
    }
    try {
      if (value instanceof String text) {
        OffsetDateTime time = OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
        if (time.getYear() >= MIN_YEAR && time.getYear() <= MAX_YEAR) {
          return time;
        }
      }
    } catch (DateTimeException e) {
      // answered below: unreadable, or so far out that moving it to UTC overflows
    }
    throw new Invalid(
        Messages.mustBe(
            key,
            "a timestamp from " + MIN_YEAR + " to " + MAX_YEAR + " such as 2026-12-01T09:00:00Z"));
  }

  /** One of a fixed set of codes; absent keeps {@code fallback}. */
  static <E> E choice(
      JsonObject body,
      String key,
      E fallback,
      Function<String, Optional<E>> decode,
      String allowed) {
    if (!body.containsKey(key)) {
      return fallback;
    }
    Object value = body.getValue(key);
    return (value instanceof String code ? decode.apply(code) : Optional.<E>empty())
        .orElseThrow(() -> new Invalid(Messages.mustBe(key, allowed)));
  }

  /** A JSON object field; absent keeps {@code fallback}, null becomes an empty object. */
  static JsonObject json(JsonObject body, String key, JsonObject fallback) {
    if (!body.containsKey(key)) {
      return fallback;
    }
    Object value = body.getValue(key);
    if (value == null) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject object)) {
      throw new Invalid(Messages.mustBe(key, "an object"));
    }
    return object;
  }

  /** An optional id of {@code thing}; absent keeps {@code fallback}, null clears it. */
  static UUID id(JsonObject body, String key, String thing, UUID fallback) {
    if (!body.containsKey(key)) {
      return fallback;
    }
    Object value = body.getValue(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new Invalid(Messages.idNotUuid(thing));
    }
    return Ids.require(text, thing);
  }

  /** A list of ids of {@code thing}, without repeats and in a stable (sorted) order. */
  static List<UUID> ids(JsonObject body, String key, String thing, List<UUID> fallback) {
    if (!body.containsKey(key)) {
      return fallback;
    }
    Object value = body.getValue(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new Invalid(Messages.mustBe(key, "a list of uuids"));
    }
    if (array.size() > MAX_IDS) {
      throw new Invalid(Messages.mustBe(key, "a list of at most " + MAX_IDS + " uuids"));
    }
    List<UUID> ids = new ArrayList<>(array.size());
    for (Object item : array) {
      if (!(item instanceof String text)) {
        throw new Invalid(Messages.idNotUuid(thing));
      }
      ids.add(Ids.require(text, thing));
    }
    return ids.stream().distinct().sorted().toList();
  }
}
