package org.neonmigrate.workflows.activities;

import java.util.List;

/** A slice of the projects whose collaborators must be re-granted. */
public record GrantCollaboratorsInput(List<ProjectCollaborators> projects) {}
