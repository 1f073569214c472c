package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** How the hub serves the panel's files: hashed assets gzip-compressed and cached for good, index.html revalidated. */
class PanelAssetsTest extends HubIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void indexHtml_isRevalidatedOnEveryLoad() throws Exception {
        HttpResponse<String> index = fetch("/", HttpResponse.BodyHandlers.ofString());

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<div id=\"app\"");
        assertThat(index.headers().allValues("Cache-Control")).containsExactly("no-cache");
    }

    @Test
    void hashedScript_isGzipped_andCachedAsImmutableForAYear() throws Exception {
        Matcher script = Pattern.compile("src=\"\\.?/(assets/index-[\\w-]+\\.js)\"")
                .matcher(fetch("/", HttpResponse.BodyHandlers.ofString()).body());
        assertThat(script.find()).as("index.html names its hashed script").isTrue();

        HttpResponse<byte[]> asset = fetch("/" + script.group(1), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(asset.headers().allValues("Cache-Control")).containsExactly("max-age=31536000, public, immutable");
        String javascript = gunzip(asset.body());
        assertThat(javascript.length()).isGreaterThan(asset.body().length);
    }

    private <T> HttpResponse<T> fetch(String path, HttpResponse.BodyHandler<T> body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept-Encoding", "gzip").GET().build(), body);
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
