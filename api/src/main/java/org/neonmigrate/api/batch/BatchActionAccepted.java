package org.neonmigrate.api.batch;

import io.micronaut.core.annotation.Nullable;

/** Answer to pause, resume and cancel: what was asked, by whom, and where to watch. */
public record BatchActionAccepted(
    String batchId, String action, String by, @Nullable String reason, String statusUrl) {}
