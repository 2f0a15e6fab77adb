package org.neonmigrate.workflows.budget;

/**
 * The answer to a {@link LeaseRequest}.
 *
 * @param id names this lease in a later {@link Settlement} (0 when nothing was granted)
 * @param granted calls the worker may send now (0 when the budget is spent)
 * @param grantedAtMillis the budget's clock when it decided
 * @param validForMillis the granted calls must start within this long after the request was sent;
 *     what is left then is void (measured from the sender's own send time, so clock skew between
 *     machines cannot stretch it)
 * @param retryAfterMillis when nothing was granted: how long until a token frees up
 */
public record Lease(
    long id, int granted, long grantedAtMillis, long validForMillis, long retryAfterMillis) {

  public boolean hasTokens() {
    return granted > 0;
  }
}
