package io.tensorwasm.ops.oncall.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The webhook's parser on what no Alertmanager sends (issue #16: bad input gets a clear error and
 * loses nothing): any body is either read, each alert kept or rejected with where and why, or
 * refused with an IllegalArgumentException that says where; nothing else escapes, so the intake can
 * always record and answer the delivery.
 */
class AlertmanagerPayloadPropertyTest {

    private static final AtomicInteger read = new AtomicInteger();
    private static final AtomicInteger kept = new AtomicInteger();
    private static final AtomicInteger rejected = new AtomicInteger();
    private static final AtomicInteger refused = new AtomicInteger();

    /** The generator reached every answer, or the property proved less than it says. */
    @AfterContainer
    static void everyAnswerWasReached() {
        assertThat(List.of(read.get(), kept.get(), rejected.get(), refused.get()))
                .as("deliveries read, alerts kept, alerts rejected, bodies refused")
                .allMatch(n -> n > 20);
    }

    @Property(tries = 2_000)
    void anyTextIsReadOrRefusedWithWhereAndWhy(@ForAll("bodies") String body) {
        try {
            AlertmanagerPayload payload = AlertmanagerPayload.parse(body);
            read.incrementAndGet();
            kept.addAndGet(payload.alerts().size());
            rejected.addAndGet(payload.rejected().size());
            for (AlertmanagerPayload.Rejected r : payload.rejected()) {
                assertThat(r.reason()).startsWith(r.where());
            }
            for (AlertmanagerPayload.Alert a : payload.alerts()) {
                assertThat(a.fingerprint())
                        .isNotBlank()
                        .doesNotContain("@")
                        .hasSizeLessThanOrEqualTo(64);
                assertThat(a.name()).isNotBlank();
                a.problems();
                a.link("runbook_url");
                a.link("dashboard_url");
            }
        } catch (IllegalArgumentException e) {
            refused.incrementAndGet();
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(80);
        Arbitrary<String> value =
                Arbitraries.oneOf(
                        text.map(AlertmanagerPayloadPropertyTest::quoted),
                        Arbitraries.integers().map(String::valueOf),
                        Arbitraries.of(
                                "null",
                                "true",
                                "[]",
                                "{}",
                                "\"firing\"",
                                "\"resolved\"",
                                "\"2026-11-25T03:00:00Z\"",
                                "\"http://[x\"",
                                "\"a@b\""));
        Arbitrary<String> status =
                Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.of("\"firing\"", "\"resolved\"")),
                        Tuple.of(1, value));
        Arbitrary<String> fingerprint =
                Arbitraries.frequencyOf(
                        Tuple.of(
                                4,
                                Arbitraries.strings()
                                        .withChars("0123456789abcdef")
                                        .ofMinLength(1)
                                        .ofMaxLength(16)
                                        .map(AlertmanagerPayloadPropertyTest::quoted)),
                        Tuple.of(1, value));
        Arbitrary<String> starts =
                Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.just("\"2026-11-25T03:00:00Z\"")),
                        Tuple.of(1, value));
        Arbitrary<String> name =
                Arbitraries.frequencyOf(
                        Tuple.of(
                                4,
                                Arbitraries.of(
                                        "\"TicketOnly\"", "\"TensorWasmAvailabilityFastBurn\"")),
                        Tuple.of(1, value));
        Arbitrary<String> alert =
                Combinators.combine(status, fingerprint, starts, name, value)
                        .as(
                                (st, fp, at, alertname, url) ->
                                        "{\"status\":"
                                                + st
                                                + ",\"fingerprint\":"
                                                + fp
                                                + ",\"startsAt\":"
                                                + at
                                                + ",\"labels\":{\"alertname\":"
                                                + alertname
                                                + "}"
                                                + ",\"annotations\":{\"runbook_url\":"
                                                + url
                                                + ",\"dashboard_url\":"
                                                + url
                                                + "}}");
        Arbitrary<String> group =
                alert.list()
                        .ofMaxSize(5)
                        .map(
                                alerts ->
                                        "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"r\","
                                                + "\"alerts\":["
                                                + String.join(",", alerts)
                                                + "]}");
        return Arbitraries.oneOf(group, group, text, value.map(v -> "{\"alerts\":" + v + "}"));
    }

    private static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
