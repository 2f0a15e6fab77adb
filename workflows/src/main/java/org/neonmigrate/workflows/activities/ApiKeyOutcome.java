package org.neonmigrate.workflows.activities;

import java.util.List;

/**
 * @param created names of the keys created in the destination
 * @param delivery where their secrets were put for a human to pick up (never the secrets)
 */
public record ApiKeyOutcome(List<String> created, List<String> alreadyPresent, String delivery) {}
