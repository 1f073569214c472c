package io.wahub.hub.feature;

import io.wahub.hub.template.TemplateResolver;
import io.wahub.hub.timer.RunTimers;
import io.wahub.sdk.FeatureContext;
import io.wahub.sdk.OutboundMessage;
import java.util.List;

/**
 * One run of a feature for one tenant (for an event or a timer; later for an API call). No database transaction is
 * open while a feature runs: the messages it sends and the timers it changes are collected here, for the caller to
 * apply once the run is over ({@link RunEffects}), while its chat and payment calls go out at once (see
 * {@link FeatureContexts}). A run belongs to one thread.
 *
 * @param context   the context to hand to the feature
 * @param messages  the messages the feature has sent so far, in order (filled as it sends)
 * @param timers    the timers it has scheduled and cancelled so far, in order
 * @param templates the templates the run has read (asked about, or sent by name), each read once
 */
public record FeatureRun(FeatureContext context, List<OutboundMessage> messages, RunTimers timers,
                         TemplateResolver.Memo templates) {
}
