package io.tensorwasm.ops.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RealProcessesIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void prometheusAnswersReadyAndScrapesItself() throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.builder().scrapeSelf("self").start()) {
            assertThat(status(prometheus.baseUri().resolve("/-/ready"))).isEqualTo(200);
            assertThat(prometheus.query("vector(42)")).contains("\"status\":\"success\"", "\"42\"");
            prometheus
                    .process()
                    .awaitReady(
                            "a scrape of itself",
                            Duration.ofSeconds(30),
                            () -> prometheus.query("up{job=\"self\"}").contains("\"1\"]"));
            assertThat(prometheus.process().isAlive()).isTrue();
        }
    }

    @Test
    void alertmanagerAnswersReady() throws Exception {
        String config =
                """
                route:
                  receiver: nowhere
                receivers:
                  - name: nowhere
                """;
        AlertmanagerServer alertmanager = AlertmanagerServer.start(config);
        try (alertmanager) {
            assertThat(status(alertmanager.baseUri().resolve("/-/ready"))).isEqualTo(200);
        }
        assertThat(alertmanager.process().isAlive()).isFalse();
    }

    @Test
    void postgresAnswersSelectOne() throws Exception {
        PostgresServer postgres = PostgresServer.start();
        try (postgres) {
            String url = postgres.createDatabase("testkit");
            try (Connection c = DriverManager.getConnection(url, postgres.user(), "");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
        assertThat(postgres.process().isAlive()).isFalse();
    }

    @Test
    void chromiumReadsAPageTitle() throws Exception {
        HttpServer page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        page.createContext(
                "/",
                exchange -> {
                    byte[] body =
                            "<!doctype html><title>testkit page</title><p>hello</p>"
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        page.start();
        try (ChromiumBrowser browser = ChromiumBrowser.start()) {
            browser.driver().get("http://127.0.0.1:" + page.getAddress().getPort() + "/");
            assertThat(browser.driver().getTitle()).isEqualTo("testkit page");
        } finally {
            page.stop(0);
        }
    }

    private int status(URI uri) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
