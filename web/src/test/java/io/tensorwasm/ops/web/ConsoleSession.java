package io.tensorwasm.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.HarnessClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in browser-like client: cookies kept, forms posted with the CSRF token of their page.
 */
public final class ConsoleSession {

    private static final Pattern CSRF_FIELD =
            Pattern.compile("name=\"X-XSRF-TOKEN\" value=\"([^\"]+)\"");

    public final HarnessClient client;

    private ConsoleSession(HarnessClient client) {
        this.client = client;
    }

    /** Signs in with a token through the login form. */
    public static ConsoleSession signIn(HarnessClient base, String token) throws Exception {
        ConsoleSession session = new ConsoleSession(base.withCookies());
        HttpResponse<String> signedIn =
                session.submit("/login", "/login", Map.of("token", token, "next", "/"));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        return session;
    }

    /** GETs a page. */
    public HttpResponse<String> get(String path) throws Exception {
        return client.get(path);
    }

    /** GETs a page until it shows a text, for pages that a run's thread changes. */
    public String await(String path, String text) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        String body = get(path).body();
        while (!body.contains(text)) {
            assertThat(Instant.now()).as("waiting for " + text + " in\n" + body).isBefore(deadline);
            Thread.sleep(100);
            body = get(path).body();
        }
        return body;
    }

    /** Opens a page, then posts a form to an action with the page's CSRF token. */
    public HttpResponse<String> submit(String page, String action, Map<String, String> fields)
            throws Exception {
        Map<String, String> form = new HashMap<>(fields);
        form.put("X-XSRF-TOKEN", csrf(client.get(page).body()));
        return client.postForm(action, form);
    }

    public static String csrf(String html) {
        Matcher m = CSRF_FIELD.matcher(html);
        assertThat(m.find()).as("the page carries a CSRF field").isTrue();
        return m.group(1);
    }

    /** The execution id a run's start redirected to. */
    public static long executionOf(HttpResponse<String> started) {
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        String location = started.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/executions/");
        return Long.parseLong(location.substring("/executions/".length()));
    }
}
