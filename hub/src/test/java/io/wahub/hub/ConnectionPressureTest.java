package io.wahub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The web server's connection limit against the real server, over raw sockets: a connection past the limit waits
 * (it is not refused) and is answered once another closes; while three quarters of the limit are taken, a response
 * closes its connection, and below that connections are kept alive.
 */
@TestPropertySource(properties = {
        "server.tomcat.max-connections=8",
        "spring.datasource.hikari.maximum-pool-size=4"}) // a second application next to the shared one: few connections
@DirtiesContext // closed after this class: its limit of 8 connections is its own
class ConnectionPressureTest extends HubIntegrationTest {

    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
        // the next test starts once the server has let go of them: a fresh connection is kept alive again
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Socket probe = new Socket("localhost", port)) {
                probe.setSoTimeout(15_000);
                return health(probe).header("connection") == null;
            }
        });
    }

    @Test
    void fewConnections_areKeptAliveBetweenRequests() throws IOException {
        Socket socket = open();

        RawResponse first = health(socket);
        RawResponse second = health(socket);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("connection")).isNull();
        assertThat(second.status()).as("a second request on the same connection").isEqualTo(200);
    }

    @Test
    void sixOfEightConnectionsOpen_theResponseClosesItsConnection() throws IOException {
        for (int i = 0; i < 5; i++) {
            open(); // accepted, and counted, before the next connection: Tomcat takes them in order
        }
        Socket asking = open();

        RawResponse answer = health(asking);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("connection")).isEqualTo("close");
        // with no length given, the body ends where the server closes the connection: reading to the end returns
        String body = answer.body() + new String(asking.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"UP\"");
    }

    @Test
    void connectionPastTheLimit_waits_andIsAnsweredOnceAnotherCloses() throws IOException {
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            held.add(open());
        }
        Socket waiting = open();
        waiting.setSoTimeout(1_000);
        send(waiting);

        assertThatThrownBy(() -> RawResponse.read(waiting)).as("no answer while eight connections are held")
                .isInstanceOf(SocketTimeoutException.class);

        held.getFirst().close();
        waiting.setSoTimeout(15_000);
        RawResponse answer = RawResponse.read(waiting);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("connection")).as("seven of eight still taken").isEqualTo("close");
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(15_000);
        sockets.add(socket);
        return socket;
    }

    private static RawResponse health(Socket socket) throws IOException {
        send(socket);
        return RawResponse.read(socket);
    }

    private static void send(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }
}
