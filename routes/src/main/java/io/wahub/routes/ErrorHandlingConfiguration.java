package io.wahub.routes;

import io.wahub.sdk.api.ApiProblem;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Error handling, declared once for all routes. HTTP-facing routes answer RFC 7807 problem+json; background
 * routes redeliver a few times and then leave the row to the recovery sweep (the database is the source of truth,
 * so nothing is lost when an exchange fails).
 */
@Component
public class ErrorHandlingConfiguration extends RouteConfigurationBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlingConfiguration.class);

    @Override
    public void configuration() {
        routeConfiguration(Endpoints.HTTP_PROBLEMS)
                .onException(ApiProblem.class).handled(true)
                    .process(e -> writeProblem(e, e.getProperty(Exchange.EXCEPTION_CAUGHT, ApiProblem.class)))
                .end()
                .onException(Exception.class).handled(true)
                    .process(ErrorHandlingConfiguration::writeUnexpected)
                .end();

        routeConfiguration(Endpoints.BACKGROUND_RETRIES)
                .onException(Exception.class).handled(true)
                    .maximumRedeliveries(3).redeliveryDelay(100).useExponentialBackOff().backOffMultiplier(3)
                    .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.DEBUG)
                    .log(org.apache.camel.LoggingLevel.WARN, LOG.getName(),
                            "${routeId} gave up on ${body}; recovery sweep will retry: ${exception.message}")
                .end();
    }

    private static void writeUnexpected(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.error("Unexpected failure in {}", exchange.getFromRouteId(), cause);
        writeProblem(exchange, new ApiProblem(500, "internal-error", "Internal error",
                "The request could not be processed; it was not stored. Retry later."));
    }

    static void writeProblem(Exchange exchange, ApiProblem problem) {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        message.setHeader(Exchange.CONTENT_TYPE, ProblemJson.CONTENT_TYPE);
        ProblemJson.retryAfter(problem).ifPresent(seconds -> message.setHeader("Retry-After", seconds));
        message.setBody(ProblemJson.body(problem));
    }
}
