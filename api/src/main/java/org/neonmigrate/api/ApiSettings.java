package org.neonmigrate.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Behaviour of the REST API.
 *
 * @param fourEyesDeletion the azure-deletion approval must come from someone other than the subject
 *     who started the migration
 * @param demoTokensEnabled accept the tokens marked {@code demo} (the sandbox's well-known ones);
 *     off unless turned on, as the sandbox does
 * @param listLimit the most runs {@code GET /migrations} returns
 * @param maxBodyBytes the largest body of any request but a batch start ({@code
 *     micronaut.server.max-request-size} bounds that one)
 */
@ConfigurationProperties("neonmigrate.api")
@Requires(env = ApiApplication.ENVIRONMENT)
public record ApiSettings(
    @Bindable(defaultValue = "true") boolean fourEyesDeletion,
    @Bindable(defaultValue = "false") boolean demoTokensEnabled,
    @Bindable(defaultValue = "500") int listLimit,
    @Bindable(defaultValue = "65536") int maxBodyBytes) {}
