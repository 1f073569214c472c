package io.wahub.hub.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.wahub.hub.HubIntegrationTest;
import io.wahub.hub.message.MessageClaims;
import io.wahub.hub.message.MessageRepository;
import io.wahub.hub.message.MessageClaims.ClaimedMessage;
import io.wahub.hub.message.MessageRepository.NewMessage;
import io.wahub.routes.Ref;
import io.wahub.sdk.MessageCategory;
import io.wahub.sdk.OutboundMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The send-time half of withdrawing messages, with the interleaving made explicit on the real beans and
 * PostgreSQL: a delivery node claims a message, the feature withdraws it, then the send policy runs for the claimed
 * batch. The customer wrote in, so the window lets the texts pass the other checks. (The queued half, through the whole path, is InvoiceFlowTest's race.)
 */
class MessageWithdrawalTest extends HubIntegrationTest {

    @Autowired
    MessageRepository messages;
    @Autowired
    MessageClaims claims;
    @Autowired
    MessageWithdrawals withdrawals;
    @Autowired
    SendPolicy policy;

    private Ref store(String tenant, String key) {
        OutboundMessage message = OutboundMessage.text("+4915112345678", MessageCategory.UTILITY, "Reminder", key);
        // an hour's grace: the recovery sweep leaves it to this test
        NewMessage stored = new NewMessage(tenant, "sandbox", message, null, Duration.ofHours(1));
        assertThat(messages.enqueue(List.of(stored))).containsExactly(stored.ref());
        return stored.ref();
    }

    @Test
    void messageClaimedForSending_thenWithdrawn_isSuppressedAsWithdrawnWhenThePolicyRuns() {
        String tenant = uniqueTenantId("withdraw-claimed");
        createTenant(tenant);
        customerWroteIn(tenant, "+4915112345678");
        Ref reminder = store(tenant, "invoices:1:reminder:0");
        Ref other = store(tenant, "invoices:2:reminder:0");
        List<ClaimedMessage> claimed = claims.claim(List.of(reminder, other), Duration.ofSeconds(30)).messages();

        int stoppedAtOnce = withdrawals.withdraw(tenant, "invoices", List.of("invoices:1:reminder:0"));
        Map<Ref, PolicyDecision> decided = policy.decide(claimed);

        assertThat(claimed).hasSize(2);
        assertThat(stoppedAtOnce).isZero();
        assertThat(decided).containsOnlyKeys(reminder);
        assertThat(decided.get(reminder)).isEqualTo(PolicyDecision.suppress("withdrawn", "The feature that queued"
                + " this message withdrew it before it was sent (it no longer applies); it is not sent."));
    }

    @Test
    void withdrawingAWaitingMessage_suppressesItAtOnce_andAnotherTenantsSameKeyIsUntouched() {
        String tenant = uniqueTenantId("withdraw-queued");
        String other = uniqueTenantId("withdraw-other");
        createTenant(tenant);
        createTenant(other);
        customerWroteIn(other, "+4915112345678");
        Ref mine = store(tenant, "invoices:9:reminder:0");
        Ref theirs = store(other, "invoices:9:reminder:0");

        int stopped = withdrawals.withdraw(tenant, "invoices", List.of("invoices:9:reminder:0", "never-sent"));
        int again = withdrawals.withdraw(tenant, "invoices", List.of("invoices:9:reminder:0"));

        assertThat(stopped).isEqualTo(1);
        assertThat(again).isZero();
        assertThat(status(mine)).isEqualTo("suppressed withdrawn");
        assertThat(status(theirs)).isEqualTo("queued null");
        assertThat(policy.decide(claims.claim(List.of(theirs), Duration.ofSeconds(30)).messages())).isEmpty();
    }

    private String status(Ref ref) {
        return jdbc.sql("SELECT status || ' ' || coalesce(reason_code, 'null') FROM message WHERE tenant_id = :t"
                + " AND id = :id").param("t", ref.tenantId()).param("id", ref.id()).query(String.class).single();
    }
}
