package io.wahub.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A browser on the panel, for tests: keeps cookies, echoes the XSRF-TOKEN cookie as X-XSRF-TOKEN like the panel
 * does, and can send extra headers on every request (what a reverse proxy adds: X-Forwarded-For, -Proto). Two
 * browsers built on one {@link CookieManager} are one browser talking to two hub nodes.
 */
final class Browser {

    final CookieManager cookies;
    final Map<String, String> headers = new LinkedHashMap<>();
    private final HttpClient http;
    private final int port;

    Browser(int port) {
        this(port, new CookieManager());
    }

    Browser(int port, CookieManager cookies) {
        this.port = port;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    HubIntegrationTest.Response call(String method, String path, String json) {
        return call(method, path, json, xsrf());
    }

    /** A call echoing {@code xsrfToken} (null: none) instead of the current cookie's value. */
    HubIntegrationTest.Response call(String method, String path, String json, String xsrfToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        if (xsrfToken != null) {
            request.header("X-XSRF-TOKEN", xsrfToken);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new HubIntegrationTest.Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HubIntegrationTest.Response signIn(String email, String password) {
        return call("POST", "/api/v1/session", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    /** Signs in and fetches the session once (so the XSRF cookie is set); asserts success. */
    Browser signedIn(String email, String password) {
        HubIntegrationTest.Response signedIn = signIn(email, password);
        if (signedIn.status() != 200) {
            throw new AssertionError("sign-in of " + email + " failed: " + signedIn.body());
        }
        return this;
    }

    String xsrf() {
        return cookie("XSRF-TOKEN").orElse(null);
    }

    Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst();
    }

    /** The response's {@code Set-Cookie} header for {@code name}, as sent. */
    static Optional<String> setCookie(HubIntegrationTest.Response response, String name) {
        List<String> all = response.headers().getOrDefault("set-cookie", List.of());
        return all.stream().filter(c -> c.startsWith(name + "=")).reduce((first, last) -> last);
    }
}
