package dev.periodica.api.compat.pandora;

import dev.periodica.common.PeriodicaException;

/** A body that is not declared as JSON, which Pandora's API requires. */
final class UnsupportedMediaType extends PeriodicaException {
  UnsupportedMediaType() {
    super(415, PandoraMessages.CONTENT_TYPE);
  }
}
