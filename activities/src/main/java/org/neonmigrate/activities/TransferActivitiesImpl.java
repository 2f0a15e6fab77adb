package org.neonmigrate.activities;

import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.neonmigrate.activities.neon.NeonClient;
import org.neonmigrate.activities.neon.NeonFailures;
import org.neonmigrate.activities.neon.TransferAnswer;
import org.neonmigrate.activities.neon.model.ProjectIntegration;
import org.neonmigrate.activities.neon.model.ProjectListItem;
import org.neonmigrate.activities.neon.model.TransferRequest;
import org.neonmigrate.workflows.activities.MigrationFailure;
import org.neonmigrate.workflows.activities.TransferActivities;
import org.neonmigrate.workflows.activities.TransferChunk;
import org.neonmigrate.workflows.activities.TransferOutcome;
import org.neonmigrate.workflows.migration.BlockedProject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Singleton
public class TransferActivitiesImpl implements TransferActivities {

  private static final Logger LOG = LoggerFactory.getLogger(TransferActivitiesImpl.class);

  /**
   * Each 422 round removes at least one project, so a chunk needs few; this bounds a bad server.
   */
  private static final int MAX_ROUNDS = 10;

  /** {@link RecentWrites} kind for a project's transfer, scoped by source org. */
  static final String TRANSFER = "transfer";

  private final NeonClient neon;
  private final RecentWrites recentWrites;

  public TransferActivitiesImpl(NeonClient neon, RecentWrites recentWrites) {
    this.neon = neon;
    this.recentWrites = recentWrites;
  }

  @Override
  public TransferOutcome transferProjects(TransferChunk chunk) {
    Requests.requireOrgIds(chunk.sourceOrgId(), chunk.destinationOrgId());
    List<String> requested = chunk.projectIds() == null ? List.of() : chunk.projectIds();
    if (requested.isEmpty() || requested.size() > NeonClient.MAX_PROJECT_PAGE) {
      throw MigrationFailure.InvalidMigrationRequest.failure(
          "a transfer chunk holds 1.."
              + NeonClient.MAX_PROJECT_PAGE
              + " projects, not "
              + requested.size());
    }
    Set<String> pending = new LinkedHashSet<>(requested);
    Map<String, BlockedProject> blocked = new LinkedHashMap<>();
    Map<String, ProjectListItem> inSource = Map.of();
    // The POST is not idempotent and a lost answer may have moved some projects already. A first
    // attempt that sent nothing yet trusts the inventory; any later try re-reads the source and
    // sends only what is still there. Those gone count as transferred; VERIFY proves they landed.
    boolean reread =
        ActivityHeartbeat.attempt() > 1
            || recentWrites.anySent(TRANSFER, chunk.sourceOrgId(), requested);
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      if (reread) {
        inSource = projectsInSource(chunk.sourceOrgId());
        dropGone(pending, inSource, chunk);
        if (pending.isEmpty()) {
          return moved(requested, blocked);
        }
      }
      ActivityHeartbeat.beat();
      recentWrites.record(TRANSFER, chunk.sourceOrgId(), pending);
      TransferAnswer answer =
          neon.transfer(
              chunk.sourceOrgId(),
              new TransferRequest(chunk.destinationOrgId(), List.copyOf(pending)));
      if (answer instanceof TransferAnswer.Moved) {
        LOG.info(
            "transfer {} -> {}: moved {} project(s)",
            chunk.sourceOrgId(),
            chunk.destinationOrgId(),
            pending.size());
        return moved(requested, blocked);
      }
      if (answer instanceof TransferAnswer.LimitsShort limits) {
        List<String> transferred =
            requested.stream()
                .filter(id -> !pending.contains(id) && !blocked.containsKey(id))
                .toList();
        return new TransferOutcome(
            transferred,
            List.copyOf(blocked.values()),
            TransferLimits.describe(limits.limits()),
            TransferLimits.planUpgradeWouldHelp(limits.limits()));
      }
      if (answer instanceof TransferAnswer.NotInSource) {
        if (reread) {
          throw MigrationFailure.OrganizationNotFound.failure(
              "transfer answered 404 for projects just listed in source org "
                  + chunk.sourceOrgId()
                  + "; refusing to resend blindly");
        }
        // nothing moved (the POST is all-or-nothing): a project left since the inventory
        reread = true;
        continue;
      }
      if (!reread) {
        // 422 moved nothing; the names of the blocked projects come from the source listing
        inSource = projectsInSource(chunk.sourceOrgId());
      }
      reread = true;
      TransferAnswer.BlockedByIntegrations refused = (TransferAnswer.BlockedByIntegrations) answer;
      Map<String, List<String>> integrations = byProject(refused.projects());
      integrations.keySet().retainAll(pending);
      if (integrations.isEmpty()) {
        throw ApplicationFailure.newBuilder()
            .setType(NeonFailures.REQUEST_REJECTED)
            .setMessage(
                "transfer answered 422 without naming any project of the request;"
                    + " refusing to resend blindly")
            .setNonRetryable(true)
            .build();
      }
      Map<String, ProjectListItem> names = inSource;
      integrations.forEach(
          (id, kinds) -> {
            ProjectListItem project = names.get(id);
            blocked.put(id, new BlockedProject(id, project == null ? null : project.name(), kinds));
          });
      pending.removeAll(integrations.keySet());
      LOG.info(
          "transfer {} -> {}: {} project(s) blocked by integrations, resending {}",
          chunk.sourceOrgId(),
          chunk.destinationOrgId(),
          integrations.size(),
          pending.size());
      if (pending.isEmpty()) {
        return moved(requested, blocked);
      }
    }
    throw ApplicationFailure.newBuilder()
        .setType(NeonFailures.REQUEST_REJECTED)
        .setMessage("transfer still refused after " + MAX_ROUNDS + " rounds of 422 answers")
        .setNonRetryable(true)
        .build();
  }

  private Map<String, ProjectListItem> projectsInSource(String sourceOrgId) {
    return neon.allProjects(sourceOrgId).stream()
        .collect(Collectors.toMap(ProjectListItem::id, Function.identity(), (a, b) -> a));
  }

  private static void dropGone(
      Set<String> pending, Map<String, ProjectListItem> inSource, TransferChunk chunk) {
    int before = pending.size();
    pending.retainAll(inSource.keySet());
    if (pending.size() < before) {
      LOG.info(
          "transfer {} -> {}: {} of the chunk's projects already left the source (attempt {})",
          chunk.sourceOrgId(),
          chunk.destinationOrgId(),
          before - pending.size(),
          ActivityHeartbeat.attempt());
    }
  }

  private static TransferOutcome moved(
      List<String> requested, Map<String, BlockedProject> blocked) {
    List<String> transferred = requested.stream().filter(id -> !blocked.containsKey(id)).toList();
    return new TransferOutcome(transferred, List.copyOf(blocked.values()), List.of(), false);
  }

  private static Map<String, List<String>> byProject(List<ProjectIntegration> projects) {
    Map<String, List<String>> integrations = new LinkedHashMap<>();
    for (ProjectIntegration p : projects == null ? List.<ProjectIntegration>of() : projects) {
      if (p.id() == null) {
        continue;
      }
      List<String> names = integrations.computeIfAbsent(p.id(), id -> new ArrayList<>());
      if (p.integration() != null && !names.contains(p.integration())) {
        names.add(p.integration());
      }
    }
    return integrations;
  }
}
