package io.wahub.hub.contact;

import io.wahub.hub.contact.ConsentRepository.Recorded;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenants;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A contact's consent history: every decision recorded for it, any category, newest first, with where it came from
 * ({@code api}, {@code import}, {@code keyword}, …). Another tenant's contact ids answer 404 like unknown ones.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/contacts/{id}/consent/history")
public class ConsentHistoryController {

    private final ContactRepository contacts;
    private final ConsentRepository consents;
    private final Tenants tenants;

    public ConsentHistoryController(ContactRepository contacts, ConsentRepository consents, Tenants tenants) {
        this.contacts = contacts;
        this.consents = consents;
        this.tenants = tenants;
    }

    @GetMapping
    @TenantScoped(Scope.CONTACTS_READ)
    public List<Recorded> history(@PathVariable String tenant, @PathVariable UUID id,
                                  @RequestParam(defaultValue = "100") int limit) {
        tenants.require(tenant);
        contacts.find(tenant, id).orElseThrow(() -> ContactController.notFound(tenant, id));
        return consents.history(tenant, id, Math.clamp(limit, 1, 500));
    }
}
