package dev.periodica.api;

import dev.periodica.access.User;
import dev.periodica.access.UserService;
import dev.periodica.api.Operations.Reply;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.regex.Pattern;

/**
 * {@code GET/PATCH /users/me}: the caller's own profile, the user model of seed 000. The username
 * is how other systems (the bk-sops facade's {@code bk_username}) name the user: unique
 * case-insensitively (another user's answers 409), 1 to 150 letters, digits or {@code @.+-_}. Other
 * fields of the body (the id, anything unknown) are ignored, as the native API ignores them.
 */
final class UserHandlers {
  static final int MAX_USERNAME = 150;
  static final int MAX_EMAIL = 254;
  static final int MAX_NAME = 150;
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9@.+_-]{1,150}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
  private final UserService users;

  UserHandlers(UserService users) {
    this.users = users;
  }

  void mount(RouterBuilder builder) {
    Operations.mount(
        builder,
        "getMe",
        CallerHandler::of,
        (caller, same) ->
            users
                .me(caller)
                .map(user -> Reply.ok(Views.user(user).put("administrator", caller.admin()))));
    Operations.mount(
        builder,
        "updateMe",
        UserHandlers::read,
        (caller, change) ->
            users
                .updateMe(caller, current -> change.apply(current))
                .map(user -> Reply.ok(Views.user(user))));
  }

  /** The fields a PATCH sets: absent keeps the stored value, null clears it. */
  private static java.util.function.UnaryOperator<User> read(RoutingContext ctx) {
    CallerHandler.of(ctx);
    JsonObject body = Input.object(ctx.body().buffer());
    String username = Input.text(body, "username", null, MAX_USERNAME);
    if (username != null && !USERNAME.matcher(username).matches()) {
      throw new Invalid(USERNAME_RULE);
    }
    String email = Input.text(body, "email", null, MAX_EMAIL);
    if (email != null && !EMAIL.matcher(email).matches()) {
      throw new Invalid(Messages.mustBe("email", "an e-mail address"));
    }
    String first = Input.text(body, "first_name", null, MAX_NAME);
    String last = Input.text(body, "last_name", null, MAX_NAME);
    return current ->
        new User(
            current.id(),
            body.containsKey("email") ? email : current.email(),
            body.containsKey("first_name") ? first : current.firstName(),
            body.containsKey("last_name") ? last : current.lastName(),
            body.containsKey("username") ? username : current.username());
  }

  static final String USERNAME_RULE =
      "username should be 1 to " + MAX_USERNAME + " letters, digits or @.+-_";
}
