package org.neonmigrate.workflows.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import javax.annotation.Nullable;
import org.neonmigrate.workflows.migration.Step;

/**
 * One org of a wave: the latest the wave knows of its run. Nulls are left out of the JSON and free
 * text is cut to {@link #MAX_TEXT} characters, so a wave's report of at most {@link
 * BatchRequest#MAX_WAVE_SIZE} rows stays well within a payload; each run's full text is in its own
 * report.
 *
 * @param step the step the run last reported (at a gate) or ended at; null before either
 * @param awaitingGate null, or the gate the run waits at
 * @param awaitingSince when the wave learnt it waits there, ISO-8601 UTC
 * @param approvals see {@link ChildProgress#approvals()}
 * @param error null, or why the run failed or could not be started
 * @param started the wave asked Temporal to start the run
 * @param finished the run closed and the row is final
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrgOutcome(
    String sourceOrgId,
    @Nullable Step step,
    @Nullable String awaitingGate,
    @Nullable String awaitingSince,
    int projectsMoved,
    int blockers,
    @Nullable String approvals,
    @Nullable String error,
    boolean started,
    boolean finished) {

  public static final int MAX_TEXT = 160;

  static OrgOutcome notStarted(String sourceOrgId) {
    return new OrgOutcome(sourceOrgId, null, null, null, 0, 0, null, null, false, false);
  }

  static OrgOutcome starting(String sourceOrgId) {
    return new OrgOutcome(sourceOrgId, null, null, null, 0, 0, null, null, true, false);
  }

  boolean waitingForHuman() {
    return started && !finished && awaitingGate != null;
  }

  /** Counts against the window: started, not finished, not waiting for a human. */
  boolean holdsSlot() {
    return started && !finished && awaitingGate == null;
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
        p.finished());
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
        started,
        true);
  }

  static String cut(String text) {
    return cut(text, MAX_TEXT);
  }

  /** At most {@code max} characters; a cut text ends with an ellipsis, so it is never empty. */
  static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }
}
