package io.wahub.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.Templates;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeContextTemplatesTest {

    static final Templates.Info ORDER_EN = new Templates.Info("order_update", "en_US", MessageCategory.UTILITY,
            "APPROVED", true, List.of("first_name", "order_number"));
    static final Templates.Info ORDER_ES = new Templates.Info("order_update", "es", MessageCategory.UTILITY,
            "PAUSED", false, List.of("first_name", "order_number"));

    @Test
    void findsATemplateByNameAndLanguage_andByNameAloneOnlyWhenItHasOneLanguage() {
        FakeContext context = FakeContext.of(null, Instant.parse("2026-05-24T08:00:00Z")).withTemplate(ORDER_EN);

        assertThat(context.templates().find("order_update", "en_US")).contains(ORDER_EN);
        assertThat(context.templates().find("order_update", null)).contains(ORDER_EN);
        context.withTemplate(ORDER_ES);
        assertThat(context.templates().find("order_update", null)).isEmpty();
        assertThat(context.templates().approved("order_update", "es")).isFalse();
        assertThat(context.templates().approved("order_update", "en_US")).isTrue();
        assertThat(context.templates().approved("no_such_template", "en_US")).isFalse();
    }
}
