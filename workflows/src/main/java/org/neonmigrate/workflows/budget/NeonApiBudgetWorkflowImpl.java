package org.neonmigrate.workflows.budget;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import org.neonmigrate.workflows.TaskQueues;
import org.slf4j.Logger;

public class NeonApiBudgetWorkflowImpl implements NeonApiBudgetWorkflow {

  private static final Logger log = Workflow.getLogger(NeonApiBudgetWorkflowImpl.class);

  /** Idle this long, every grant is out of every window: end; the next caller starts it again. */
  static final Duration IDLE_END = Duration.ofMinutes(10);

  /** No single lease is larger than this, whatever the limits; keeps a request sane. */
  static final int MAX_TOKENS_PER_REQUEST = 10_000;

  /**
   * Since the budget has its own task queue, a run on a main queue (started before, or by a worker
   * not yet upgraded) continues as new onto its budget queue: at once when it starts there, else at
   * its next continue-as-new. Runs recorded before the change replay as they ran.
   */
  static final String OWN_QUEUE_AT_START = "budget-own-queue-at-start";

  static final String OWN_QUEUE_ON_CONTINUE = "budget-own-queue-on-continue";

  private final BudgetLimits limits;
  private final BudgetLedger ledger;
  private int leasesThisRun;

  @WorkflowInit
  public NeonApiBudgetWorkflowImpl(BudgetRun run) {
    this.limits = run.limits();
    // A chain that ended idle starts again from nothing; its ids must not repeat the old chain's,
    // or a worker settling an old lease would shrink someone else's new grant. Millis × 1000 stays
    // ahead of any earlier chain unless it handed out 1000 leases a millisecond.
    long lastLeaseId =
        run.lastLeaseId() > 0 ? run.lastLeaseId() : Workflow.currentTimeMillis() * 1_000;
    this.ledger = new BudgetLedger(run.limits(), run.grants(), lastLeaseId);
  }

  @Override
  public void run(BudgetRun run) {
    String queue = Workflow.getInfo().getTaskQueue();
    if (!TaskQueues.isBudgetQueue(queue)
        && Workflow.getVersion(OWN_QUEUE_AT_START, Workflow.DEFAULT_VERSION, 1) == 1) {
      continueAsNew(TaskQueues.budgetQueueOf(queue));
    }
    while (true) {
      int seen = leasesThisRun;
      // one timer per idle period, not one per lease: keeps the history to the updates themselves
      boolean full = Workflow.await(IDLE_END, this::shouldContinueAsNew);
      if (full) {
        boolean move =
            !TaskQueues.isBudgetQueue(queue)
                && Workflow.getVersion(OWN_QUEUE_ON_CONTINUE, Workflow.DEFAULT_VERSION, 1) == 1;
        continueAsNew(move ? TaskQueues.budgetQueueOf(queue) : null);
      }
      if (leasesThisRun == seen) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        log.info("no lease asked for {}; ending until a worker needs the budget again", IDLE_END);
        return;
      }
    }
  }

  /** Onto {@code taskQueue}; null keeps the run's own queue. */
  private void continueAsNew(String taskQueue) {
    // handlers never block, but an update admitted in this task must still be answered here
    Workflow.await(Workflow::isEveryHandlerFinished);
    BudgetRun next =
        new BudgetRun(limits, ledger.live(Workflow.currentTimeMillis()), ledger.lastLeaseId());
    if (taskQueue == null) {
      Workflow.continueAsNew(next);
    }
    Workflow.continueAsNew(ContinueAsNewOptions.newBuilder().setTaskQueue(taskQueue).build(), next);
  }

  private boolean shouldContinueAsNew() {
    return leasesThisRun >= limits.updatesPerRun() || Workflow.getInfo().isContinueAsNewSuggested();
  }

  @Override
  public Lease lease(LeaseRequest request) {
    leasesThisRun++;
    return ledger.lease(request, Workflow.currentTimeMillis());
  }

  @Override
  public void validateLease(LeaseRequest request) {
    if (request == null || request.route() == null || request.route().isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a lease names the route it is for", "InvalidLeaseRequest");
    }
    if (request.tokens() < 1 || request.tokens() > MAX_TOKENS_PER_REQUEST) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a lease asks for 1.." + MAX_TOKENS_PER_REQUEST + " tokens, not " + request.tokens(),
          "InvalidLeaseRequest");
    }
    if (request.settled().size() > LeaseRequest.MAX_SETTLEMENTS) {
      throw ApplicationFailure.newNonRetryableFailure(
          "a lease settles at most " + LeaseRequest.MAX_SETTLEMENTS + " earlier leases",
          "InvalidLeaseRequest");
    }
    for (Settlement s : request.settled()) {
      if (s == null || s.leaseId() < 1 || s.used() < 0) {
        throw ApplicationFailure.newNonRetryableFailure(
            "a settlement names a lease id (1 or more) and the calls used (0 or more)",
            "InvalidLeaseRequest");
      }
    }
  }
}
