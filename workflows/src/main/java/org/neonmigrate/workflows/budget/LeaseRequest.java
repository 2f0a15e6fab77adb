package org.neonmigrate.workflows.budget;

import java.util.List;
import java.util.Objects;

/**
 * A worker asking for permission to send {@code tokens} Neon calls on {@code route}.
 *
 * @param route the route's template, e.g. {@code GET /projects/{project_id}}; never a concrete id
 * @param tokens how many calls the worker would like to send within the lease's validity
 * @param holder who asks (worker identity), for logs only; may be null
 * @param settled earlier leases of this worker whose validity is over, with the calls really sent
 *     under each; may be null or empty
 */
public record LeaseRequest(String route, int tokens, String holder, List<Settlement> settled) {

  /** The most settlements one request may carry. */
  public static final int MAX_SETTLEMENTS = 1_000;

  public LeaseRequest(String route, int tokens, String holder) {
    this(route, tokens, holder, List.of());
  }

  public LeaseRequest {
    settled = settled == null ? List.of() : settled.stream().filter(Objects::nonNull).toList();
  }
}
