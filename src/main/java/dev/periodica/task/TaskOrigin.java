package dev.periodica.task;

import dev.periodica.common.Codes;
import java.util.Optional;

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

  private static final Codes<TaskOrigin> CODES = Codes.of(values(), TaskOrigin::code);

  TaskOrigin(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<TaskOrigin> fromCode(String code) {
    return CODES.find(code);
  }
}
