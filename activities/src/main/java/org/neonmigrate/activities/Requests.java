package org.neonmigrate.activities;

import java.util.regex.Pattern;
import org.neonmigrate.workflows.activities.MigrationFailure;

/** Checks on activity inputs that would otherwise reach Neon or ARM as odd requests. */
final class Requests {

  /** Neon's org id pattern; also keeps ids safe to use in file names. */
  static final Pattern ORG_ID = Pattern.compile("^[a-z0-9-]{1,60}$");

  private Requests() {}

  static void requireOrgIds(String... orgIds) {
    for (String orgId : orgIds) {
      if (orgId == null || !ORG_ID.matcher(orgId).matches()) {
        throw MigrationFailure.InvalidMigrationRequest.failure(
            "not a Neon organization id: " + orgId);
      }
    }
    if (orgIds.length == 2 && orgIds[0].equals(orgIds[1])) {
      throw MigrationFailure.InvalidMigrationRequest.failure(
          "source and destination are the same organization " + orgIds[0]);
    }
  }
}
