package io.wahub.hub.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.wahub.hub.HubIntegrationTest;
import io.wahub.hub.apikey.ApiKeyRepository;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

/** First start without a configured password: a random one-time password, printed once; never a default. */
@ExtendWith(OutputCaptureExtension.class)
class OperatorBootstrapTest extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserRepository users;
    @Autowired
    ApiKeyRepository keys;
    @Autowired
    PasswordEncoder encoder;

    @Test
    @Transactional // rolled back: the test operator comes back
    void noOperatorAndNoPassword_createsOperatorWithPrintedOneTimePassword(CapturedOutput output) {
        jdbc.sql("DELETE FROM app_user WHERE operator").update();

        new OperatorBootstrap(new OperatorProperties("first@wahub.test", null, null), users, keys, encoder)
                .run(null);

        Matcher printed = Pattern.compile("One-time password: (\\S+)").matcher(output.getOut());
        assertThat(printed.find()).as(output.getOut()).isTrue();
        String password = printed.group(1);
        assertThat(password).hasSize(24);
        User operator = users.findByEmail("first@wahub.test").orElseThrow();
        assertThat(operator.operator()).isTrue();
        assertThat(encoder.matches(password, operator.passwordHash())).isTrue();
    }

    @Test
    @Transactional
    void operatorExists_nothingCreatedOrPrinted(CapturedOutput output) {
        new OperatorBootstrap(new OperatorProperties("second@wahub.test", null, null), users, keys, encoder)
                .run(null);

        assertThat(users.findByEmail("second@wahub.test")).isEmpty();
        assertThat(output.getOut()).doesNotContain("One-time password");
    }

    @Test
    void lockoutDoublesFromThirtySecondsUpToFifteenMinutes() {
        assertThat(LoginService.lockFor(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(LoginService.lockFor(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(LoginService.lockFor(9)).isEqualTo(Duration.ofMinutes(8));
        assertThat(LoginService.lockFor(10)).isEqualTo(Duration.ofMinutes(15));
        assertThat(LoginService.lockFor(60)).isEqualTo(Duration.ofMinutes(15));
    }
}
