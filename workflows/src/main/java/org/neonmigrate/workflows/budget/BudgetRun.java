package org.neonmigrate.workflows.budget;

import java.util.List;

/**
 * The budget workflow's input: its limits and, after a continue-as-new, the grants that still count
 * in a window.
 */
public record BudgetRun(BudgetLimits limits, List<Grant> grants) {}
