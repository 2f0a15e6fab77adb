package org.neonmigrate.workflows.activities;

import java.util.List;

/**
 * What the migration must preserve of one project, without secrets.
 *
 * @param integrations transfer blockers (github, vercel, ...); empty when none
 * @param endpointDigest a short hash over the sorted (endpoint id, host) pairs, so VERIFY can prove
 *     the hosts are unchanged while history stays small
 * @param collaborators emails of the project's active collaborators
 */
public record ProjectSnapshot(
    String id,
    String name,
    List<String> integrations,
    String endpointDigest,
    List<String> collaborators) {}
