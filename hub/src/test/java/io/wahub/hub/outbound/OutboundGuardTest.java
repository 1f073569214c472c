package io.wahub.hub.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wahub.sdk.http.OutboundFailure;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class OutboundGuardTest {

    static OutboundProperties properties(List<String> allowed, List<String> http) {
        return new OutboundProperties(allowed, http, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofSeconds(5), 3, Duration.ofMillis(500), Duration.ofSeconds(10),
                DataSize.ofMegabytes(4), 10, 10);
    }

    final OutboundGuard closed = new OutboundGuard(properties(List.of(), List.of()));
    final OutboundGuard open = new OutboundGuard(properties(List.of("llm.lan", "*.corp.example", "10.0.0.7"),
            List.of("llm.lan", "LOCALHOST.")));

    @Test
    void refusesLiteralNonPublicAddresses_beforeAnythingIsSent() {
        for (String url : List.of("https://127.0.0.1/x", "https://169.254.169.254/latest/meta-data/",
                "https://10.1.2.3/", "https://[::1]:8443/", "https://[::ffff:127.0.0.1]/", "https://[fd00::5]/",
                "https://0.0.0.0/", "https://100.64.1.1/")) {
            OutboundFailure failure = catchThrowableOfType(OutboundFailure.class,
                    () -> closed.checkUrl(URI.create(url), "GET " + url));
            assertThat(failure).as(url).isNotNull();
            assertThat(failure.code()).as(url).isEqualTo("blocked-host");
            assertThat(failure.transientFailure()).isFalse();
        }
    }

    @Test
    void namesTheKindOfAddress_inTheRefusal() {
        OutboundFailure failure = catchThrowableOfType(OutboundFailure.class,
                () -> closed.checkUrl(URI.create("https://169.254.169.254/latest"), "GET x"));

        assertThat(failure.getMessage()).isEqualTo("GET x: refused, 169.254.169.254 is a link-local address (the"
                + " operator may allow the host in wahub.outbound.allowed-hosts)");
    }

    @Test
    void refusesPlainHttp_unlessTheHostIsListed() {
        OutboundFailure failure = catchThrowableOfType(OutboundFailure.class,
                () -> closed.checkUrl(URI.create("http://api.example.com/v1"), "POST http://api.example.com/v1"));

        assertThat(failure.code()).isEqualTo("http-not-allowed");
        assertThat(failure.getMessage()).isEqualTo("POST http://api.example.com/v1: plain http is refused for"
                + " api.example.com; use https (the operator may allow http for a host in wahub.outbound.http-hosts)");
        assertThatCode(() -> open.checkUrl(URI.create("http://llm.lan:11434/v1"), "x")).doesNotThrowAnyException();
        assertThatCode(() -> open.checkUrl(URI.create("http://localhost:8080/"), "x")).doesNotThrowAnyException();
    }

    @Test
    void refusesUserInfo_andWhatIsNotAnAbsoluteHttpUrl() {
        for (String url : List.of("https://user:pass@api.example.com/", "ftp://api.example.com/", "/relative",
                "file:///etc/passwd", "https:///no-host")) {
            OutboundFailure failure = catchThrowableOfType(OutboundFailure.class,
                    () -> closed.checkUrl(URI.create(url), "x"));
            assertThat(failure.code()).as(url).isEqualTo("bad-url");
        }
    }

    @Test
    void allowListedHosts_mayResolveToPrivateAddresses_othersMayNot() throws Exception {
        InetAddress[] lan = {InetAddress.getByName("192.168.1.20")};

        assertThatCode(() -> open.checkResolved("llm.lan", lan)).doesNotThrowAnyException();
        assertThatCode(() -> open.checkResolved("gpu.corp.example", lan)).doesNotThrowAnyException();
        assertThatCode(() -> open.checkResolved("10.0.0.7", new InetAddress[] {InetAddress.getByName("10.0.0.7")}))
                .doesNotThrowAnyException();
        assertThat(catchThrowableOfType(OutboundGuard.BlockedHostException.class,
                () -> open.checkResolved("corp.example.evil", lan)).kind()).isEqualTo(AddressClass.PRIVATE);
        assertThat(catchThrowableOfType(OutboundGuard.BlockedHostException.class,
                () -> closed.checkResolved("llm.lan", lan))).isNotNull();
    }

    @Test
    void oneNonPublicAddressAmongPublicOnes_refusesTheHost() throws Exception {
        InetAddress[] mixed = {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("127.0.0.1")};

        OutboundGuard.BlockedHostException blocked = catchThrowableOfType(OutboundGuard.BlockedHostException.class,
                () -> closed.checkResolved("rebind.example", mixed));

        assertThat(blocked.kind()).isEqualTo(AddressClass.LOOPBACK);
        assertThat(blocked.asFailure("GET https://rebind.example/").getMessage()).isEqualTo("GET"
                + " https://rebind.example/: refused, rebind.example resolves to a loopback address (the operator may"
                + " allow the host in wahub.outbound.allowed-hosts)");
    }
}
