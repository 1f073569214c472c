package io.wahub.hub.llm;

import io.wahub.hub.metering.UsageMeter;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.plugin.HubContexts;
import io.wahub.hub.settings.ExtensionSettingsService;
import io.wahub.sdk.ChatFailure;
import io.wahub.sdk.ChatModel;
import io.wahub.sdk.ChatRequest;
import io.wahub.sdk.ChatResult;
import org.springframework.stereotype.Service;

/**
 * Routes a feature's chat request to the chat model its tenant configured (the first installed {@link ChatModel}
 * with saved settings) and records the tokens used as {@value #PROMPT_TOKENS} and {@value #COMPLETION_TOKENS}.
 */
@Service
public class TenantChat {

    public static final String PROMPT_TOKENS = "llm.tokens.prompt";
    public static final String COMPLETION_TOKENS = "llm.tokens.completion";

    private final ExtensionRegistry extensions;
    private final ExtensionSettingsService settings;
    private final HubContexts contexts;
    private final UsageMeter meter;

    public TenantChat(ExtensionRegistry extensions, ExtensionSettingsService settings, HubContexts contexts,
                      UsageMeter meter) {
        this.extensions = extensions;
        this.settings = settings;
        this.contexts = contexts;
        this.meter = meter;
    }

    public ChatResult chat(String tenantId, ChatRequest request) throws ChatFailure {
        ChatModel model = extensions.chatModels().stream()
                .filter(candidate -> settings.configured(tenantId, candidate.id()))
                .findFirst()
                .orElseThrow(() -> new ChatFailure("no-chat-model", "tenant " + tenantId
                        + " has configured no chat model (installed: " + extensions.chatModels().stream()
                        .map(ChatModel::id).toList() + ")", false, null));
        ChatResult result = model.complete(request, contexts.forExtension(tenantId, model));
        meter.record(tenantId, PROMPT_TOKENS, result.promptTokens());
        meter.record(tenantId, COMPLETION_TOKENS, result.completionTokens());
        return result;
    }
}
