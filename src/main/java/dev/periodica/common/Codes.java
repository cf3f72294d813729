package dev.periodica.common;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The values of an enum by the code the database and the API write for each: looked up, not
 * searched, since repositories read a code for every row they map.
 */
public final class Codes<E> {
  private final Map<String, E> byCode;

  private Codes(Map<String, E> byCode) {
    this.byCode = byCode;
  }

  public static <E extends Enum<E>> Codes<E> of(E[] values, Function<E, String> code) {
    return new Codes<>(
        Arrays.stream(values).collect(Collectors.toUnmodifiableMap(code, value -> value)));
  }

  /** The value written {@code code}, or empty for null or an unknown code. */
  public Optional<E> find(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
  }
}
