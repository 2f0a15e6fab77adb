package org.neonmigrate.workflows.activities;

import java.util.List;

/**
 * @param created names of the keys this call created in the destination, their secrets saved
 * @param alreadyPresent names whose replacement an earlier attempt already created, with its secret
 *     in the drop; not created again
 * @param delivery where their secrets were put for a human to pick up (never the secrets)
 * @param unsaved keys in the destination with one of the names whose secret is not in the drop (a
 *     replacement with a saved secret exists now all the same): for a human to revoke
 */
public record ApiKeyOutcome(
    List<String> created,
    List<String> alreadyPresent,
    String delivery,
    List<UnsavedApiKey> unsaved) {}
