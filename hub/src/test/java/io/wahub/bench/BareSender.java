package io.wahub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * The "bare async" baseline's sender: each stored webhook's order, read with Jackson, becomes one text message
 * posted to the Cloud API stub ({@code POST <stub>/v21.0/<phone number id>/messages}, bearer token, as Meta's API
 * takes it) by {@value #SENDERS} virtual threads over Apache HttpClient 5 (the client the hub's plugins send with).
 * The queue is in memory: a crash loses what was not sent yet, which is what makes this the cheap pipeline.
 */
final class BareSender implements AutoCloseable {

    private static final int SENDERS = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String stubUrl;
    private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final CloseableHttpClient http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnPerRoute(SENDERS).setMaxConnTotal(SENDERS).build())
            .build();
    private final List<Thread> senders;

    BareSender(String stubUrl) {
        this.stubUrl = stubUrl;
        this.senders = java.util.stream.IntStream.range(0, SENDERS)
                .mapToObj(i -> Thread.ofVirtual().name("bare-sender-" + i).start(this::send)).toList();
    }

    /** After the webhook is stored: its message goes out in the background. */
    void enqueue(byte[] order) {
        queue.add(order);
    }

    private void send() {
        while (!Thread.currentThread().isInterrupted()) {
            byte[] order;
            try {
                order = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                post(order);
            } catch (IOException | RuntimeException e) {
                System.err.println("bare sender: " + e);
            }
        }
    }

    private void post(byte[] order) throws IOException {
        JsonNode root = JSON.readTree(order);
        JsonNode address = root.path("shipping_address");
        String phone = address.path("phone").asText(root.path("billing_address").path("phone").asText());
        StringBuilder text = new StringBuilder("Packing list for order ").append(root.path("name").asText());
        for (JsonNode item : root.path("line_items")) {
            text.append("\n").append(item.path("quantity").asInt()).append(" × ").append(item.path("name").asText());
        }
        ObjectNode message = JSON.createObjectNode().put("messaging_product", "whatsapp")
                .put("to", phone.replaceAll("\\D", "")).put("type", "text");
        message.putObject("text").put("body", text.toString());
        HttpPost request = new HttpPost(stubUrl + "/v21.0/100000/messages");
        request.setHeader("Authorization", "Bearer EAAG-bench");
        request.setEntity(new StringEntity(JSON.writeValueAsString(message), ContentType.APPLICATION_JSON));
        http.execute(request, response -> {
            EntityUtils.consume(response.getEntity());
            if (response.getCode() >= 300) {
                throw new IOException("stub answered " + response.getCode());
            }
            return null;
        });
    }

    @Override
    public void close() {
        senders.forEach(Thread::interrupt);
        for (Thread sender : senders) {
            try {
                sender.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            http.close();
        } catch (IOException e) {
            // stopping anyway
        }
    }
}
