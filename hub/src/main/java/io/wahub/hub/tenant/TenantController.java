package io.wahub.hub.tenant;

import io.wahub.hub.plugin.ExtensionRegistry;
import io.wahub.routes.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Create, list and change tenants. */
@RestController
@RequestMapping("/api/v1/tenants")
public class TenantController {

    record NewTenant(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,38}[a-z0-9]",
                             message = "3-40 lowercase letters, digits or dashes") String id,
                     @NotBlank @Size(max = 200) String name) {
    }

    record TenantChange(@Size(max = 200) String name, String channel) {
    }

    private final TenantRepository repository;
    private final Tenants tenants;
    private final ExtensionRegistry extensions;

    public TenantController(TenantRepository repository, Tenants tenants, ExtensionRegistry extensions) {
        this.repository = repository;
        this.tenants = tenants;
        this.extensions = extensions;
    }

    @GetMapping
    public List<Tenant> list() {
        return repository.findAll();
    }

    @PostMapping
    public ResponseEntity<Tenant> create(@Valid @RequestBody NewTenant request) {
        if (!repository.create(request.id(), request.name())) {
            throw new ProblemException(409, "tenant-exists", "Tenant exists",
                    "A tenant with id '" + request.id() + "' already exists.");
        }
        tenants.changed(request.id());
        Tenant created = tenants.require(request.id());
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + created.id())).body(created);
    }

    @GetMapping("/{tenant}")
    public Tenant get(@PathVariable String tenant) {
        return repository.find(tenant).orElseThrow(() -> Tenants.notFound(tenant));
    }

    @PatchMapping("/{tenant}")
    public Tenant change(@PathVariable String tenant, @Valid @RequestBody TenantChange change) {
        Tenant current = repository.find(tenant).orElseThrow(() -> Tenants.notFound(tenant));
        if (change.channel() != null && extensions.channel(change.channel()).isEmpty()) {
            throw new ProblemException(422, "unknown-channel", "Unknown channel",
                    "No channel connector with id '" + change.channel() + "' is installed.",
                    java.util.Map.of("errors", java.util.Map.of("channel", "unknown channel")));
        }
        Tenant changed = new Tenant(current.id(), change.name() != null ? change.name() : current.name(),
                change.channel() != null ? change.channel() : current.channel(), current.status(),
                current.createdAt());
        repository.update(changed);
        tenants.changed(tenant);
        return changed;
    }
}
