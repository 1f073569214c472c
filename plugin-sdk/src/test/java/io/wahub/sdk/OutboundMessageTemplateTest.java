package io.wahub.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundMessageTemplateTest {

    @Test
    void namedTemplate_mayLeaveTheLanguageToTheStoredTemplate_butAPositionalOneMayNot() {
        OutboundMessage.Template named = OutboundMessage.Template.named("order_update", null,
                Map.of("first_name", "Jon"));

        assertThat(named.hasVariables()).isTrue();
        assertThat(named.variables()).containsExactly(Map.entry("first_name", "Jon"));
        assertThat(new OutboundMessage.Template("order_update", "en_US", List.of("Jon")).hasVariables()).isFalse();
        assertThatThrownBy(() -> new OutboundMessage.Template("order_update", null, List.of("Jon")))
                .isInstanceOf(NullPointerException.class).hasMessage("language");
    }

    @Test
    void componentParameterNames_nameEveryParameterOrNone() {
        assertThatThrownBy(() -> new OutboundMessage.Component("body", null, null, List.of("Jon", "#1001"),
                List.of("first_name")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameterNames must name every parameter or none");
    }
}
