package org.neonmigrate.api.batch;

/** Answer to pause, resume and cancel: what was asked, by whom, and where to watch. */
public record BatchActionAccepted(
    String batchId, String action, String by, String reason, String statusUrl) {}
