package org.neonmigrate.workflows.activities;

import java.util.List;

public record TransferChunk(String sourceOrgId, String destinationOrgId, List<String> projectIds) {}
