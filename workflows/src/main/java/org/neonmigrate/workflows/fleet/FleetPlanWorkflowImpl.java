package org.neonmigrate.workflows.fleet;

import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.neonmigrate.workflows.activities.ActivityCatalogue;
import org.neonmigrate.workflows.migration.BlockedProject;

/**
 * LIST_AZURE (each subscription, page by page) → LIST_NEON → pair → READ_ORGS (in chunks, a few at
 * once) → the plan. Every activity only reads.
 */
public class FleetPlanWorkflowImpl implements FleetPlanWorkflow {

  /** Orgs per read activity: few enough that a retried attempt repeats little. */
  static final int ORGS_PER_READ = 20;

  /** Read activities at once; the Neon rate budget, not this, bounds the calls per second. */
  static final int READS_AT_ONCE = 4;

  /** More ARM pages than this for one subscription means the links go round in a circle. */
  static final int MAX_ARM_PAGES = 10_000;

  private final ActivityOptions reads = ActivityCatalogue.FLEET_PLAN_READS;

  private FleetPlanProgress progress = new FleetPlanProgress("LISTING_AZURE", 0, 0, 0);
  private final List<FleetPlanRow> rows = new ArrayList<>();
  private final List<FleetStray> strays = new ArrayList<>();

  @Override
  public FleetPlanSummary plan(FleetPlanRequest request) {
    List<String> problems = FleetPlanRequestValidation.problems(request);
    if (!problems.isEmpty()) {
      throw FleetPlanFailure.InvalidFleetPlanRequest.failure(String.join("; ", problems));
    }
    List<AzureOrgResource> resources = new ArrayList<>();
    for (String subscriptionId : request.subscriptionIds()) {
      listSubscription(subscriptionId, resources);
    }
    progress = new FleetPlanProgress("LISTING_NEON", resources.size(), 0, 0);
    NeonOrgList visible =
        failingAsItself(
            () ->
                reads("list the Neon orgs the key sees")
                    .listNeonOrganizations(
                        new NeonOrgListInput(neonManagedWanted(request, resources))));
    FleetPairing.Result paired =
        FleetPairing.pair(
            resources, visible.organizations(), request.destination(), request.subscriptionIds());
    Map<String, OrgFacts> facts = readFacts(paired.candidates(), resources.size());
    for (FleetPairing.Candidate candidate : paired.candidates()) {
      rows.add(row(candidate, facts.get(candidate.source().id()), request.rowsDryRun()));
    }
    strays.addAll(paired.strays());
    progress = new FleetPlanProgress("DONE", resources.size(), rows.size(), rows.size());
    return new FleetPlanSummary(
        request.planId(),
        request.subscriptionIds(),
        request.destination().rule(),
        request.requestedBy(),
        resources.size(),
        rows.size(),
        strays.size());
  }

  @Override
  public FleetPlanProgress progress() {
    return progress;
  }

  @Override
  public FleetPlanPage page(FleetPlanPageRequest request) {
    return new FleetPlanPage(
        FleetPlanPages.slice(rows, request.rowOffset(), request.limit()),
        FleetPlanPages.slice(strays, request.strayOffset(), request.limit()));
  }

  /** The Neon-managed orgs the plan needs to know: destinations, and orgs resources name. */
  private static List<String> neonManagedWanted(
      FleetPlanRequest request, List<AzureOrgResource> resources) {
    Set<String> wanted = new TreeSet<>();
    DestinationRule rule = request.destination();
    if (rule.orgId() != null) {
      wanted.add(rule.orgId());
    }
    if (rule.mapping() != null) {
      wanted.addAll(rule.mapping().values());
    }
    for (AzureOrgResource resource : resources) {
      if (resource.neonOrgId() != null) {
        wanted.add(resource.neonOrgId());
      }
    }
    return List.copyOf(wanted);
  }

