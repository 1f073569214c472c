package io.wahub.hub.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.wahub.hub.message.Rendition;
import io.wahub.sdk.OutboundMessage;
import io.wahub.sdk.OutboundMessage.Component;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TemplateRenderingTest {

    static final Instant AT = Instant.parse("2026-05-24T08:00:00Z");

    static MessageTemplate stored(TemplateContent content) {
        return new MessageTemplate(UUID.randomUUID(), content, content.variables(), "APPROVED", null, null, null,
                true, AT, AT);
    }

    @Test
    void authenticationTemplate_carriesTheCodeInBodyAndButton_andShowsMetasFixedText() {
        var login = stored(new TemplateContent("login_code", "en_US", "AUTHENTICATION", null, null, null,
                List.of(new TemplateContent.Button("COPY_CODE", null, null, null, null, null)), null,
                new TemplateContent.Authentication(true, 5)));

        TemplateRendering.Filled filled = TemplateRendering.fill(login, Map.of("code", "482913"));

        assertThat(filled.template()).isEqualTo(new OutboundMessage.Template("login_code", "en_US", List.of(),
                List.of(new Component("body", null, null, List.of("482913")),
                        new Component("button", "url", 0, List.of("482913")))));
        assertThat(filled.rendition()).isEqualTo(Rendition.of("*482913* is your verification code. For your"
                + " security, do not share this code.\n\nThis code expires in 5 minutes.",
                List.of(new Rendition.Button("COPY_CODE", "Copy code", null, "482913"))));
    }

    @Test
    void offerCodeButton_isACopyCodeComponent_andRepeatedVariablesAreSentOnce() {
        var sale = stored(new TemplateContent("spring_sale", "es", "MARKETING", null,
                "{{first_name}}, {{discount}} off! Yes, {{discount}}.", null,
                List.of(new TemplateContent.Button("COPY_CODE", null, null, "offer", null, null)),
                Map.of("first_name", "Ana", "discount", "20%", "offer", "SPRING20"), null));

        TemplateRendering.Filled filled = TemplateRendering.fill(sale,
                Map.of("first_name", "Ana", "discount", "20%", "offer", "SPRING20", "unused", "x"));

        assertThat(filled.template().components()).containsExactly(
                new Component("body", null, null, List.of("Ana", "20%"), List.of("first_name", "discount")),
                new Component("button", "copy_code", 0, List.of("SPRING20")));
        assertThat(filled.rendition().text()).isEqualTo("Ana, 20% off! Yes, 20%.");
        assertThat(filled.rendition().buttons()).containsExactly(
                new Rendition.Button("COPY_CODE", "Copy offer code", null, "SPRING20"));
    }

    @Test
    void quickReplyPayloads_goOnTheQuickReplyButtonsInOrder_skippingOtherButtons_extraPayloadsIgnored() {
        var ask = stored(new TemplateContent("cod_ask", "en_US", "UTILITY", null, "Confirm {{order_number}}?", null,
                List.of(new TemplateContent.Button("URL", "Track", "https://shop.example/t", null, null, null),
                        new TemplateContent.Button("QUICK_REPLY", "Confirm", null, null, null, null),
                        new TemplateContent.Button("QUICK_REPLY", "Cancel", null, null, null, null)),
                Map.of("order_number", "#1001"), null));

        TemplateRendering.Filled filled = TemplateRendering.fill(ask, Map.of("order_number", "#1001"),
                List.of("yes-1001", "no-1001", "extra"));

        assertThat(filled.template().components()).containsExactly(
                new Component("body", null, null, List.of("#1001"), List.of("order_number")),
                new Component("button", "quick_reply", 1, List.of("yes-1001")),
                new Component("button", "quick_reply", 2, List.of("no-1001")));
        assertThat(filled.rendition().buttons()).containsExactly(
                new Rendition.Button("URL", "Track", "https://shop.example/t", null),
                new Rendition.Button("QUICK_REPLY", "Confirm", null, null),
                new Rendition.Button("QUICK_REPLY", "Cancel", null, null));
    }

    @Test
    void missingVariables_fillNothing_andAreNamedInOrder() {
        var sale = stored(new TemplateContent("spring_sale", "es", "MARKETING", "{{first_name}}",
                "{{discount}} off", null, List.of(), Map.of(), null));

        TemplateRendering.Filled filled = TemplateRendering.fill(sale, Map.of());

        assertThat(filled.template()).isNull();
        assertThat(filled.rendition()).isEqualTo(Rendition.failed("template 'spring_sale' (es) needs variables"
                + " 'first_name', 'discount', which the message does not give"));
    }
}
