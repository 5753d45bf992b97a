package io.tensorwasm.ops.launcher.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.tensorwasm.ops.oncall.schedule.EscalationPolicy;
import io.tensorwasm.ops.oncall.schedule.ImportSet;
import io.tensorwasm.ops.oncall.schedule.Layer;
import io.tensorwasm.ops.oncall.schedule.Person;
import io.tensorwasm.ops.oncall.schedule.PolicyTier;
import io.tensorwasm.ops.oncall.schedule.Schedule;
import io.tensorwasm.ops.oncall.schedule.ScheduleOverride;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Opsgenie's REST API v2: users, schedules with their rotations ({@code expand=rotation}) and
 * overrides, and escalations. A rotation of users without a time restriction becomes a rotation
 * here, handing off at its start's wall-clock time in the schedule's zone; an escalation's rules,
 * by delay, become the tiers of a policy, each with the time to the next rule to acknowledge.
 */
final class Opsgenie {

    static final String TOOL = "opsgenie";
    private static final Duration DEFAULT_ACK = Duration.ofMinutes(5);

    private final ApiClient api;
    private final Map<String, Person> users = new LinkedHashMap<>();
    private final Map<String, String> scheduleNames = new LinkedHashMap<>();
    private final List<ImportSet.Skip> skipped = new ArrayList<>();

    private Opsgenie(ApiClient api) {
        this.api = api;
    }

    /** Reads everything the API key can see. */
    static ImportSet read(ApiClient api) {
        return new Opsgenie(api).read();
    }

    private ImportSet read() {
        for (JsonNode u : api.pages("/v2/users?limit=100", "data")) {
            Person person =
                    new Person(
                            u.path("fullName").asText(u.path("username").asText()),
                            Optional.of(u.path("username").asText()),
                            TOOL + ":" + u.path("id").asText());
            users.put(u.path("id").asText(), person);
            users.put(u.path("username").asText(), person);
        }
        List<Schedule> schedules = new ArrayList<>();
        for (JsonNode s : api.get("/v2/schedules?expand=rotation").path("data")) {
            schedule(s).ifPresent(schedules::add);
        }
        List<EscalationPolicy> policies = new ArrayList<>();
        for (JsonNode e : api.get("/v2/escalations").path("data")) {
            policy(e).ifPresent(policies::add);
        }
        return new ImportSet(
                TOOL, users.values().stream().distinct().toList(), schedules, policies, skipped);
    }

    private Optional<Schedule> schedule(JsonNode s) {
        String name = s.path("name").asText();
        String id = s.path("id").asText();
        ZoneId zone = ZoneId.of(s.path("timezone").asText("UTC"));
        List<Layer> layers = new ArrayList<>();
        for (JsonNode r : s.path("rotations")) {
            layer(r, zone).ifPresent(layers::add);
        }
        if (layers.isEmpty()) {
            return skip("schedule", name, "no rotation that can be imported");
        }
        List<ScheduleOverride> overrides = new ArrayList<>();
        for (JsonNode o : api.get("/v2/schedules/" + id + "/overrides").path("data")) {
            Optional<Person> who = person(o.path("user"));
            if (who.isEmpty()) {
                skip("override", o.path("alias").asText(), "not a user of this account");
                continue;
            }
            overrides.add(
                    new ScheduleOverride(
                            Instant.parse(o.path("startDate").asText()),
                            Instant.parse(o.path("endDate").asText()),
                            who.get().name(),
                            "override: " + o.path("alias").asText()));
        }
        scheduleNames.put(id, name);
        return Optional.of(new Schedule(name, zone, layers, overrides, TOOL + ":" + id));
    }

