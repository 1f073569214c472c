package io.wahub.sdk.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Finds the credentials an {@link OutboundRequest} carries and masks them in text; shared by SDK and hub. */
final class Redaction {

    /** Name parts of headers and query parameters whose values are credentials. */
    private static final List<String> SECRET_NAME_PARTS = List.of("auth", "key", "token", "secret", "sig", "pass",
            "cookie", "session", "credential");
    /** Values this short are not masked: masking "1" would mangle every number in a message. */
    private static final int MIN_SECRET_LENGTH = 4;

    private Redaction() {
    }

    static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SECRET_NAME_PARTS.stream().anyMatch(lower::contains);
    }

    /** The credential values of a request, longest first (so a token is masked before its prefixes). */
    static List<String> secretsOf(OutboundRequest request) {
        List<String> secrets = new ArrayList<>();
        request.headers().forEach((name, value) -> {
            if (OutboundRequest.isSecretHeader(name)) {
                addHeaderValue(secrets, value);
            }
        });
        String query = request.uri().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && isSecretName(pair.substring(0, equals))) {
                    String raw = pair.substring(equals + 1);
                    secrets.add(raw);
                    secrets.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
                }
            }
        }
        secrets.removeIf(secret -> secret.length() < MIN_SECRET_LENGTH);
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        return secrets;
    }

    /** The value, its credential after a scheme ({@code Bearer x}), and a Basic credential decoded. */
    private static void addHeaderValue(List<String> secrets, String value) {
        secrets.add(value);
        int space = value.indexOf(' ');
        if (space > 0) {
            String credential = value.substring(space + 1).strip();
            secrets.add(credential);
            if (value.regionMatches(true, 0, "Basic", 0, 5)) {
                try {
                    String decoded = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
                    secrets.add(decoded);
                    int colon = decoded.indexOf(':');
                    if (colon >= 0) {
                        secrets.add(decoded.substring(colon + 1));
                    }
                } catch (IllegalArgumentException notBase64) {
                    // nothing more to mask
                }
            }
        }
    }

    static String mask(String text, List<String> secrets, String mask) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, mask);
        }
        return masked;
    }

    /** {@code scheme://host[:port]/path[?query]}, key-like query values masked, user info and fragment left out. */
    static String url(URI uri) {
        StringBuilder text = new StringBuilder();
        text.append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            text.append(':').append(uri.getPort());
        }
        text.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        String query = uri.getRawQuery();
        if (query != null) {
            List<String> pairs = new ArrayList<>();
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                pairs.add(equals > 0 && isSecretName(pair.substring(0, equals))
                        ? pair.substring(0, equals + 1) + "***" : pair);
            }
            text.append('?').append(String.join("&", pairs));
        }
        return text.toString();
    }
}
