package org.neonmigrate.api.batch;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import org.neonmigrate.api.ApiApplication;

/**
 * How {@code GET /batches/{id}} reads a batch's progress (see {@link BatchProgressReads}).
 *
 * @param maxAge an answer asked for at most this long ago is served again, as current, instead of
 *     asking the batch once more; an older one is served marked stale while the batch is asked
 *     again
 * @param maxBatches how many batches' last answers are kept
 */
@ConfigurationProperties("neonmigrate.api.batch-progress")
@Requires(env = ApiApplication.ENVIRONMENT)
public record BatchProgressSettings(
    @Bindable(defaultValue = "2s") Duration maxAge,
    @Bindable(defaultValue = "1000") int maxBatches) {}
