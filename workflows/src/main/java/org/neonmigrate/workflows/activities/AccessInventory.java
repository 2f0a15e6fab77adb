package org.neonmigrate.workflows.activities;

import java.util.List;
import org.neonmigrate.workflows.migration.MemberInvite;

/**
 * @param membersToInvite non-admin source members not yet members (or invitees) of the destination
 *     (Neon adds the source's admins to the destination itself)
 * @param orgApiKeyNames the source's org-wide API keys (no project_id); names only
 */
public record AccessInventory(List<MemberInvite> membersToInvite, List<String> orgApiKeyNames) {}
