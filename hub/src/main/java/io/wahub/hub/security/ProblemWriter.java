package io.wahub.hub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wahub.routes.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Writes a {@link ProblemException} as problem+json from filters, which run before Spring MVC's advice. */
@Component
public class ProblemWriter {

    private final ObjectMapper mapper;

    public ProblemWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void write(HttpServletResponse response, ProblemException problem) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.typeUri());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.putAll(problem.extensions());
        response.setStatus(problem.status());
        retryAfter(problem).ifPresent(seconds -> response.setHeader("Retry-After", seconds));
        if (problem.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType("application/problem+json");
        mapper.writeValue(response.getOutputStream(), body);
    }

    /** The {@code Retry-After} value of a problem that carries {@code retryAfterSeconds}. */
    public static java.util.Optional<String> retryAfter(ProblemException problem) {
        Object seconds = problem.extensions().get("retryAfterSeconds");
        return java.util.Optional.ofNullable(seconds).map(String::valueOf);
    }
}
