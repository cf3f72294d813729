package dev.periodica.task;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The interface that created a task. Each facade lists the tasks it created; the native API sees
 * them all. A {@code user_request} task is the one-shot task of a "generate now" request
 * (JSON:API's {@code Type: user_task}).
 */
public enum TaskOrigin {
  API("api"),
  USER_REQUEST("user_request"),
  EXPORT("export"),
  SERVICE("service"),
  SOPS("sops");

  private final String code;

  /** Read for every row a repository maps, so looked up rather than searched. */
  private static final Map<String, TaskOrigin> BY_CODE =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(value -> value.code, value -> value));

  TaskOrigin(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<TaskOrigin> fromCode(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(BY_CODE.get(code));
  }
}
