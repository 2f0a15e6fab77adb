package org.neonmigrate.workflows.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What a wave tells its batch by the {@code waveProgress} signal: counts only. A wave sends it when
 * it starts, whenever its working count changes once all its rows have started (the batch hands the
 * freed slots to the next wave), at most every {@link BatchWaveWorkflowImpl#REPORT_EVERY} before
 * that, and a last time with {@code done}.
 *
 * @param arrived false only in the batch's own view of a wave that has not reported yet
 * @param notStarted rows the wave has not started yet
 * @param working started, not finished, not waiting for a human (these hold the batch's slots)
 * @param waiting runs waiting at a gate, per gate in {@code waitingByGate}
 * @param done every row of the wave is finished; nothing comes after it
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WaveProgress(
    int wave,
    int size,
    boolean arrived,
    int notStarted,
    int working,
    int waiting,
    int completed,
    int failed,
    int cancelled,
    Map<String, Integer> waitingByGate,
    boolean done) {

  static WaveProgress notArrived(int wave, int size) {
    return new WaveProgress(wave, size, false, size, 0, 0, 0, 0, 0, Map.of(), false);
  }

  public int finished() {
    return completed + failed + cancelled;
  }

  boolean allStarted() {
    return arrived && notStarted == 0;
  }
}
