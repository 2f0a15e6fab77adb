package org.neonmigrate.workflows;

/**
 * The task queues of one deployment, from one setting that the worker and the API both read:
 * property {@value #PROPERTY}, environment {@value #ENVIRONMENT_VARIABLE}, default {@value
 * #DEFAULT} (a contract: the CLI examples and other teams' code start runs there).
 *
 * <p>Migrations and batches run on {@link #main()}; their children inherit the parent's queue, so
 * child options leave it unset. The fleet-wide Neon budget runs on {@link #budget()}, with its own
 * pollers, so a backlog of migration tasks never delays a lease.
 *
 * @param main the queue migrations and batches are started on
 */
public record TaskQueues(String main) {

  /** The Micronaut property the worker and the API bind. */
  public static final String PROPERTY = "temporal.task-queue";

  /** The environment variable Micronaut maps to {@link #PROPERTY}. */
  public static final String ENVIRONMENT_VARIABLE = "TEMPORAL_TASK_QUEUE";

  public static final String DEFAULT = MigrationNames.TASK_QUEUE;

  /** The budget queue is the main queue with this suffix. */
  public static final String BUDGET_SUFFIX = "-budget";

  /** Temporal allows 1000 bytes; far less leaves room for the suffix and stays readable. */
  static final int MAX_LENGTH = 200;

  public TaskQueues {
    if (main == null || main.isEmpty()) {
      throw new IllegalArgumentException("the task queue is empty");
    }
    if (main.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the task queue is longer than " + MAX_LENGTH + " characters");
    }
    if (!main.codePoints().allMatch(c -> c > ' ' && c != 0x7f && !Character.isWhitespace(c))) {
      throw new IllegalArgumentException(
          "the task queue '" + main + "' contains whitespace or control characters");
    }
    if (main.startsWith("/_sys/")) {
      throw new IllegalArgumentException("task queues starting with /_sys/ are Temporal's own");
    }
    if (isBudgetQueue(main)) {
      throw new IllegalArgumentException(
          "the task queue '" + main + "' ends with " + BUDGET_SUFFIX + ", kept for the budget");
    }
  }

  /** The deployment's queues from a configured value; unset or blank means {@value #DEFAULT}. */
  public static TaskQueues configured(String value) {
    return new TaskQueues(value == null || value.isBlank() ? DEFAULT : value.strip());
  }

  public static TaskQueues defaults() {
    return new TaskQueues(DEFAULT);
  }

  /** Where the {@code NeonApiBudget} workflow runs. */
  public String budget() {
    return budgetQueueOf(main);
  }

  /**
   * The budget queue that belongs with {@code queue}: itself if it already is one. The budget
   * workflow uses this to move a run started on a main queue (before the budget had its own).
   */
  public static String budgetQueueOf(String queue) {
    return isBudgetQueue(queue) ? queue : queue + BUDGET_SUFFIX;
  }

  public static boolean isBudgetQueue(String queue) {
    return queue.endsWith(BUDGET_SUFFIX);
  }
}
