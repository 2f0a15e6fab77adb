package org.neonmigrate.workflows.budget;

import java.util.ArrayList;
import java.util.List;

/**
 * The budget's accounting, with no clock of its own. A lease's calls may be sent any time before it
 * expires, so a grant counts in every window that overlaps its validity: against the account until
 * a minute after it expires, against its route until a second after. Hence no rolling minute (or
 * rolling second on a route) can ever see more calls than the limits, whatever the workers do with
 * their tokens. Once a worker settles a lease (its validity over, so nothing more can be sent under
 * it), the grant shrinks to the calls really sent: unused tokens do not sit out the minute.
 */
final class BudgetLedger {

  /**
   * Calls leave a worker up to a lease's end but reach Neon a little later, unevenly: each window
   * is held this much longer so that network jitter cannot squeeze two windows' calls into one.
   */
  static final long JITTER_MILLIS = 250;

  static final long MINUTE_MILLIS = 60_000 + JITTER_MILLIS;
  static final long SECOND_MILLIS = 1_000 + JITTER_MILLIS;

  /** Never tell a worker to come back sooner than this: each retry costs an update. */
  static final long MIN_RETRY_MILLIS = 50;

  private final BudgetLimits limits;
  private final List<Grant> grants;
  private long lastLeaseId;

  BudgetLedger(BudgetLimits limits, List<Grant> grants, long lastLeaseId) {
    this.limits = limits;
    this.grants = new ArrayList<>(grants == null ? List.of() : grants);
    this.lastLeaseId =
        Math.max(lastLeaseId, this.grants.stream().mapToLong(Grant::id).max().orElse(0));
  }

  long lastLeaseId() {
    return lastLeaseId;
  }

  Lease lease(LeaseRequest request, long now) {
    settle(request.settled());
    prune(now);
    int accountFree = limits.perMinute() - accountUsed();
    int routeFree = limits.perRoutePerSecond() - routeUsed(request.route(), now);
    int granted =
        Math.min(
            Math.min(accountFree, routeFree), Math.min(request.tokens(), limits.maxLeaseTokens()));
    if (granted < 1) {
      return new Lease(0, 0, now, 0, retryAfter(request.route(), now, accountFree, routeFree));
    }
    long id = ++lastLeaseId;
    grants.add(new Grant(id, request.route(), granted, now, now + limits.leaseValidMillis()));
    return new Lease(id, granted, now, limits.leaseValidMillis(), 0);
  }

  /**
   * Shrinks each settled grant to the calls really sent; repeating a settlement changes nothing.
   */
  private void settle(List<Settlement> settled) {
    for (Settlement s : settled) {
      if (s.leaseId() < 1 || s.used() < 0) {
        continue;
      }
      for (int i = 0; i < grants.size(); i++) {
        Grant g = grants.get(i);
        if (g.id() == s.leaseId()) {
          if (s.used() == 0) {
            grants.remove(i);
          } else if (s.used() < g.tokens()) {
            grants.set(
                i,
                new Grant(g.id(), g.route(), s.used(), g.grantedAtMillis(), g.expiresAtMillis()));
          }
          break;
        }
      }
    }
  }

  /** The grants that still count somewhere, for the next run after a continue-as-new. */
  List<Grant> live(long now) {
    prune(now);
    return List.copyOf(grants);
  }

  private void prune(long now) {
    grants.removeIf(g -> g.expiresAtMillis() + MINUTE_MILLIS <= now);
  }

  private int accountUsed() {
    return grants.stream().mapToInt(Grant::tokens).sum();
  }

  private int routeUsed(String route, long now) {
    return grants.stream()
        .filter(g -> g.route().equals(route) && g.expiresAtMillis() + SECOND_MILLIS > now)
        .mapToInt(Grant::tokens)
        .sum();
  }

  /** The first moment a token is free on both the account and the route. */
  private long retryAfter(String route, long now, int accountFree, int routeFree) {
    long wait = MIN_RETRY_MILLIS;
    if (accountFree < 1) {
      long accountAt =
          grants.stream().mapToLong(g -> g.expiresAtMillis() + MINUTE_MILLIS).min().orElse(now);
      wait = Math.max(wait, accountAt - now);
    }
    if (routeFree < 1) {
      long routeAt =
          grants.stream()
              .filter(g -> g.route().equals(route) && g.expiresAtMillis() + SECOND_MILLIS > now)
              .mapToLong(g -> g.expiresAtMillis() + SECOND_MILLIS)
              .min()
              .orElse(now);
      wait = Math.max(wait, routeAt - now);
    }
    return wait;
  }
}
