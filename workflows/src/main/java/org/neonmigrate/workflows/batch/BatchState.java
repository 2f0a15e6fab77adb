package org.neonmigrate.workflows.batch;

import java.util.List;

/**
 * What one run of a batch hands the next across continue-as-new: the last report of each wave that
 * has reported (one small line per wave, never a row per org) and the pause.
 */
public record BatchState(List<WaveProgress> waves, String pausedBy, String pauseReason, int runs) {}
