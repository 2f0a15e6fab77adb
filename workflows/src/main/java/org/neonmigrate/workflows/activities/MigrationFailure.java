package org.neonmigrate.workflows.activities;

import io.temporal.failure.ApplicationFailure;

/**
 * Business failures: each is raised as a non-retryable {@link ApplicationFailure} whose type is the
 * enum constant's name, so the Web UI, the report and callers see one stable word.
 */
public enum MigrationFailure {
  /** The request itself is unusable (missing ids, same org twice, bad Azure names). */
  InvalidMigrationRequest,
  /** Neon answered 404 for an org, or the API key cannot see it. */
  OrganizationNotFound,
  /** The source org is Neon-managed ({@code managed_by == "console"}); nothing to exit. */
  SourceNotAzureManaged,
  /** The destination is not a Neon-managed org, so projects moved there would still be stuck. */
  DestinationNotNeonManaged,
  /** Transfers and invitations need a personal API key; an org or project key was configured. */
  PersonalApiKeyRequired,
  /** Neon answered 401/403: the key is invalid, revoked, or not an admin of both orgs. */
  NeonAccessDenied,
  /** A transfer answered 406 for a reason an upgrade cannot fix (e.g. region not allowed). */
  TransferLimitsUnsatisfied,
  /** After the move, a project is missing from the destination or its endpoint hosts changed. */
  VerificationFailed,
  /** The deletion interlock found projects still in the source org: nothing was deleted. */
  SourceOrgNotEmpty,
  /** ARM refused the deletion (401/403/409 or a failed long-running operation). */
  AzureDeletionFailed,
  /** ARM has no such resource, resource group or subscription: the request names the wrong one. */
  AzureResourceNotFound,
  /**
   * The Azure resource does not prove it is the source org's: it names another Neon org, names
   * none, or is not the resource proven at DISCOVER.
   */
  AzureResourceMismatch,
  /** The Azure resource is already being deleted (not by this run): its projects are at risk. */
  AzureResourceDeleting,
  /**
   * The deletion interlock had a doubt (Neon answered 404, 401/403 or a malformed body, the key
   * lost admin rights, or Neon and ARM disagree): nothing was deleted.
   */
  AzureDeletionRefused,
  /** A DELETE was sent but its outcome could not be confirmed; look at the resource in Azure. */
  AzureDeletionOutcomeUnknown,
  /** A human rejected the run at a gate. */
  MigrationRejected;

  public ApplicationFailure failure(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, name());
  }
}
