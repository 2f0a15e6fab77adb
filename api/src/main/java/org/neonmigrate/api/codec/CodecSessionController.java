package org.neonmigrate.api.codec;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.security.Roles;
import org.neonmigrate.api.security.TokenRegistry;

/**
 * A browser's sign-in for the codec: the Temporal Web UI cannot send one of our bearer tokens, but
 * with "Include cross-origin credentials" it sends cookies, so a viewer pastes a token here once
 * and the browser carries it to {@code /codec/decode} and {@code /codec/encode} only (the cookie's
 * path, and {@link CodecSessionTokenReader}).
 */
@Controller("/codec/session")
@Requires(env = ApiApplication.ENVIRONMENT)
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "codec")
public class CodecSessionController {

  public static final String COOKIE = "neonmigrate_codec";
  static final Duration LIFETIME = Duration.ofHours(8);

  private static final String FORM =
      """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>neonmigrate codec sign-in</title></head>
      <body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
      <h1>Decode payloads in the Temporal Web UI</h1>
      <p>Paste a neonmigrate API token with a reading role (viewer, operator or approver). This
      browser then keeps it for 8 hours in a cookie sent only to this API's codec.</p>
      <form method="post" action="/codec/session">
        <label>Token <input type="password" name="token" autocomplete="off" required></label>
        <button type="submit">Sign in</button>
      </form>
      <p>Then, in the Web UI's codec server settings, tick "Include cross-origin credentials".</p>
      </body></html>
      """;

  private final TokenRegistry tokens;

  public CodecSessionController(TokenRegistry tokens) {
    this.tokens = tokens;
  }

  @Operation(summary = "The codec sign-in form for a browser")
  @Get(produces = MediaType.TEXT_HTML)
  public String form() {
    return FORM;
  }

  @Operation(summary = "Sign a browser in to the codec with an API token (form field token)")
  @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
  public HttpResponse<String> signIn(@Body Map<String, String> form, HttpRequest<?> request) {
    String token = Optional.ofNullable(form.get("token")).map(String::strip).orElse("");
    Optional<TokenRegistry.Holder> holder = token.isEmpty() ? Optional.empty() : tokens.find(token);
    if (holder.isEmpty() || holder.get().roles().stream().noneMatch(Roles.ALL::contains)) {
      return HttpResponse.<String>status(HttpStatus.UNAUTHORIZED)
          .body(page("That is not a configured token. <a href=\"/codec/session\">Try again</a>."));
    }
    Cookie cookie =
        Cookie.of(COOKIE, token)
            .path("/codec/")
            .httpOnly(true)
            .secure(request.isSecure())
            .sameSite(SameSite.Strict)
            .maxAge(LIFETIME);
    return HttpResponse.ok(
            page(
                "Signed in as "
                    + escape(holder.get().subject())
                    + " for 8 hours. The Web UI on the same site can now decode payloads."))
        .cookie(cookie);
  }

  private static String page(String message) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>neonmigrate"
        + " codec sign-in</title></head><body style=\"font-family: sans-serif\"><p id=\"result\">"
        + message
        + "</p></body></html>";
  }

  private static String escape(@Nullable String text) {
    return text == null
        ? ""
        : text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;");
  }
}
