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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Grafana OnCall's public HTTP API ({@code /api/v1}): users, schedules of type {@code
 * calendar} with their on-call shifts, and escalation chains with their policies. A {@code
 * rolling_users} shift that covers its whole period becomes a rotation, a {@code single_event} an
 * override, a chain an escalation policy; what has no equivalent here is skipped with the reason.
 */
final class GrafanaOnCall {

    static final String TOOL = "grafana-oncall";
    private static final Duration DEFAULT_ACK = Duration.ofMinutes(5);

    private final ApiClient api;
    private final Map<String, Person> users = new LinkedHashMap<>();
    private final Map<String, String> scheduleNames = new LinkedHashMap<>();
    private final List<ImportSet.Skip> skipped = new ArrayList<>();

    private GrafanaOnCall(ApiClient api) {
        this.api = api;
    }

    /** Reads everything the token can see. */
    static ImportSet read(ApiClient api) {
        return new GrafanaOnCall(api).read();
    }

    private ImportSet read() {
        for (JsonNode u : api.pages("/api/v1/users/", "results")) {
            String email = u.path("email").asText("");
            users.put(
                    u.path("id").asText(),
                    new Person(
                            u.path("username").asText(email),
                            email.isEmpty() ? Optional.empty() : Optional.of(email),
                            TOOL + ":" + u.path("id").asText()));
        }
        List<Schedule> schedules = new ArrayList<>();
        for (JsonNode s : api.pages("/api/v1/schedules/", "results")) {
            schedule(s).ifPresent(schedules::add);
        }
        List<EscalationPolicy> policies = new ArrayList<>();
        for (JsonNode chain : api.pages("/api/v1/escalation_chains/", "results")) {
            policy(chain).ifPresent(policies::add);
        }
        return new ImportSet(TOOL, List.copyOf(users.values()), schedules, policies, skipped);
    }

    private Optional<Schedule> schedule(JsonNode s) {
        String name = s.path("name").asText();
        String type = s.path("type").asText();
        if (type.equals("ical")) {
            return skip("schedule", name, "iCal-backed schedule: not supported");
        }
        ZoneId zone = zone(s.path("time_zone"), ZoneOffset.UTC);
        List<JsonNode> shifts =
                api.pages(
                        "/api/v1/on_call_shifts/?schedule_id=" + s.path("id").asText(), "results");
        shifts.sort(Comparator.comparingInt(x -> x.path("level").asInt(0)));
        int top =
                shifts.stream()
                        .filter(x -> !x.path("type").asText().equals("single_event"))
                        .mapToInt(x -> x.path("level").asInt(0))
                        .max()
                        .orElse(0);
        List<Layer> layers = new ArrayList<>();
        List<ScheduleOverride> overrides = new ArrayList<>();
        for (JsonNode shift : shifts) {
            ZoneId shiftZone = zone(shift.path("time_zone"), zone);
            if (shift.path("type").asText().equals("single_event")) {
                override(shift, shiftZone, top).ifPresent(overrides::add);
            } else {
                layer(shift, shiftZone).ifPresent(layers::add);
            }
        }
        if (layers.isEmpty() && overrides.isEmpty()) {
            return skip("schedule", name, "no rotation that can be imported");
        }
        scheduleNames.put(s.path("id").asText(), name);
        return Optional.of(
                new Schedule(name, zone, layers, overrides, TOOL + ":" + s.path("id").asText()));
    }

    private Optional<Layer> layer(JsonNode shift, ZoneId zone) {
        String name = shift.path("name").asText();
        Optional<Duration> unit =
                switch (shift.path("frequency").asText("")) {
                    case "hourly" -> Optional.of(Duration.ofHours(1));
                    case "daily" -> Optional.of(Duration.ofDays(1));
                    case "weekly" -> Optional.of(Duration.ofDays(7));
                    default -> Optional.empty();
                };
        if (unit.isEmpty()) {
            return skip(
                    "rotation",
                    name,
                    shift.path("frequency").asText("no") + " frequency: not supported");
        }
        Duration period = unit.get().multipliedBy(Math.max(1, shift.path("interval").asInt(1)));
        if (restricted(shift) || shift.path("duration").asLong() != period.toSeconds()) {
            return skip("rotation", name, "time-restricted rotation: not supported");
        }
        List<String> members = new ArrayList<>();
        JsonNode groups =
                shift.path("type").asText().equals("rolling_users")
                        ? shift.path("rolling_users")
                        : null;
        if (groups == null) {
            groups =
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                            .arrayNode()
                            .add(shift.path("users"));
        }
        for (JsonNode group : groups) {
            if (group.size() != 1 || !users.containsKey(group.get(0).asText())) {
                return skip("rotation", name, "several or unknown people per shift: not supported");
            }
            members.add(users.get(group.get(0).asText()).name());
        }
        int from =
                Math.floorMod(
                        shift.path("start_rotation_from_user_index").asInt(0), members.size());
        List<String> rotated = new ArrayList<>(members.subList(from, members.size()));
        rotated.addAll(members.subList(0, from));
        Optional<Instant> until =
                shift.hasNonNull("until")
                        ? Optional.of(
                                LocalDateTime.parse(shift.path("until").asText())
                                        .atZone(zone)
                                        .toInstant())
                        : Optional.empty();
        return Optional.of(
                new Layer(
                        name,
                        rotated,
                        zone,
                        LocalDateTime.parse(shift.path("start").asText()),
                        period,
                        until));
    }

