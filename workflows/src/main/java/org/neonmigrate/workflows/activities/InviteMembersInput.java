package org.neonmigrate.workflows.activities;

import java.util.List;
import org.neonmigrate.workflows.migration.MemberInvite;

public record InviteMembersInput(String destinationOrgId, List<MemberInvite> members) {}
