package org.neonmigrate.workflows.activities;

import java.util.List;

public record VerifyInput(String destinationOrgId, List<ProjectCheck> projects) {}
