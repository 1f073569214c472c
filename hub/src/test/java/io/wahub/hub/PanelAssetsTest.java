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

    /**
     * What index.html loads before anything is clicked — its scripts, its module preloads and every module they
     * import statically, followed transitively — weighs under 100 kB as the browser receives it (gzip). Pages and the
     * chart library come by dynamic import, so they are not part of it.
     */
    @Test
    void firstLoadJavaScript_isUnder100kBGzipped_withoutTheChartLibrary() throws Exception {
        String index = fetch("/", HttpResponse.BodyHandlers.ofString()).body();
        java.util.Deque<String> pending = new java.util.ArrayDeque<>();
        Matcher entry = Pattern.compile("(?:src|href)=\"\\.?/(assets/[\\w.-]+\\.js)\"").matcher(index);
        while (entry.find()) {
            pending.add(entry.group(1));
        }
        assertThat(pending).as("index.html names its scripts").isNotEmpty();
        Pattern staticImport = Pattern.compile("(?:from|import)\\s*[\"'](\\./[\\w.-]+\\.js)[\"']");
        java.util.Set<String> loaded = new java.util.LinkedHashSet<>();
        long gzippedBytes = 0;
        while (!pending.isEmpty()) {
            String path = pending.poll();
            if (!loaded.add(path)) {
                continue;
            }
            HttpResponse<byte[]> asset = fetch("/" + path, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(asset.statusCode()).as(path).isEqualTo(200);
            assertThat(asset.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
            gzippedBytes += asset.body().length;
            Matcher imports = staticImport.matcher(gunzip(asset.body()));
            while (imports.find()) {
                pending.add("assets/" + imports.group(1).substring(2));
            }
        }

        assertThat(gzippedBytes).as("gzipped first-load JavaScript of %s", loaded).isLessThan(100 * 1024);
        assertThat(loaded).noneMatch(path -> path.startsWith("assets/charts-"));
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
