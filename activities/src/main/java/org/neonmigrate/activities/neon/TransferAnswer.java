package org.neonmigrate.activities.neon;

import java.util.List;
import org.neonmigrate.activities.neon.model.ProjectIntegration;
import org.neonmigrate.activities.neon.model.TransferLimit;

/** What a transfer POST came back with, other than a failure. */
public sealed interface TransferAnswer {

  /** 200: every project in the request moved. */
  record Moved() implements TransferAnswer {}

  /** 406: nothing moved; the destination's plan or capacity is short. */
  record LimitsShort(List<TransferLimit> limits) implements TransferAnswer {}

  /**
   * 423: nothing moved; another operation in progress holds the projects (perhaps an earlier
   * transfer of theirs that Neon is still applying).
   */
  record Locked() implements TransferAnswer {}

  /** 404: nothing moved; a project of the request (or the source org) is not in the source. */
  record NotInSource() implements TransferAnswer {}

  /** 422: nothing moved; these projects have integrations that block a transfer. */
  record BlockedByIntegrations(List<ProjectIntegration> projects) implements TransferAnswer {}
}
