package dev.periodica.api.compat;

import dev.periodica.api.compat.pandora.PandoraFacade;
import java.time.Clock;
import java.util.List;

/** The facades the server mounts beside the native API, one per seed system. */
public final class Facades {
  private Facades() {}

  public static List<Facade> all() {
    return List.of(new PandoraFacade(Clock.systemUTC()));
  }
}
