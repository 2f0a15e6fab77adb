package org.neonmigrate.api.security;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;
import org.neonmigrate.api.ApiApplication;

/**
 * One bearer token under {@code neonmigrate.api.tokens.<name>}. Only its SHA-256 is configured,
 * never the token itself.
 *
 * @param sha256 lowercase hex SHA-256 of the token's UTF-8 bytes
 * @param subject who the token speaks for; recorded as {@code requestedBy} and {@code approver}
 * @param roles any of viewer, operator, approver
 * @param demo a well-known sandbox token, refused when {@code neonmigrate.api.demo-tokens-enabled}
 *     is false
 */
@EachProperty("neonmigrate.api.tokens")
@Requires(env = ApiApplication.ENVIRONMENT)
public record ConfiguredToken(
    @Parameter String name,
    @Nullable String sha256,
    @Nullable String subject,
    @Nullable List<String> roles,
    @Bindable(defaultValue = "false") boolean demo) {}
