package org.neonmigrate.workflows.activities;

/**
 * An org API key in the destination with a name to replace whose secret is not in the key drop:
 * made by an attempt that was interrupted between creating it and saving its secret, or by hand.
 * Names and ids only, never a secret.
 *
 * @param createdBy the name of the user whose key created it, when Neon says
 */
public record UnsavedApiKey(String name, long id, String createdAt, String createdBy) {}
