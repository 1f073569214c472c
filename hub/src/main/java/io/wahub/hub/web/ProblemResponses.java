package io.wahub.hub.web;

import io.wahub.routes.ProblemJson;
import io.wahub.sdk.api.ApiProblem;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.lang.NonNull;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as RFC 7807 problem+json with a stable {@code type}, written by the one writer
 * ({@link ProblemJson}). Validation errors carry {@code errors} keyed by field, so the panel can show them next to
 * the inputs.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
    private static final MediaType PROBLEM_JSON = MediaType.parseMediaType(ProblemJson.CONTENT_TYPE);
    private static final int DATABASE_RETRY_SECONDS = 5;

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<byte[]> problem(ApiProblem e) {
        var response = ResponseEntity.status(e.status()).contentType(PROBLEM_JSON);
        ProblemJson.retryAfter(e).ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        return response.body(ProblemJson.body(e));
    }

    /**
     * The database did not answer: no free connection in time (a burst holding the pool), or the server is away. 503
     * with {@code Retry-After}, as problem+json like every other error.
     */
    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessResourceException.class, QueryTimeoutException.class})
    ResponseEntity<byte[]> databaseUnavailable(DataAccessException e) {
        LOG.warn("Answered 503: the database did not answer ({})", e.getMostSpecificCause().toString());
        return problem(new ApiProblem(503, "database-unavailable", "Database unavailable", "The hub's database did"
                + " not answer in time; retry after " + DATABASE_RETRY_SECONDS + " s.", Map.of(),
                Map.of(ApiProblem.RETRY_AFTER_SECONDS, DATABASE_RETRY_SECONDS)));
    }

    /**
     * Anything else a handler did not expect: 500 problem+json (never Spring's own error body) with a reference
     * that the log's entry, stack trace included, carries too. Security's own exceptions go on to its filters (401,
     * 403).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e) throws Exception {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            throw e;
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("Answered 500, reference {}", reference, e);
        return problem(new ApiProblem(500, "internal-error", "Internal error", "The hub failed to handle this"
                + " request; its log has the cause under reference " + reference + ".", Map.of(),
                Map.of("reference", reference)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException ex,
            @NonNull HttpHeaders headers, @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        Map<String, String> errors = new TreeMap<>();
        ex.getBindingResult().getFieldErrors().forEach(error ->
                errors.putIfAbsent(error.getField(), error.getDefaultMessage()));
        ApiProblem invalid = ApiProblem.invalid(errors);
        return ResponseEntity.status(invalid.status()).contentType(PROBLEM_JSON).body(ProblemJson.body(invalid));
    }
}
