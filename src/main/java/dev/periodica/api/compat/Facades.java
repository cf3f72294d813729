package dev.periodica.api.compat;

import java.util.List;

/** The facades the server mounts beside the native API, one per seed system. */
public final class Facades {
  private Facades() {}

  public static List<Facade> all() {
    return List.of(
        new dev.periodica.api.compat.jsonapi.JsonApiFacade(),
        new dev.periodica.api.compat.pandora.PandoraFacade(java.time.Clock.systemUTC()),
        new dev.periodica.api.compat.era.EraFacade(),
        new dev.periodica.api.compat.sops.SopsFacade());
  }
}
