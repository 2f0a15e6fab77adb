package org.neonmigrate.activities;

import jakarta.inject.Singleton;
import java.util.List;
import org.neonmigrate.activities.neon.NeonClient;
import org.neonmigrate.workflows.NeonLimits;
import org.neonmigrate.workflows.activities.MigrationFailure;
import org.neonmigrate.workflows.activities.TransferActivities;
import org.neonmigrate.workflows.activities.TransferChunk;
import org.neonmigrate.workflows.activities.TransferOutcome;

@Singleton
public class TransferActivitiesImpl implements TransferActivities {

  private final NeonClient neon;
  private final RecentWrites recentWrites;
  private final TransferSettleConfiguration settling;

  public TransferActivitiesImpl(
      NeonClient neon, RecentWrites recentWrites, TransferSettleConfiguration settling) {
    this.neon = neon;
    this.recentWrites = recentWrites;
    this.settling = settling;
  }

  @Override
  public TransferOutcome transferProjects(TransferChunk chunk) {
    try {
      return new ChunkTransfer(neon, recentWrites, settling, chunk, requested(chunk)).transfer();
    } finally {
      ActivityHeartbeat.forgetRecorded();
    }
  }

  @Override
  public TransferOutcome locateChunk(TransferChunk chunk) {
    return new ChunkTransfer(neon, recentWrites, settling, chunk, requested(chunk)).locate();
  }

  private static List<String> requested(TransferChunk chunk) {
    Requests.requireOrgIds(chunk.sourceOrgId(), chunk.destinationOrgId());
    List<String> requested = chunk.projectIds() == null ? List.of() : chunk.projectIds();
    if (requested.isEmpty() || requested.size() > NeonLimits.PROJECTS_PER_TRANSFER) {
      throw MigrationFailure.InvalidMigrationRequest.failure(
          "a transfer chunk holds 1.."
              + NeonLimits.PROJECTS_PER_TRANSFER
              + " projects, not "
              + requested.size());
    }
    return requested;
  }
}
