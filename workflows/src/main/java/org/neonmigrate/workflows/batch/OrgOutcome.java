package org.neonmigrate.workflows.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import javax.annotation.Nullable;
import org.neonmigrate.workflows.migration.Step;

/**
 * One org of a batch: the latest the batch knows of its run. These rows are both the report and the
 * state carried across continue-as-new, so they are kept small: nulls are left out of the JSON and
 * free text is cut to {@link #MAX_TEXT} characters. A realistic finished row is about 215 bytes:
 * 5,000 rows (the largest batch) ~ 1.1 MB (see {@code BatchPayloadSizeTest}); {@link #fitting}
 * shortens the texts further when unusually long ones would bring the rows near the limit.
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
    @Nullable Step step,
    @Nullable String awaitingGate,
    @Nullable String awaitingSince,
    int projectsMoved,
    int blockers,
    @Nullable String approvals,
    @Nullable String error,
    boolean started,
    boolean finished,
    @Nullable Boolean adopted) {

  public static final int MAX_TEXT = 160;

  /** What the rows of one payload (result, query answer, carried state) may take of its 2 MB. */
  static final long ROWS_BUDGET_BYTES = 1_400_000;

  /** Text lengths tried in turn until the rows fit; 1 keeps just a mark that there was text. */
  private static final int[] SHORTER_TEXTS = {40, 1};

  /**
   * The rows, with their free text shortened as far as needed to stay within {@link
   * #ROWS_BUDGET_BYTES}; unchanged in any realistic batch. Each run's full text stays in its own
   * report.
   */
  static List<OrgOutcome> fitting(List<OrgOutcome> rows) {
    List<OrgOutcome> fitted = rows;
    for (int i = 0; i < SHORTER_TEXTS.length && estimatedBytes(fitted) > ROWS_BUDGET_BYTES; i++) {
      int max = SHORTER_TEXTS[i];
      fitted = rows.stream().map(row -> row.withTextsCut(max)).toList();
    }
    return fitted;
  }

  static long estimatedBytes(List<OrgOutcome> rows) {
    return rows.stream().mapToLong(OrgOutcome::estimatedBytes).sum();
  }

  /** An upper bound of the row's JSON size: each present field's name, punctuation and value. */
  long estimatedBytes() {
    return 17 // {"sourceOrgId":"" and the closing brace
        + utf8(sourceOrgId)
        + (step == null ? 0 : 24)
        + field(18, awaitingGate)
        + field(19, awaitingSince)
        + 27 // "projectsMoved" with up to 10 digits
        + 22 // "blockers" with up to 10 digits
        + field(15, approvals)
        + field(11, error)
        + 33 // "started" and "finished"
        + (adopted == null ? 0 : 15);
  }

  private static int field(int overhead, String text) {
    return text == null ? 0 : overhead + utf8(text);
  }

  /** ASCII counts one byte; anything the converter may escape ({@code \\uXXXX}) counts six. */
  private static int utf8(String text) {
    if (text == null) {
      return 0;
    }
    return text.chars().map(c -> c < 0x20 || c == '"' || c == '\\' || c >= 0x7f ? 6 : 1).sum();
  }

  OrgOutcome withTextsCut(int max) {
    return new OrgOutcome(
        sourceOrgId,
        step,
        awaitingGate,
        awaitingSince,
        projectsMoved,
        blockers,
        cut(approvals, max),
        cut(error, max),
        started,
        finished,
        adopted);
  }

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
