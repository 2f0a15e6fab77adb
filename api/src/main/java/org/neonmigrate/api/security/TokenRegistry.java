package org.neonmigrate.api.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.ApiSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The configured bearer tokens, checked once at startup so a typo fails the start. */
@Context
@Requires(env = ApiApplication.ENVIRONMENT)
public class TokenRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(TokenRegistry.class);
  private static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-f]{64}$");

  /** A token's identity with its digest decoded. */
  public record Holder(String subject, List<String> roles, byte[] digest) {}

  private final List<Holder> holders;

  public TokenRegistry(List<ConfiguredToken> tokens, ApiSettings settings) {
    this.holders =
        tokens.stream()
            .filter(t -> settings.demoTokensEnabled() || !t.demo())
            .map(TokenRegistry::holder)
            .toList();
    List<String> demo = tokens.stream().filter(ConfiguredToken::demo).map(t -> t.name()).toList();
    if (settings.demoTokensEnabled() && !demo.isEmpty()) {
      LOG.warn(
          "The well-known sandbox tokens {} are accepted; set"
              + " NEONMIGRATE_API_DEMO_TOKENS_ENABLED=false outside the sandbox",
          demo);
    }
    if (holders.isEmpty()) {
      LOG.warn("No bearer tokens configured under neonmigrate.api.tokens: every call gets 401");
    }
  }

  /** The holder of this token, compared in constant time against every configured digest. */
  public Optional<Holder> find(String token) {
    byte[] digest = sha256(token);
    Holder match = null;
    for (Holder holder : holders) {
      // no early exit, so the time taken does not tell which entry matched
      if (MessageDigest.isEqual(digest, holder.digest()) && match == null) {
        match = holder;
      }
    }
    return Optional.ofNullable(match);
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static Holder holder(ConfiguredToken token) {
    String where = "neonmigrate.api.tokens." + token.name();
    if (token.sha256() == null || !SHA256_HEX.matcher(token.sha256()).matches()) {
      throw new ConfigurationException(where + ".sha256 must be 64 lowercase hex characters");
    }
    if (token.subject() == null || token.subject().isBlank()) {
      throw new ConfigurationException(where + ".subject is required");
    }
    List<String> roles = token.roles() == null ? List.of() : token.roles();
    if (roles.isEmpty() || !Roles.ALL.containsAll(roles)) {
      throw new ConfigurationException(where + ".roles must be some of " + Roles.ALL);
    }
    return new Holder(token.subject(), List.copyOf(roles), HexFormat.of().parseHex(token.sha256()));
  }
}
