package org.neonmigrate.workflows.fleet;

import java.util.List;
import org.neonmigrate.workflows.migration.OrgSummary;

/** Every org the worker's Neon key can see ({@code GET /users/me/organizations}). */
public record NeonOrgList(List<OrgSummary> organizations) {}
