package io.wahub.hub.webhooklog;

import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhooks of a tenant that stored nothing (refused, duplicate, ignored) with the reason, newest first; filtered by
 * connector, outcome and reason. The caller of a refused webhook got one answer whatever went wrong; this is where
 * the tenant's admins see which it was.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/webhook-log")
public class WebhookLogController {

    private final WebhookLogRepository repository;
    private final Tenants tenants;

    public WebhookLogController(WebhookLogRepository repository, Tenants tenants) {
        this.repository = repository;
        this.tenants = tenants;
    }

    @GetMapping
    @TenantScoped(Scope.MESSAGES_READ)
    public List<WebhookLogRepository.LoggedWebhook> latest(@PathVariable String tenant,
                                                           @RequestParam(defaultValue = "50") int limit,
                                                           @RequestParam(required = false) String connector,
                                                           @RequestParam(required = false) String outcome,
                                                           @RequestParam(required = false) String reason) {
        tenants.require(tenant);
        String wanted = blankToNull(outcome);
        if (wanted != null && Arrays.stream(WebhookLog.Outcome.values()).noneMatch(o -> o.code().equals(wanted))) {
            throw new ProblemException(400, "invalid-filter", "Invalid filter",
                    "The filter 'outcome' must be one of refused, duplicate, ignored.",
                    Map.of("errors", Map.of("outcome", "must be one of refused, duplicate, ignored")));
        }
        return repository.latest(tenant, new WebhookLogRepository.Filter(blankToNull(connector), wanted,
                blankToNull(reason)), Math.clamp(limit, 1, 200));
    }

    /**
     * The last webhook each connector received and what became of it: the newer of its newest stored event (among
     * the tenant's latest 1,000; outcome {@code accepted}, reason {@code event-<status>}) and its newest row here.
     */
    @GetMapping("/last")
    @TenantScoped(Scope.MESSAGES_READ)
    public Map<String, WebhookLogRepository.LoggedWebhook> last(@PathVariable String tenant) {
        tenants.require(tenant);
        Map<String, WebhookLogRepository.LoggedWebhook> last = new TreeMap<>(repository.lastStored(tenant, 1000));
        repository.lastPerConnector(tenant).forEach((connector, logged) -> last.merge(connector, logged,
                (stored, notStored) -> notStored.lastAt().isAfter(stored.lastAt()) ? notStored : stored));
        return last;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