    private Optional<Layer> layer(JsonNode r, ZoneId zone) {
        String name = r.path("name").asText();
        if (r.hasNonNull("timeRestriction")) {
            return skip("rotation", name, "time-restricted rotation: not supported");
        }
        Optional<Duration> unit =
                switch (r.path("type").asText()) {
                    case "hourly" -> Optional.of(Duration.ofHours(1));
                    case "daily" -> Optional.of(Duration.ofDays(1));
                    case "weekly" -> Optional.of(Duration.ofDays(7));
                    default -> Optional.empty();
                };
        if (unit.isEmpty()) {
            return skip("rotation", name, r.path("type").asText() + " rotation: not supported");
        }
        List<String> members = new ArrayList<>();
        for (JsonNode p : r.path("participants")) {
            Optional<Person> who =
                    "user".equals(p.path("type").asText()) ? person(p) : Optional.empty();
            if (who.isEmpty()) {
                return skip(
                        "rotation",
                        name,
                        "participant of type " + p.path("type").asText() + ": not supported");
            }
            members.add(who.get().name());
        }
        Instant start = Instant.parse(r.path("startDate").asText());
        Optional<Instant> end =
                r.hasNonNull("endDate")
                        ? Optional.of(Instant.parse(r.path("endDate").asText()))
                        : Optional.empty();
        return Optional.of(
                new Layer(
                        name,
                        members,
                        zone,
                        LocalDateTime.ofInstant(start, zone),
                        unit.get().multipliedBy(Math.max(1, r.path("length").asInt(1))),
                        end));
    }

    private Optional<EscalationPolicy> policy(JsonNode e) {
        String name = e.path("name").asText();
        List<JsonNode> rules = new ArrayList<>();
        e.path("rules").forEach(rules::add);
        rules.sort(Comparator.comparingLong(Opsgenie::delayMinutes));
        List<PolicyTier> tiers = new ArrayList<>();
        List<Long> delays = new ArrayList<>();
        for (JsonNode rule : rules) {
            String label = name + " rule at " + delayMinutes(rule) + " min";
            Optional<PolicyTier> tier = tier(rule.path("recipient"), label);
            if (tier.isPresent() && tiers.size() == EscalationPolicy.MAX_TIERS) {
                skip(
                        "policy step",
                        label,
                        "past the third tier: paging has primary, secondary and lead");
            } else if (tier.isPresent()) {
                tiers.add(tier.get());
                delays.add(delayMinutes(rule));
            }
        }
        if (tiers.isEmpty()) {
            return skip("policy", name, "no rule that notifies a schedule or a user");
        }
        for (int i = 0; i + 1 < tiers.size(); i++) {
            long gap = delays.get(i + 1) - delays.get(i);
            PolicyTier t = tiers.get(i);
            tiers.set(
                    i,
                    new PolicyTier(
                            t.schedule(),
                            t.person(),
                            gap > 0 ? Duration.ofMinutes(gap) : DEFAULT_ACK));
        }
        return Optional.of(new EscalationPolicy(name, tiers, TOOL + ":" + e.path("id").asText()));
    }

    private Optional<PolicyTier> tier(JsonNode recipient, String label) {
        String type = recipient.path("type").asText();
        if (type.equals("schedule")) {
            String schedule = scheduleNames.get(recipient.path("id").asText());
            return schedule != null
                    ? Optional.of(PolicyTier.schedule(schedule, DEFAULT_ACK))
                    : skip(
                            "policy step",
                            label,
                            "schedule " + recipient.path("name").asText() + " was not imported");
        }
        if (type.equals("user") && person(recipient).isPresent()) {
            return Optional.of(PolicyTier.person(person(recipient).get().name(), DEFAULT_ACK));
        }
        return skip("policy step", label, "recipient of type " + type + ": not supported");
    }

    private static long delayMinutes(JsonNode rule) {
        JsonNode delay = rule.path("delay");
        long amount = delay.path("timeAmount").asLong(0);
        return switch (delay.path("timeUnit").asText("minutes")) {
            case "hours" -> amount * 60;
            case "days" -> amount * 24 * 60;
            default -> amount;
        };
    }

    /** A user by id, else by username or name (the email), as the API may give either. */
    private Optional<Person> person(JsonNode ref) {
        for (String field : List.of("id", "username", "name")) {
            Person p = users.get(ref.path(field).asText(""));
            if (p != null) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private <T> Optional<T> skip(String kind, String name, String reason) {
        skipped.add(new ImportSet.Skip(kind, name, reason));
        return Optional.empty();
    }
}
