package org.neonmigrate.sandbox.arm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.neonmigrate.sandbox.neon.NeonState;

/**
 * Azure's view: {@code Neon.Postgres/organizations} resources linked to Neon orgs, running delete
 * operations, and a record of every deletion with the projects the org still held.
 */
public final class ArmState {

  /** One Azure resource; {@code orgId} is the linked Azure-managed Neon org. */
  public record Resource(
      String subscriptionId,
      String resourceGroup,
      String name,
      String location,
      String orgId,
      String orgName,
      String provisioningState) {
    public String id() {
      return "/subscriptions/"
          + subscriptionId
          + "/resourceGroups/"
          + resourceGroup
          + "/providers/Neon.Postgres/organizations/"
          + name;
    }

    Resource deleting() {
      return new Resource(
          subscriptionId, resourceGroup, name, location, orgId, orgName, "Deleting");
    }
  }

  /**
   * A delete operation: running until {@code doneAtMillis} by the clock, then done, whether or not
   * anyone polls it (a real deletion goes on by itself); {@code polls} counts the status reads.
   */
  public record Operation(String id, String resourceKey, int polls, long doneAtMillis) {
    public boolean done() {
      return System.currentTimeMillis() >= doneAtMillis;
    }
  }

  /** A started (or already running) delete and the projects the org held when it was asked for. */
  public record DeleteStart(Operation operation, int projectsInOrg) {}

  /** A DELETE that found the resource, and the projects its Neon org still had at that moment. */
  public record Deletion(String at, String resourceId, String orgId, int projectsInOrg) {}

  private final NeonState neon;
  private final Map<String, Resource> resources = new LinkedHashMap<>();
  private final Map<String, Operation> operations = new LinkedHashMap<>();
  private final List<Deletion> deletions = new ArrayList<>();
  // resource groups outlive their resources, as in Azure; keys are "sub/rg", lower case
  private final java.util.Set<String> resourceGroups = new java.util.HashSet<>();
  private final java.util.Set<String> withoutPartnerBlock = new java.util.HashSet<>();

  public ArmState(NeonState neon) {
    this.neon = neon;
  }

  static String key(String subscriptionId, String resourceGroup, String name) {
    // ARM resource ids compare case-insensitively
    return (subscriptionId + "/" + resourceGroup + "/" + name).toLowerCase(Locale.ROOT);
  }

  public synchronized void clear() {
    resourceGroups.clear();
    withoutPartnerBlock.clear();
    resources.clear();
    operations.clear();
    deletions.clear();
  }

  public synchronized void put(Resource resource) {
    resourceGroups.add(
        (resource.subscriptionId() + "/" + resource.resourceGroup()).toLowerCase(Locale.ROOT));
    resources.put(
        key(resource.subscriptionId(), resource.resourceGroup(), resource.name()), resource);
  }

  /** Whether ARM knows the subscription (any resource group was ever created in it). */
  public synchronized boolean hasSubscription(String sub) {
    String prefix = (sub + "/").toLowerCase(Locale.ROOT);
    return resourceGroups.stream().anyMatch(g -> g.startsWith(prefix));
  }

  public synchronized boolean hasResourceGroup(String sub, String rg) {
    return resourceGroups.contains((sub + "/" + rg).toLowerCase(Locale.ROOT));
  }

  /**
   * Makes GET answer for the resource without {@code partnerOrganizationProperties}, as an older
   * api-version or a half-provisioned resource might; the resource stays linked to its org.
   */
  public synchronized void hidePartnerBlock(String sub, String rg, String name, boolean hide) {
    if (hide) {
      withoutPartnerBlock.add(key(sub, rg, name));
    } else {
      withoutPartnerBlock.remove(key(sub, rg, name));
    }
  }

  public synchronized boolean partnerBlockHidden(String sub, String rg, String name) {
    return withoutPartnerBlock.contains(key(sub, rg, name));
  }

  public synchronized List<Resource> resources() {
    return List.copyOf(resources.values());
  }

  /**
   * The resources of a subscription (and resource group, when {@code rg} is not null) in a stable
   * order, by id ignoring case, as a paged list needs; resources whose deletion finished are gone.
   */
  public synchronized List<Resource> list(String sub, String rg) {
    settle();
    return resources.values().stream()
        .filter(r -> r.subscriptionId().equalsIgnoreCase(sub))
        .filter(r -> rg == null || r.resourceGroup().equalsIgnoreCase(rg))
        .sorted(java.util.Comparator.comparing((Resource r) -> r.id().toLowerCase(Locale.ROOT)))
        .toList();
  }

  /** The locations of every resource ARM knows, for the provider's resource types. */
  public synchronized List<String> locations() {
    return resources.values().stream().map(Resource::location).distinct().sorted().toList();
  }

  public synchronized Optional<Resource> find(String sub, String rg, String name) {
    settle();
    return Optional.ofNullable(resources.get(key(sub, rg, name)));
  }

  /** Resources whose deletion finished by the clock are gone. */
  private void settle() {
    for (Operation op : operations.values()) {
      if (op.done()) {
        resources.remove(op.resourceKey());
      }
    }
  }

  /**
   * Starts deleting the resource: the linked Neon org and every project still in it are gone at
   * once (as on the real service), the resource itself when the operation completes.
   *
   * @return the operation, or empty if no such resource exists
   */
  public synchronized Optional<DeleteStart> beginDelete(
      String sub, String rg, String name, Duration lasts) {
    settle();
    String key = key(sub, rg, name);
    Resource resource = resources.get(key);
    if (resource == null) {
      return Optional.empty();
    }
    for (Operation running : operations.values()) {
      if (running.resourceKey().equals(key) && !running.done()) {
        return Optional.of(new DeleteStart(running, neon.projectCount(resource.orgId())));
      }
    }
    int projects = neon.projectCount(resource.orgId());
    deletions.add(
        new Deletion(Instant.now().toString(), resource.id(), resource.orgId(), projects));
    neon.deleteOrg(resource.orgId());
    resources.put(key, resource.deleting());
    Operation operation =
        new Operation(
            UUID.randomUUID().toString(), key, 0, System.currentTimeMillis() + lasts.toMillis());
    operations.put(operation.id(), operation);
    return Optional.of(new DeleteStart(operation, projects));
  }

  /** Counts one poll; when the operation is done the resource disappears. */
  public synchronized Optional<Operation> poll(String operationId) {
    Operation op = operations.get(operationId);
    if (op == null) {
      return Optional.empty();
    }
    Operation polled = new Operation(op.id(), op.resourceKey(), op.polls() + 1, op.doneAtMillis());
    operations.put(op.id(), polled);
    if (polled.done()) {
      resources.remove(op.resourceKey());
    }
    return Optional.of(polled);
  }

  public synchronized List<Operation> operations() {
    return List.copyOf(operations.values());
  }

  public synchronized List<Deletion> deletions() {
    return List.copyOf(deletions);
  }
}
