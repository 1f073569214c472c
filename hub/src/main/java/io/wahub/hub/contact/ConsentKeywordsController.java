package io.wahub.hub.contact;

import io.wahub.hub.contact.ConsentKeywords.Keywords;
import io.wahub.hub.security.Scope;
import io.wahub.hub.security.TenantScoped;
import io.wahub.hub.tenant.Tenants;
import io.wahub.hub.web.ProblemException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The words that opt a tenant's contacts out of marketing or back in when they send them, and the confirmations
 * they get: the tenant's own, or the defaults ({@code custom: false}). PUT replaces them, DELETE restores the
 * defaults.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}/consent-keywords")
public class ConsentKeywordsController {

    /** The keywords and confirmation texts; {@code custom} says whether the tenant saved its own. */
    public record KeywordsView(List<String> stopWords, List<String> startWords, String stopReply, String startReply,
                               boolean custom) {
    }

    static final int MAX_WORDS = 100;

    private final ConsentKeywords keywords;
    private final Tenants tenants;
    private final Clock clock;

    public ConsentKeywordsController(ConsentKeywords keywords, Tenants tenants, Clock clock) {
        this.keywords = keywords;
        this.tenants = tenants;
        this.clock = clock;
    }

    @GetMapping
    @TenantScoped(Scope.CONTACTS_READ)
    public KeywordsView get(@PathVariable String tenant) {
        tenants.require(tenant);
        return keywords.saved(tenant).map(k -> view(k, true)).orElseGet(() -> view(ConsentKeywords.DEFAULTS, false));
    }

    @PutMapping
    @TenantScoped(Scope.CONTACTS_WRITE)
    public KeywordsView put(@PathVariable String tenant, @RequestBody Keywords request) {
        tenants.require(tenant);
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> stop = words(request.stopWords(), "stopWords", errors);
        List<String> start = words(request.startWords(), "startWords", errors);
        Set<String> both = stop.stream().map(ConsentKeywords::normalise)
                .filter(word -> start.stream().map(ConsentKeywords::normalise).anyMatch(word::equals))
                .collect(Collectors.toSet());
        if (!both.isEmpty() && !errors.containsKey("startWords")) {
            errors.put("startWords", "also stop words: " + String.join(", ", both));
        }
        reply(request.stopReply(), "stopReply", errors);
        reply(request.startReply(), "startReply", errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "invalid-request", "Invalid request",
                    "Invalid request: " + String.join(", ", errors.keySet()), Map.of("errors", errors));
        }
        Keywords saved = new Keywords(stop, start, request.stopReply().strip(), request.startReply().strip());
        keywords.save(tenant, saved, clock.instant());
        return view(saved, true);
    }

    @DeleteMapping
    @TenantScoped(Scope.CONTACTS_WRITE)
    public ResponseEntity<Void> reset(@PathVariable String tenant) {
        tenants.require(tenant);
        keywords.reset(tenant);
        return ResponseEntity.noContent().build();
    }

    private static List<String> words(List<String> given, String field, Map<String, String> errors) {
        List<String> words = given == null ? List.of()
                : given.stream().map(ContactFields::blankToNull).filter(w -> w != null).distinct().toList();
        if (words.isEmpty()) {
            errors.put(field, "at least one word");
        } else if (words.size() > MAX_WORDS || words.stream().anyMatch(w -> w.length() > 40)) {
            errors.put(field, "at most " + MAX_WORDS + " words of at most 40 characters each");
        }
        return words;
    }

    private static void reply(String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            errors.put(field, "is required");
        } else if (text.length() > 1000) {
            errors.put(field, "at most 1000 characters");
        }
    }

    private static KeywordsView view(Keywords keywords, boolean custom) {
        return new KeywordsView(keywords.stopWords(), keywords.startWords(), keywords.stopReply(),
                keywords.startReply(), custom);
    }
}
