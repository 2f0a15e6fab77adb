package org.neonmigrate.workflows.activities;

import java.util.List;

public record ReplaceApiKeysInput(
    String sourceOrgId, String destinationOrgId, List<String> keyNames) {}