  private void listSubscription(String subscriptionId, List<AzureOrgResource> into) {
    String nextLink = null;
    for (int page = 1; page <= MAX_ARM_PAGES; page++) {
      String link = nextLink;
      FleetPlanActivities activities =
          reads("list Azure resources of subscription " + subscriptionId + ", page " + page);
      AzureOrgPage result =
          failingAsItself(
              () -> activities.listAzureOrganizations(new AzureOrgPageInput(subscriptionId, link)));
      into.addAll(result.resources());
      progress = new FleetPlanProgress("LISTING_AZURE", into.size(), 0, 0);
      nextLink = result.nextLink();
      if (nextLink == null || nextLink.isBlank() || nextLink.equals(link)) {
        return;
      }
    }
    throw FleetPlanFailure.AzureListingFailed.failure(
        "subscription " + subscriptionId + ": more than " + MAX_ARM_PAGES + " pages");
  }

  private Map<String, OrgFacts> readFacts(
      List<FleetPairing.Candidate> candidates, int resourcesListed) {
    Map<String, OrgFacts> facts = new HashMap<>();
    progress = new FleetPlanProgress("READING_ORGS", resourcesListed, candidates.size(), 0);
    List<List<FleetPairing.Candidate>> chunks = new ArrayList<>();
    for (int from = 0; from < candidates.size(); from += ORGS_PER_READ) {
      chunks.add(candidates.subList(from, Math.min(candidates.size(), from + ORGS_PER_READ)));
    }
    for (int wave = 0; wave < chunks.size(); wave += READS_AT_ONCE) {
      List<Promise<OrgFactsList>> running = new ArrayList<>();
      for (List<FleetPairing.Candidate> chunk :
          chunks.subList(wave, Math.min(chunks.size(), wave + READS_AT_ONCE))) {
        FleetPlanActivities activities =
            reads(
                "read projects, members and blockers of "
                    + chunk.size()
                    + " orgs ("
                    + chunk.get(0).source().id()
                    + " ...)");
        running.add(Async.function(activities::readOrgFacts, input(chunk)));
      }
      for (Promise<OrgFactsList> read : running) {
        for (OrgFacts org : failingAsItself(read::get).orgs()) {
          facts.put(org.orgId(), org);
        }
      }
      progress =
          new FleetPlanProgress("READING_ORGS", resourcesListed, candidates.size(), facts.size());
    }
    return facts;
  }

  private static OrgFactsInput input(List<FleetPairing.Candidate> chunk) {
    return new OrgFactsInput(
        chunk.stream()
            .map(
                c ->
                    new OrgFactsInput.Wanted(
                        c.source().id(),
                        c.source().plan(),
                        c.destinationOrgId(),
                        c.destination() == null ? null : c.destination().plan()))
            .toList());
  }

  private static FleetPlanRow row(FleetPairing.Candidate candidate, OrgFacts facts, boolean dry) {
    List<String> notes = new ArrayList<>(candidate.notes());
    List<BlockedProject> blockers = facts.blockers() == null ? List.of() : facts.blockers();
    if (facts.planNote() != null) {
      notes.add(facts.planNote());
    }
    if (!blockers.isEmpty()) {
      notes.add(
          blockers.size()
              + " project(s) have integrations that block a transfer: remove them, then approve"
              + " gate blockers-resolved");
    }
    AzureOrgResource resource = candidate.resource();
    return new FleetPlanRow(
        candidate.source().id(),
        candidate.source().name(),
        candidate.destinationOrgId() == null ? "" : candidate.destinationOrgId(),
        resource.subscriptionId(),
        resource.resourceGroup(),
        resource.resourceName(),
        facts.projects(),
        facts.members(),
        candidate.source().plan(),
        candidate.destination() == null ? null : candidate.destination().plan(),
        facts.destinationPlanSufficient(),
        blockers,
        dry,
        notes);
  }

  /**
   * An activity's business failure fails the plan under its own name (AzureAccessDenied, ...), not
   * as a wrapped activity failure, so the API and the Web UI show that word.
   */
  private static <T> T failingAsItself(Supplier<T> call) {
    try {
      return call.get();
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof ApplicationFailure cause && cause.isNonRetryable()) {
        throw ApplicationFailure.newNonRetryableFailure(
            cause.getOriginalMessage(), cause.getType());
      }
      throw failure;
    }
  }

  private FleetPlanActivities reads(String summary) {
    return Workflow.newActivityStub(
        FleetPlanActivities.class, reads.toBuilder().setSummary(summary).build());
  }
}
