package org.neonmigrate.workflows.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.neonmigrate.workflows.migration.Step;

/**
 * One org of a batch: the latest the batch knows of its run. These rows are both the report and the
 * state carried across continue-as-new, so they are kept small: nulls are left out of the JSON and
 * free text is cut to {@link #MAX_TEXT} characters. A realistic finished row is about 215 bytes:
 * 2,500 rows (the largest batch) ~ 0.55 MB, 5,000 would be ~1.1 MB (see {@code
 * BatchPayloadSizeTest}).
 *
 * @param step last reported step; null until the run reports (or when it never started)
 * @param awaitingGate null, or the gate the run waits at
 * @param awaitingSince when the batch learnt it waits there, ISO-8601 UTC
 * @param approvals see {@link ChildProgress#approvals()}
 * @param error null, or why the run failed or what the batch could not learn about it
 * @param started the batch asked Temporal to start the run (or found it already running)
 * @param finished the run closed and the row is final
 * @param adopted null, or true when the run already existed and the batch tracks it instead
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrgOutcome(
    String sourceOrgId,
    Step step,
    String awaitingGate,
    String awaitingSince,
    int projectsMoved,
    int blockers,
    String approvals,
    String error,
    boolean started,
    boolean finished,
    Boolean adopted) {

  public static final int MAX_TEXT = 160;

  static OrgOutcome notStarted(String sourceOrgId) {
    return new OrgOutcome(sourceOrgId, null, null, null, 0, 0, null, null, false, false, null);
  }

  static OrgOutcome starting(String sourceOrgId) {
    return new OrgOutcome(sourceOrgId, null, null, null, 0, 0, null, null, true, false, null);
  }

  boolean adoptedRun() {
    return Boolean.TRUE.equals(adopted);
  }

  boolean waitingForHuman() {
    return started && !finished && awaitingGate != null;
  }

  /** Counts against the window: started by this batch, not finished, not waiting for a human. */
  boolean holdsSlot() {
    return started && !finished && awaitingGate == null && !adoptedRun();
  }

  boolean succeeded() {
    return finished && error == null && step != Step.CANCELLED && step != Step.FAILED;
  }

  OrgOutcome withProgress(ChildProgress p, String awaitingSinceIfNew) {
    String gate = p.finished() ? null : p.awaitingGate();
    String since =
        gate == null ? null : gate.equals(awaitingGate) ? awaitingSince : awaitingSinceIfNew;
    return new OrgOutcome(
        sourceOrgId,
        p.step(),
        gate,
        since,
        p.projectsMoved(),
        p.blockers(),
        cut(p.approvals()),
        cut(p.error()),
        true,
        p.finished(),
        adopted);
  }

  OrgOutcome closed(Step finalStep, String why) {
    return new OrgOutcome(
        sourceOrgId,
        finalStep,
        null,
        null,
        projectsMoved,
        blockers,
        approvals,
        cut(why),
        true,
        true,
        adopted);
  }

  OrgOutcome asAdopted() {
    return new OrgOutcome(
        sourceOrgId,
        step,
        awaitingGate,
        awaitingSince,
        projectsMoved,
        blockers,
        approvals,
        error,
        true,
        false,
        true);
  }

  OrgOutcome leftGate() {
    return new OrgOutcome(
        sourceOrgId,
        step,
        null,
        null,
        projectsMoved,
        blockers,
        approvals,
        error,
        started,
        finished,
        adopted);
  }

  OrgOutcome withError(String why) {
    return new OrgOutcome(
        sourceOrgId,
        step,
        awaitingGate,
        awaitingSince,
        projectsMoved,
        blockers,
        approvals,
        cut(why),
        started,
        finished,
        adopted);
  }

  static String cut(String text) {
    if (text == null || text.length() <= MAX_TEXT) {
      return text;
    }
    return text.substring(0, MAX_TEXT - 1) + "…";
  }
}
