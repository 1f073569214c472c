package io.wahub.hub.outbound;

import io.wahub.sdk.http.OutboundFailure;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/**
 * Turns what an attempt threw into an {@link OutboundFailure} with a stable code and a message of the hub's own
 * making: the request's description and the kind of failure, never an exception's message (which may quote an
 * address, a header or what the remote host sent).
 */
final class AttemptFailures {

    private AttemptFailures() {
    }

    static OutboundFailure classify(Throwable thrown, String what, Duration timeout) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            OutboundFailure failure = classifyOne(cause, what, timeout);
            if (failure != null) {
                return failure;
            }
        }
        return new OutboundFailure(OutboundFailure.IO_ERROR, what + ": failed (" + thrown.getClass().getSimpleName()
                + ")", true, thrown);
    }

    static OutboundFailure timeout(String what, Duration timeout, Throwable cause) {
        return new OutboundFailure(OutboundFailure.TIMEOUT, what + ": no answer within " + timeout.toMillis() + " ms",
                true, cause);
    }

    private static OutboundFailure classifyOne(Throwable cause, String what, Duration timeout) {
        if (cause instanceof OutboundGuard.BlockedHostException blocked) {
            return blocked.asFailure(what);
        }
        if (cause instanceof CamelHttpTransport.ResponseTooLargeException tooLarge) {
            return new OutboundFailure(OutboundFailure.RESPONSE_TOO_LARGE, what + ": the answer is larger than "
                    + tooLarge.limit + " bytes", false, cause);
        }
        if (cause instanceof ConnectionRequestTimeoutException) {
            return new OutboundFailure(OutboundFailure.TIMEOUT, what + ": no free connection within "
                    + timeout.toMillis() + " ms", true, cause);
        }
        if (cause instanceof ConnectTimeoutException) {
            return new OutboundFailure(OutboundFailure.TIMEOUT, what + ": could not connect in time", true, cause);
        }
        if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
            return timeout(what, timeout, cause);
        }
        if (cause instanceof UnknownHostException) {
            return new OutboundFailure(OutboundFailure.CONNECT_FAILED, what + ": the host name could not be resolved",
                    true, cause);
        }
        if (cause instanceof HttpHostConnectException || cause instanceof ConnectException
                || cause instanceof NoRouteToHostException) {
            return new OutboundFailure(OutboundFailure.CONNECT_FAILED, what + ": could not connect", true, cause);
        }
        if (cause instanceof SSLException) {
            return new OutboundFailure(OutboundFailure.TLS_FAILED, what + ": the TLS handshake failed", true, cause);
        }
        if (cause instanceof java.io.IOException) {
            return new OutboundFailure(OutboundFailure.IO_ERROR, what + ": connection broken ("
                    + cause.getClass().getSimpleName() + ")", true, cause);
        }
        return null;
    }
}
