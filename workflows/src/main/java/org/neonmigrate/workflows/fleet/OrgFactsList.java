package org.neonmigrate.workflows.fleet;

import java.util.List;

public record OrgFactsList(List<OrgFacts> orgs) {}
