package org.neonmigrate.workflows.batch;

import java.util.List;
import org.neonmigrate.workflows.migration.MigrationRequest;

/**
 * The input of {@code BatchWave} number {@code wave} of batch {@code batchId}: its own rows, in the
 * order they run. The batch decides when and how many of them may work ({@code window}).
 *
 * @param migrations at most {@link BatchRequest#MAX_WAVE_SIZE}; their {@code batchId} and {@code
 *     requestedBy} are set by the wave
 */
public record WaveRequest(
    String batchId, int wave, String requestedBy, List<MigrationRequest> migrations) {}
