package io.tensorwasm.ops.oncall.paging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who gets paged, read from a YAML file. Secrets (routing keys, webhook URLs) may live in files of
 * their own ({@code key_file}, {@code url_file}), so the rotation file can be shown freely.
 *
 * <pre>{@code
 * ack_timeout: 5m
 * primary:   {person: Ana Ortiz, channel: pagerduty, url: https://events.example/v2/enqueue,
 *             key_file: /etc/twops/pagerduty.key}
 * secondary: {person: Bo Lind, channel: slack, url_file: /etc/twops/slack.url}
 * lead:      {person: Cy Diaz, channel: webhook, url: http://pager.internal/hook}
 * maintainers:
 *   addresses: [maintainers@example.org]
 *   channel: webhook
 *   url: http://mail-gateway.internal/hook
 * people:    # how schedules reach people who hold no tier here
 *   Di Evans: {channel: slack, url_file: /etc/twops/slack-di.url}
 * }</pre>
 *
 * @param ackTimeout how long a tier has to acknowledge before the next one is paged
 * @param responders who holds each tier
 * @param maintainers the maintainers list, notified of every sev-1 and of a broken rotation
 * @param people how to reach people by name, beyond the tiers
 */
public record Rotations(
        Duration ackTimeout,
        Map<Tier, Responder> responders,
        Maintainers maintainers,
        Map<String, PageChannel> people)
        implements Responders {

    /** The seed's acknowledgement window. */
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofMinutes(5);

    public Rotations {
        responders = Map.copyOf(responders);
        people = Map.copyOf(people);
    }

    /** A rotation without a {@code people} section. */
    public Rotations(
            Duration ackTimeout, Map<Tier, Responder> responders, Maintainers maintainers) {
        this(ackTimeout, responders, maintainers, Map.of());
    }

    /**
     * One person on a tier and how to reach them.
     *
     * @param person their name
     * @param channel how they are paged
     */
    public record Responder(String person, PageChannel channel) {}

    /**
     * The maintainers list.
     *
     * @param addresses where the list goes
     * @param channel how it is notified, if configured
     */
    public record Maintainers(List<String> addresses, Optional<PageChannel> channel) {
        public Maintainers {
            addresses = List.copyOf(addresses);
        }
    }

    /** No rotation: pages are recorded, nobody is reached. */
    public static Rotations none() {
        return new Rotations(
                DEFAULT_ACK_TIMEOUT, Map.of(), new Maintainers(List.of(), Optional.empty()));
    }

    /** The responder of a tier, if the tier is staffed. */
    public Optional<Responder> responder(Tier tier) {
        return Optional.ofNullable(responders.get(tier));
    }

    /** The file names the same responder at every instant. */
    @Override
    public Optional<Responder> responder(Tier tier, Instant at) {
        return responder(tier);
    }

    /** One timeout for every tier. */
    @Override
    public Duration ackTimeout(Tier tier) {
        return ackTimeout;
    }

    /**
     * How a person is reached: the channel of the tier they hold, else their entry under {@code
     * people} (issue #20: schedules page people the file names no tier for).
     */
    @Override
    public Optional<PageChannel> channelOf(String person) {
        return responders.values().stream()
                .filter(r -> r.person().equals(person))
                .map(Responder::channel)
                .findFirst()
                .or(() -> Optional.ofNullable(people.get(person)));
    }

    /** Reads a rotation file; a bad file names the key that is wrong. */
    public static Rotations load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the rotation file", e);
        }
    }

    static Rotations parse(String yaml, Path source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": a rotation file is a YAML mapping");
        }
        Duration ack =
                root.has("ack_timeout")
                        ? duration(root.get("ack_timeout").asText(), source)
                        : DEFAULT_ACK_TIMEOUT;
        Map<Tier, Responder> responders = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            JsonNode node = root.get(tier.label());
            if (node != null && !node.isNull()) {
                String person = text(node, "person", source, tier.label());
                responders.put(tier, new Responder(person, channel(node, source, tier.label())));
            }
        }
        JsonNode list = root.path("maintainers");
        List<String> addresses = new ArrayList<>();
        list.path("addresses").forEach(a -> addresses.add(a.asText()));
        Optional<PageChannel> channel =
                list.has("channel")
                        ? Optional.of(channel(list, source, "maintainers"))
                        : Optional.empty();
        Map<String, PageChannel> people = new LinkedHashMap<>();
        JsonNode section = root.path("people");
        for (String name : (Iterable<String>) () -> section.fieldNames()) {
            people.put(name.strip(), channel(section.get(name), source, "people." + name));
        }
        return new Rotations(ack, responders, new Maintainers(addresses, channel), people);
    }

    private static PageChannel channel(JsonNode node, Path source, String where) {
        String type = text(node, "channel", source, where);
        URI url = URI.create(secretOrValue(node, "url", source, where));
        return switch (type) {
            case "pagerduty" ->
                    new PagerDutyChannel(url, secretOrValue(node, "key", source, where));
            case "slack" -> new SlackChannel(url);
            case "webhook" -> new JsonWebhookChannel(url);
            default ->
                    throw new IllegalArgumentException(
                            source
                                    + ": "
                                    + where
                                    + ".channel: "
                                    + type
                                    + " is not a channel; channels are pagerduty, slack, webhook");
        };
    }

    /** {@code name} inline, or {@code name_file} holding it. */
    private static String secretOrValue(JsonNode node, String name, Path source, String where) {
        if (node.hasNonNull(name + "_file")) {
            Path file = Path.of(node.get(name + "_file").asText());
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(
                        source + ": " + where + "." + name + "_file: cannot" + " read " + file, e);
            }
        }
        return text(node, name, source, where);
    }

    private static String text(JsonNode node, String name, Path source, String where) {
        JsonNode value = node.get(name);
        if (value == null || value.asText().isBlank()) {
            throw new IllegalArgumentException(source + ": " + where + "." + name + " is missing");
        }
        return value.asText().strip();
    }

    private static Duration duration(String text, Path source) {
        String t = text.strip();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException(t);
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    source + ": ack_timeout: " + text + " is not a duration like 30s, 5m or 1h", e);
        }
    }
}
