package org.neonmigrate.workflows.budget;

import java.util.List;

/**
 * The budget workflow's input: its limits and, after a continue-as-new, the grants that still count
 * in a window and the last lease id handed out (ids keep growing across runs, so a settlement never
 * lands on the wrong grant).
 */
public record BudgetRun(BudgetLimits limits, List<Grant> grants, long lastLeaseId) {

  public BudgetRun(BudgetLimits limits, List<Grant> grants) {
    this(limits, grants, 0);
  }
}
