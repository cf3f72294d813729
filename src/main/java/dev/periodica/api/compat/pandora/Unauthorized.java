package dev.periodica.api.compat.pandora;

import dev.periodica.common.PeriodicaException;

/** No caller: {@code Pgr-User-Id} is missing, repeated or not a uuid. */
final class Unauthorized extends PeriodicaException {
  Unauthorized(String message) {
    super(401, message);
  }
}
