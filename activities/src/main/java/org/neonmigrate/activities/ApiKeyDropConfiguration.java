package org.neonmigrate.activities;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where replacement API key secrets are written for a human to pick up.
 *
 * @param dropDir {@code api-keys.drop-dir} (env {@code API_KEYS_DROP_DIR}), default {@code
 *     ~/.neonmigrate/api-keys}: created owner-only (0700), one file per destination org (0600)
 */
@ConfigurationProperties("api-keys")
public record ApiKeyDropConfiguration(
    @Bindable(defaultValue = "${user.home}/.neonmigrate/api-keys") String dropDir) {}
