package dev.periodica.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package arrows of architecture.md, plus {@code access} (users, groups, sharing rules). */
class ArchitectureTest {
  private static final String ROOT = "dev.periodica.";
  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.periodica");
  }

  @Test
  void nothing_imports_app() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT + "app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + "app..")
        .check(classes);
  }

  @Test
  void config_uses_only_the_jdk_and_vertx() {
    onlyDependsOn("config", "java..", "io.vertx..", ROOT + "config..");
  }

  @Test
  void common_uses_only_the_jdk_and_vertx_core() {
    onlyDependsOn("common", "java..", "io.vertx.core..", ROOT + "common..");
  }

  @Test
  void bus_uses_only_common() {
    onlyDependsOn("bus", "java..", "io.vertx.core..", ROOT + "bus..", ROOT + "common..");
  }

  @Test
  void run_uses_only_common_and_bus() {
    featureMayUse("run", "common", "bus");
  }

  @Test
  void schedule_uses_only_run_bus_and_common() {
    featureMayUse("schedule", "run", "bus", "common");
  }

  @Test
  void access_uses_only_common() {
    featureMayUse("access", "common");
  }

  @Test
  void report_models_and_services_use_only_access_and_common() {
    featureMayUse("report", "common", "access");
  }

  @Test
  void task_uses_only_schedule_run_access_and_common() {
    featureMayUse("task", "schedule", "run", "access", "common");
  }

  /** The security boundary for user data: it owns dataset SQL and depends on nothing of ours. */
  @Test
  void dataset_uses_only_common() {
    featureMayUse("dataset", "common");
  }

  @Test
  void only_dataset_and_store_build_dataset_sql() {
    noClasses()
        .that()
        .resideOutsideOfPackages(ROOT + "dataset..", ROOT + "store..", ROOT + "app..")
        .should()
        .dependOnClassesThat()
        .haveSimpleName("QueryCompiler")
        .orShould()
        .dependOnClassesThat()
        .haveSimpleName("RawSql")
        .check(classes);
  }

  /** Renderers are pure and blocking: no futures, no event bus, no SQL, none of our services. */
  @Test
  void render_is_pure() {
    featureMayUse("render", "common");
    noClasses()
        .that()
        .resideInAPackage(ROOT + "render..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.vertx.core.Future")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx.core.eventbus..", "io.vertx.sqlclient..")
        .check(classes);
  }

  @Test
  void job_kinds_use_run_dataset_render_report_task_and_common() {
    featureMayUse("job", "run", "dataset", "render", "report", "task", "access", "common", "bus");
  }

  /**
   * The bk-sops facade maps its shapes onto the native services: no store, no dataset SQL, no run
   * or schedule internals, and it is the only home of its own classes.
   */
  @Test
  void the_sops_facade_uses_only_the_api_services_and_their_models() {
    featureMayUse("api.compat.sops", "api", "access", "task", "report", "common", "config");
  }

  @Test
  void the_era_facade_uses_services_and_never_store_config_dataset_or_job() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + "api.compat.era..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + "store..",
            ROOT + "config..",
            ROOT + "dataset..",
            ROOT + "job..",
            ROOT + "render..",
            ROOT + "app..",
            "io.vertx.sqlclient..")
        .check(classes);
  }

  @Test
  void the_worker_verticle_lives_with_runs() {
    classes()
        .that()
        .haveSimpleName("WorkerVerticle")
        .should()
        .resideInAPackage(ROOT + "run")
        .check(classes);
  }

  @Test
  void store_is_used_only_by_app_and_never_uses_api() {
    noClasses()
        .that()
        .resideOutsideOfPackages(ROOT + "store..", ROOT + "app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + "store..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage(ROOT + "store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ROOT + "api..", ROOT + "app..")
        .check(classes);
  }

  /**
   * The export-task facade (seed 002) maps its shapes onto the native services: it reaches tasks
   * and runs through them, never storage, dataset SQL, jobs or the application.
   */
  @Test
  void the_pandora_facade_uses_only_the_api_and_the_services() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + "api.compat.pandora..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ROOT + "store..",
            ROOT + "dataset..",
            ROOT + "job..",
            ROOT + "render..",
            ROOT + "app..",
            ROOT + "config..",
            ROOT + "bus..",
            "io.vertx.sqlclient..",
            "io.vertx.pgclient..")
        .check(classes);
  }

  @Test
  void api_never_touches_sql() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + "api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.pgclient..", "java.sql..")
        .check(classes);
  }

  @Test
  void only_store_and_app_talk_to_the_database_driver() {
    noClasses()
        .that()
        .resideOutsideOfPackages(ROOT + "store..", ROOT + "app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx.sqlclient..", "io.vertx.pgclient..", "org.flywaydb..")
        .check(classes);
  }

  /** Seed 001's facade maps onto the services: no SQL, no store, no dataset or job internals. */
  @Test
  void the_jsonapi_facade_uses_only_api_task_run_access_and_common() {
    classes()
        .that()
        .resideInAPackage(ROOT + "api.compat.jsonapi..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "io.vertx.core..",
            "io.vertx.ext.web..",
            "io.vertx.openapi..",
            "io.netty.handler.codec.http..",
            "org.slf4j..",
            "org.yaml.snakeyaml..",
            ROOT + "api",
            ROOT + "api.compat",
            ROOT + "api.compat.jsonapi..",
            ROOT + "task..",
            ROOT + "run..",
            ROOT + "access..",
            ROOT + "common..")
        .check(classes);
  }

  private static void featureMayUse(String feature, String... allowed) {
    String[] forbidden =
        java.util.stream.Stream.of(
                "app",
                "config",
                "common",
                "bus",
                "schedule",
                "run",
                "report",
                "task",
                "dataset",
                "render",
                "job",
                "store",
                "api",
                "access")
            .filter(name -> !name.equals(feature))
            .filter(name -> !java.util.Arrays.asList(allowed).contains(name))
            .map(name -> ROOT + name + "..")
            .toArray(String[]::new);
    noClasses()
        .that()
        .resideInAPackage(ROOT + feature + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden)
        .check(classes);
  }

  private static void onlyDependsOn(String pkg, String... allowed) {
    classes()
        .that()
        .resideInAPackage(ROOT + pkg + "..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(allowed)
        .check(classes);
  }
}
