package org.neonmigrate.activities;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How long a transfer whose answer was lost (or timed out) is given to show its effect before the
 * projects still in the source are taken as not moved and sent again.
 *
 * @param settleWindow {@code neon.transfer.settle-window}, default 120s: counted from when the POST
 *     may have been sent; a POST gets at most the client's read timeout (60 s) and Neon documents
 *     the transfer as synchronous, so twice that is a generous margin
 * @param settlePoll {@code neon.transfer.settle-poll}, default 5s: how often the source is listed
 *     again meanwhile (each listing is one call per 400 projects of the source)
 */
@ConfigurationProperties("neon.transfer")
public record TransferSettleConfiguration(
    @Bindable(defaultValue = "120s") Duration settleWindow,
    @Bindable(defaultValue = "5s") Duration settlePoll) {}
