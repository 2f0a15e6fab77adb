package org.neonmigrate.workflows.fleet;

import io.temporal.failure.ApplicationFailure;

/** Why a fleet plan failed; each is a non-retryable failure whose type is the constant's name. */
public enum FleetPlanFailure {
  /** The request cannot be planned (no subscriptions, a bad id, an unknown rule). */
  InvalidFleetPlanRequest,
  /** ARM answered 401/403 to a listing, or no Azure token could be had: fix the credential. */
  AzureAccessDenied,
  /** ARM does not know a subscription of the request. */
  AzureSubscriptionNotFound,
  /** ARM refused a listing for another reason a retry cannot fix. */
  AzureListingFailed,
  /** A {@code nextLink} pointed to another host than ARM's; the token is not sent there. */
  AzureNextLinkRefused;

  public ApplicationFailure failure(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, name());
  }
}
