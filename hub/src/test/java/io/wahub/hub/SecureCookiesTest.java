package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code WAHUB_SECURE_COOKIES=true}: the session and XSRF cookies are Secure even on a plain http request. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SecureCookiesTest extends HubIntegrationTest {

    @DynamicPropertySource
    static void secureCookiesForced(DynamicPropertyRegistry registry) {
        registry.add("WAHUB_SECURE_COOKIES", () -> "true");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
    }

    @Test
    void secureCookiesSetting_makesBothCookiesSecure_overPlainHttp() {
        Response signedIn = new Browser(port).signIn(OPERATOR_EMAIL, OPERATOR_PASSWORD);

        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
        assertThat(Browser.setCookie(signedIn, "JSESSIONID").orElseThrow()).contains("; Secure").contains("HttpOnly");
        assertThat(Browser.setCookie(signedIn, "XSRF-TOKEN").orElseThrow()).contains("; Secure");
    }
}
