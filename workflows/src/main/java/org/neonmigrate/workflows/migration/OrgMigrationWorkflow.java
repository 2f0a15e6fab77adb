package org.neonmigrate.workflows.migration;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.neonmigrate.workflows.MigrationNames;

/** One Azure-managed organization moved to a Neon-managed one, then its Azure resource deleted. */
@WorkflowInterface
public interface OrgMigrationWorkflow {

  @WorkflowMethod(name = MigrationNames.ORG_MIGRATION_TYPE)
  MigrationReport migrate(MigrationRequest request);

  @SignalMethod(name = MigrationNames.SIGNAL_APPROVE)
  void approve(Approval approval);

  @SignalMethod(name = MigrationNames.SIGNAL_REJECT)
  void reject(Rejection rejection);

  @QueryMethod(name = MigrationNames.QUERY_STATUS)
  MigrationStatus status();

  /**
   * The report as it stands; after a cancellation or failure it says where every project is. Works
   * on closed runs too.
   */
  @QueryMethod(name = MigrationNames.QUERY_REPORT)
  MigrationReport report();

  /**
   * Like {@code approve} and {@code reject}, but the caller learns at once whether the decision
   * counts: the validator refuses it (the message led by a {@link DecisionRefusal}) when the run
   * does not wait at that gate or the four-eyes rule fails, and once the update returns, the
   * decision is recorded. The REST API decides through this.
   */
  @UpdateMethod(name = MigrationNames.UPDATE_DECIDE)
  MigrationStatus decide(Decision decision);

  @UpdateValidatorMethod(updateName = MigrationNames.UPDATE_DECIDE)
  void validateDecide(Decision decision);
}