    private Optional<ScheduleOverride> override(JsonNode shift, ZoneId zone, int top) {
        String name = shift.path("name").asText();
        JsonNode people = shift.path("users");
        if (people.size() != 1 || !users.containsKey(people.get(0).asText())) {
            return skip("override", name, "several or unknown people: not supported");
        }
        if (shift.path("level").asInt(0) < top) {
            return skip("override", name, "one-off event below a rotation's level: not supported");
        }
        Instant from = LocalDateTime.parse(shift.path("start").asText()).atZone(zone).toInstant();
        return Optional.of(
                new ScheduleOverride(
                        from,
                        from.plusSeconds(shift.path("duration").asLong()),
                        users.get(people.get(0).asText()).name(),
                        "override: " + name));
    }

    private Optional<EscalationPolicy> policy(JsonNode chain) {
        String name = chain.path("name").asText();
        List<JsonNode> steps =
                api.pages(
                        "/api/v1/escalation_policies/?escalation_chain_id="
                                + chain.path("id").asText(),
                        "results");
        steps.sort(Comparator.comparingInt(s -> s.path("position").asInt()));
        List<PolicyTier> tiers = new ArrayList<>();
        List<Duration> waits = new ArrayList<>();
        for (JsonNode step : steps) {
            String type = step.path("type").asText();
            String label = name + " step " + step.path("position").asInt();
            if (type.equals("wait") && !tiers.isEmpty()) {
                int last = waits.size() - 1;
                waits.set(last, waits.get(last).plusSeconds(step.path("duration").asLong()));
                continue;
            }
            Optional<PolicyTier> tier = tier(step, type, label);
            if (tier.isPresent() && tiers.size() == EscalationPolicy.MAX_TIERS) {
                skip(
                        "policy step",
                        label,
                        "past the third tier: paging has primary, secondary and lead");
            } else if (tier.isPresent()) {
                tiers.add(tier.get());
                waits.add(Duration.ZERO);
            }
        }
        for (int i = 0; i < tiers.size(); i++) {
            PolicyTier t = tiers.get(i);
            Duration ack = waits.get(i).isZero() ? DEFAULT_ACK : waits.get(i);
            tiers.set(i, new PolicyTier(t.schedule(), t.person(), ack));
        }
        if (tiers.isEmpty()) {
            return skip("policy", name, "no step that pages a schedule or one person");
        }
        return Optional.of(
                new EscalationPolicy(name, tiers, TOOL + ":" + chain.path("id").asText()));
    }

    /** The tier a step pages: a schedule's holder, or one person; empty after saying why not. */
    private Optional<PolicyTier> tier(JsonNode step, String type, String label) {
        if (type.equals("notify_on_call_from_schedule")) {
            String id = step.path("notify_on_call_from_schedule").asText();
            Optional<PolicyTier> tier =
                    Optional.ofNullable(scheduleNames.get(id))
                            .map(s -> PolicyTier.schedule(s, DEFAULT_ACK));
            return tier.isPresent()
                    ? tier
                    : skip("policy step", label, "schedule " + id + " was not imported");
        }
        JsonNode persons = step.path("persons_to_notify");
        if (type.equals("notify_persons")
                && persons.size() == 1
                && users.containsKey(persons.get(0).asText())) {
            return Optional.of(
                    PolicyTier.person(users.get(persons.get(0).asText()).name(), DEFAULT_ACK));
        }
        return skip("policy step", label, type + ": not supported");
    }

    private static boolean restricted(JsonNode shift) {
        for (String field : List.of("by_day", "by_month", "by_monthday")) {
            if (shift.path(field).isArray() && shift.path(field).size() > 0) {
                return true;
            }
        }
        return false;
    }

    private static ZoneId zone(JsonNode field, ZoneId otherwise) {
        return field.isTextual() && !field.asText().isBlank()
                ? ZoneId.of(field.asText())
                : otherwise;
    }

    private <T> Optional<T> skip(String kind, String name, String reason) {
        skipped.add(new ImportSet.Skip(kind, name, reason));
        return Optional.empty();
    }
}
