package io.wahub.hub.web;

import io.wahub.routes.ProblemJson;
import io.wahub.sdk.api.ApiProblem;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.NonNull;
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

    private static final MediaType PROBLEM_JSON = MediaType.parseMediaType(ProblemJson.CONTENT_TYPE);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<byte[]> problem(ApiProblem e) {
        var response = ResponseEntity.status(e.status()).contentType(PROBLEM_JSON);
        ProblemJson.retryAfter(e).ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        return response.body(ProblemJson.body(e));
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
