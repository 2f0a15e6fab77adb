package org.neonmigrate.workflows.activities;

import java.util.List;

public record ProjectCollaborators(String projectId, List<String> emails) {}
