package org.neonmigrate.workflows.activities;

/**
 * @param alreadyGone ARM answered 404 or 204: the resource did not exist any more
 */
public record AzureDeletion(boolean deleted, boolean alreadyGone, int polls) {}
