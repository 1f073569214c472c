package io.wahub.hub.tenant;

import io.wahub.hub.audit.AuditLog;
import io.wahub.hub.plan.Plan;
import io.wahub.hub.plan.PlanRepository;
import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.hub.security.Actors;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.security.WahubPrincipal;
import io.wahub.hub.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenants. The platform operator creates them and changes their status and plan; a tenant's owners and admins
 * change its name and channel. Everyone sees only the tenants they belong to.
 */
@RestController
@RequestMapping("/api/v1/tenants")
public class TenantController {

    record NewTenant(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,38}[a-z0-9]",
                             message = "3-40 lowercase letters, digits or dashes") String id,
                     @NotBlank @Size(max = 200) String name, String plan) {
    }

    /** A change; {@code status} ({@code active}/{@code suspended}) and {@code plan} are operator-only. */
    record TenantChange(@Size(max = 200) String name, String channel,
                        @Pattern(regexp = "active|suspended", message = "active or suspended") String status,
                        String plan) {
    }

    /** A tenant with its plan and the plan's limits. */
    public record TenantView(String id, String name, String channel, String status, Plan plan, Instant createdAt) {
    }

    private final TenantRepository repository;
    private final Tenants tenants;
    private final PlanRepository plans;
    private final ExtensionRegistry extensions;
    private final AuditLog audit;

    public TenantController(TenantRepository repository, Tenants tenants, PlanRepository plans,
                            ExtensionRegistry extensions, AuditLog audit) {
        this.repository = repository;
        this.tenants = tenants;
        this.plans = plans;
        this.extensions = extensions;
        this.audit = audit;
    }

    /**
     * The tenants the caller sees, one page by id: all of them for the operator, the caller's own for a person, the
     * key's for a tenant key. {@code q} narrows to ids and names containing it; the header {@code X-Total-Count}
     * tells how many match in all.
     */
    @GetMapping
    public ResponseEntity<List<TenantView>> list(@RequestParam(required = false) String q,
                                                 @RequestParam(defaultValue = "100") int limit,
                                                 @RequestParam(defaultValue = "0") int offset) {
        WahubPrincipal caller = Actors.require();
        Paging.check(limit, offset);
        if (caller.isKey() && !caller.operator()) {
            List<TenantView> own = repository.find(caller.keyTenant()).map(this::view).stream().toList();
            return ResponseEntity.ok().header(Paging.TOTAL, String.valueOf(own.size())).body(own);
        }
        TenantRepository.Page page = repository.search(q, null, caller.operator() ? null : caller.userId(), limit,
                offset);
        return ResponseEntity.ok().header(Paging.TOTAL, String.valueOf(page.total()))
                .body(page.items().stream().map(this::view).toList());
    }

    @PostMapping
    @Transactional
    public ResponseEntity<TenantView> create(@Valid @RequestBody NewTenant request) {
        Actors.requireOperator();
        String plan = plans.require(request.plan() == null ? "free" : request.plan()).id();
        if (repository.find(request.id()).isPresent()) {
            throw exists(request.id());
        }
        if (repository.nameTaken(request.name(), null)) {
            throw Tenants.nameTaken(request.name());
        }
        if (!repository.create(request.id(), request.name().strip(), plan)) {
            throw exists(request.id());
        }
        tenants.changed(request.id());
        Tenant created = tenants.require(request.id());
        audit.record(created.id(), "tenant.created", created.id(), Map.of("name", created.name(), "plan", plan));
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + created.id())).body(view(created));
    }

    @GetMapping("/{tenant}")
    @TenantScoped(Scope.TENANT_READ)
    public TenantView get(@PathVariable String tenant) {
        return view(repository.find(tenant).orElseThrow(() -> Tenants.notFound(tenant)));
    }

    @PatchMapping("/{tenant}")
    @TenantScoped(Scope.TENANT_WRITE)
    @Transactional
    public TenantView change(@PathVariable String tenant, @Valid @RequestBody TenantChange change) {
        Tenant current = repository.find(tenant).orElseThrow(() -> Tenants.notFound(tenant));
        if (change.status() != null || change.plan() != null) {
            Actors.requireOperator();
        }
        if (change.channel() != null && extensions.channel(change.channel()).isEmpty()) {
            throw new ProblemException(422, "unknown-channel", "Unknown channel",
                    "No channel connector with id '" + change.channel() + "' is installed.",
                    Map.of("errors", Map.of("channel", "unknown channel")));
        }
        if (change.name() != null && change.name().isBlank()) {
            throw new ProblemException(422, "invalid-request", "Invalid request", "Invalid request: name",
                    Map.of("errors", Map.of("name", "must not be blank")));
        }
        if (change.name() != null && repository.nameTaken(change.name(), tenant)) {
            throw Tenants.nameTaken(change.name());
        }
        String plan = change.plan() != null ? plans.require(change.plan()).id() : current.plan();
        Tenant changed = new Tenant(current.id(), change.name() != null ? change.name().strip() : current.name(),
                change.channel() != null ? change.channel() : current.channel(),
                change.status() != null ? change.status() : current.status(), plan, current.createdAt());
        repository.update(changed);
        tenants.changed(tenant);
        Map<String, Object> detail = new LinkedHashMap<>();
        diff(detail, "name", current.name(), changed.name());
        diff(detail, "channel", current.channel(), changed.channel());
        diff(detail, "status", current.status(), changed.status());
        diff(detail, "plan", current.plan(), changed.plan());
        if (!detail.isEmpty()) {
            audit.record(tenant, "tenant.changed", tenant, detail);
        }
        return view(changed);
    }

    private static ProblemException exists(String id) {
        return new ProblemException(409, "tenant-exists", "Tenant exists",
                "A tenant with id '" + id + "' already exists.");
    }

    private static void diff(Map<String, Object> detail, String field, String before, String after) {
        if (!before.equals(after)) {
            detail.put(field, Map.of("from", before, "to", after));
        }
    }

    private TenantView view(Tenant tenant) {
        return new TenantView(tenant.id(), tenant.name(), tenant.channel(), tenant.status(),
                plans.find(tenant.plan()).orElse(null), tenant.createdAt());
    }
}
