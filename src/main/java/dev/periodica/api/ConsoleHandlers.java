package dev.periodica.api;

import dev.periodica.access.WsTickets;
import dev.periodica.api.Operations.Reply;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.common.Timestamps;
import dev.periodica.run.BulkOutcome;
import dev.periodica.run.QueueStats;
import dev.periodica.run.RunActions;
import dev.periodica.run.RunSelection;
import dev.periodica.run.RunStatus;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the web console needs beyond the queue API: retrying a run, bulk cancel and retry, queue
 * statistics, and WebSocket tickets (a browser cannot send {@code Pgr-User-Id} on an upgrade).
 */
final class ConsoleHandlers {
  /** The fields of a bulk action's filter: GET /report_queue's filters. */
  static final List<String> FILTER_FIELDS =
      List.of(
          "status",
          "task_id",
          "report_id",
          "instance",
          "job",
          "trigger",
          "created_from",
          "created_to");

  private final RunActions actions;
  private final WsTickets tickets;

  ConsoleHandlers(RunActions actions, WsTickets tickets) {
    this.actions = actions;
    this.tickets = tickets;
  }

  void mount(RouterBuilder builder) {
    Operations.mount(
        builder,
        "retryRun",
        ConsoleHandlers::runId,
        (caller, id) ->
            actions
                .retry(caller.userId(), id)
                .map(run -> Reply.created(RunHandlers.view(run).put("retry_of", id))));
    Operations.mount(
        builder,
        "cancelRuns",
        ConsoleHandlers::selection,
        (caller, selection) ->
            actions.cancelAll(caller.userId(), selection).map(done -> Reply.ok(bulk(done, false))));
    Operations.mount(
        builder,
        "retryRuns",
        ConsoleHandlers::selection,
        (caller, selection) ->
            actions.retryAll(caller.userId(), selection).map(done -> Reply.ok(bulk(done, true))));
    Operations.mount(
        builder,
        "getRunStats",
        CallerHandler::of,
        (caller, same) -> actions.stats(caller.userId()).map(stats -> Reply.ok(stats(stats))));
    Operations.mount(
        builder,
        "issueWsTicket",
        CallerHandler::of,
        (caller, same) ->
            tickets
                .issue(caller.userId())
                .map(
                    ticket ->
                        Reply.created(
                            new JsonObject()
                                .put("ticket", ticket.ticket())
                                .put(
                                    "expires_at",
                                    Timestamps.format(
                                        ticket.expiresAt().atOffset(ZoneOffset.UTC))))));
  }

  private static long runId(RoutingContext ctx) {
    try {
      long id = Long.parseLong(ctx.pathParam("id"));
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new Invalid(Messages.RUN_ID_FORMAT);
  }

  /** {@code {"ids": [...]}} or {@code {"filter": {...}}}, the filter as GET /report_queue's. */
  static RunSelection selection(RoutingContext ctx) {
    JsonObject body = Input.object(ctx.body().buffer());
    Object ids = body.getValue("ids");
    Object filter = body.getValue("filter");
    if ((ids == null) == (filter == null)) {
      throw new Invalid(Messages.SELECTION_IDS_OR_FILTER);
    }
    if (ids != null) {
      if (!(ids instanceof JsonArray list) || list.isEmpty()) {
        throw new Invalid(Messages.mustBe("ids", "a non-empty list of run ids"));
      }
      if (list.size() > RunHandlers.MAX_BATCH) {
        throw new Invalid(Messages.mustBe("ids", "at most " + RunHandlers.MAX_BATCH + " ids"));
      }
      List<Long> runs = new ArrayList<>();
      for (Object id : list) {
        if (!(id instanceof Number number)
            || number.doubleValue() != number.longValue()
            || number.longValue() <= 0) {
          throw new Invalid(Messages.mustBe("ids", "a list of positive integers"));
        }
        runs.add(number.longValue());
      }
      return RunSelection.of(runs);
    }
    if (!(filter instanceof JsonObject fields)) {
      throw new Invalid(Messages.mustBe("filter", "an object"));
    }
    MultiMap query = MultiMap.caseInsensitiveMultiMap();
    for (Map.Entry<String, Object> field : fields) {
      if (!FILTER_FIELDS.contains(field.getKey())) {
        // a misspelt field read as no filter at all would act on every run the caller sees
        throw new Invalid(Messages.unknownFilterField(field.getKey(), FILTER_FIELDS));
      }
      Object value = field.getValue();
      List<String> values = new ArrayList<>();
      if (value instanceof JsonArray list) {
        list.forEach(v -> values.add(v == null ? "" : String.valueOf(v)));
      } else if (value != null) {
        values.add(String.valueOf(value));
      }
      // a field sent without a value (null, "", [], a client's unset variable) would read as no
      // filter on it at all, as GET /report_queue reads it, and act on every run the caller sees
      if (values.isEmpty() || values.stream().anyMatch(v -> v.replace(",", "").isBlank())) {
        throw new Invalid(Messages.emptyFilterField(field.getKey()));
      }
      values.forEach(v -> query.add(field.getKey(), v));
    }
    return RunSelection.matching(RunHandlers.filter(query));
  }

  private static JsonObject bulk(BulkOutcome outcome, boolean retry) {
    JsonArray runs = new JsonArray();
    for (int i = 0; i < outcome.done().size(); i++) {
      JsonObject run = new JsonObject().put("id", outcome.done().get(i));
      if (retry) {
        run.put("retry_of", outcome.retriedFrom().get(i));
      }
      runs.add(run);
    }
    return new JsonObject()
        .put("count", outcome.done().size())
        .put("runs", runs)
        .put("skipped", new JsonArray(new ArrayList<>(outcome.skipped())))
        .put("more", outcome.more());
  }

  private static JsonObject stats(QueueStats stats) {
    JsonObject counts = new JsonObject();
    long total = 0;
    for (RunStatus status : RunStatus.values()) {
      long n = stats.counts().getOrDefault(status, 0L);
      counts.put(status.code(), n);
      total += n;
    }
    JsonArray minutes = new JsonArray();
    stats
        .minutes()
        .forEach(
            minute ->
                minutes.add(
                    new JsonObject()
                        .put("at", Timestamps.format(minute.at()))
                        .put("created", minute.created())
                        .put("finished", minute.finished())));
    return new JsonObject().put("counts", counts).put("total", total).put("minutes", minutes);
  }
}
