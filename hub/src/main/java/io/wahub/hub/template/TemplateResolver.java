package io.wahub.hub.template;

import io.wahub.hub.message.MessageRepository.NewMessage;
import io.wahub.hub.message.Rendition;
import io.wahub.sdk.OutboundMessage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Resolves a message's {@link OutboundMessage.Template#named named template} against the tenant's stored template
 * before the message is stored: the language is the message's, or the stored template's when the tenant has the
 * name in one language only; the filled template replaces the named one and its text is kept
 * ({@link TemplateRendering}). An unknown template, an ambiguous language or a missing variable gives a failed
 * {@link Rendition}, and the message is stored dead with that reason. Other messages pass unchanged.
 *
 * <p>Whether the template is approved is not checked here: the send policy decides what to do with a template
 * that is not (and says so on the message).
 */
@Component
public class TemplateResolver {

    private final TemplateRepository templates;

    TemplateResolver(TemplateRepository templates) {
        this.templates = templates;
    }

    /**
     * A template name resolved against the tenant's stored templates.
     *
     * @param template the one stored template meant, or null
     * @param failure  when there is none: why, as a phrase ("no template 'x' for this tenant")
     */
    record Named(MessageTemplate template, String failure) {
    }

    /**
     * The tenant's stored template with that name: in that language, or, when no language is given, in the one
     * language the tenant has it in. The one place a template name is resolved, for messages
     * ({@link #resolve}) and for features asking about a template ({@link TenantTemplates}).
     */
    Named find(String tenantId, String name, String language) {
        List<MessageTemplate> found = templates.findByNameCached(tenantId, name, language);
        if (found.size() == 1) {
            return new Named(found.getFirst(), null);
        }
        return new Named(null, found.isEmpty()
                ? "no template '" + name + "'" + (language == null ? "" : " in language '" + language + "'")
                + " for this tenant"
                : "template '" + name + "' exists in " + found.stream().map(t -> t.content().language())
                .collect(Collectors.joining(", ")) + ": the message must name its language");
    }

    /**
     * The messages, each resolved as by {@link #resolve}, a template that several name read once (the messages of a
     * batch of timer runs: a campaign step's for many contacts). Reads the templates as
     * {@link TemplateRepository#findByNameCached} serves them; opens no transaction.
     */
    public List<NewMessage> resolveAll(List<NewMessage> queued) {
        return resolveAll(queued, new Memo());
    }

    /**
     * The messages, each resolved as by {@link #resolve}, reading only the templates {@code memo} has not read yet
     * (a run's: the one its feature asked about, {@link TenantTemplates#forTenant(String, Memo)}).
     */
    public List<NewMessage> resolveAll(List<NewMessage> queued, Memo memo) {
        return queued.stream().map(message -> resolve(message, memo)).toList();
    }

    /**
     * The templates one run (or one batch of runs) has read, each read once: an OTP start asks whether its template
     * is approved and then sends it, with one read. Lives as long as the run; not for concurrent use.
     */
    public final class Memo {

        private final Map<List<String>, Named> read = new HashMap<>();

        Named find(String tenantId, String name, String language) {
            return read.computeIfAbsent(Arrays.asList(tenantId, name, language),
                    key -> TemplateResolver.this.find(tenantId, name, language));
        }
    }

    /** A memo for one run's templates. */
    public Memo memo() {
        return new Memo();
    }

    /** The message, resolved if it names a stored template, which {@code memo} reads. */
    private NewMessage resolve(NewMessage queued, Memo memo) {
        OutboundMessage message = queued.message();
        if (message.template() == null || !message.template().hasVariables()) {
            return queued;
        }
        OutboundMessage.Template named = message.template();
        Named found = memo.find(queued.tenantId(), named.name(), named.language());
        if (found.template() == null) {
            return queued.resolved(message, Rendition.failed(found.failure()));
        }
        TemplateRendering.Filled filled = TemplateRendering.fill(found.template(), named.variables(),
                named.quickReplyPayloads());
        if (filled.rendition().failed()) {
            return queued.resolved(message, filled.rendition());
        }
        return queued.resolved(new OutboundMessage(message.to(), message.category(), null, filled.template(),
                message.idempotencyKey(), null, message.deliverBy()), filled.rendition());
    }
}
