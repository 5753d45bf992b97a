package io.tensorwasm.ops.oncall.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Layer daily(String... members) {
        return new Layer(
                "daily",
                List.of(members),
                BERLIN,
                LocalDateTime.parse("2026-03-26T09:00"),
                Duration.ofDays(1),
                Optional.empty());
    }

    private static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    @Test
    void handsOffAtTheSameWallClockTimeAcrossTheChangeToSummerTime() {
        Layer layer = daily("Ana", "Bo");
        // 2026-03-29 02:00 CET becomes 03:00 CEST: that day's shift is 23 hours long.
        assertThat(layer.handoff(3)).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
        assertThat(layer.handoff(2)).isEqualTo(Instant.parse("2026-03-28T08:00:00Z"));
        assertThat(Duration.between(layer.handoff(2), layer.handoff(3)))
                .isEqualTo(Duration.ofHours(23));
        assertThat(layer.holder(berlin("2026-03-29T08:59"))).contains("Ana");
        assertThat(layer.holder(berlin("2026-03-29T09:00"))).contains("Bo");
    }

    @Test
    void handsOffAtTheSameWallClockTimeAcrossTheChangeBackToWinterTime() {
        Layer layer = daily("Ana", "Bo");
        Instant before = berlin("2026-10-24T09:00");
        Instant after = berlin("2026-10-25T09:00");
        assertThat(Duration.between(before, after)).isEqualTo(Duration.ofHours(25));
        assertThat(layer.holder(after.minusSeconds(1))).isEqualTo(layer.holder(before));
        assertThat(layer.holder(after)).isNotEqualTo(layer.holder(before));
    }

    @Test
    void nobodyHoldsALayerBeforeItStartsOrAfterItEnds() {
        Layer layer =
                new Layer(
                        "short",
                        List.of("Ana"),
                        BERLIN,
                        LocalDateTime.parse("2026-03-26T09:00"),
                        Duration.ofDays(1),
                        Optional.of(berlin("2026-03-28T09:00")));
        assertThat(layer.holder(berlin("2026-03-26T08:59"))).isEmpty();
        assertThat(layer.holder(berlin("2026-03-27T12:00"))).contains("Ana");
        assertThat(layer.holder(berlin("2026-03-28T09:00"))).isEmpty();
    }

    @Test
    void anOverrideCoversItsRangeAndTheRotationResumesAfter() {
        Schedule schedule =
                new Schedule("primary", BERLIN, List.of(daily("Ana")), List.of(), "console")
                        .with(
                                new ScheduleOverride(
                                        berlin("2026-10-25T02:00"),
                                        berlin("2026-10-25T06:00"),
                                        "Cy",
                                        "override"));
        assertThat(schedule.holder(berlin("2026-10-25T03:00"))).contains("Cy");
        assertThat(schedule.holder(berlin("2026-10-25T07:00"))).contains("Ana");
    }

    @Test
    void theHigherLayerWinsWhereItHasSomeone() {
        Layer weekend =
                new Layer(
                        "weekend",
                        List.of("Di"),
                        BERLIN,
                        LocalDateTime.parse("2026-03-28T00:00"),
                        Duration.ofDays(2),
                        Optional.of(berlin("2026-03-30T00:00")));
        Schedule schedule =
                new Schedule("primary", BERLIN, List.of(daily("Ana"), weekend), List.of(), "x");
        assertThat(schedule.holder(berlin("2026-03-27T12:00"))).contains("Ana");
        assertThat(schedule.holder(berlin("2026-03-28T12:00"))).contains("Di");
        assertThat(schedule.holder(berlin("2026-03-30T12:00"))).contains("Ana");
    }

    @Test
    void finalShiftsMergeAPersonsConsecutiveShiftsAndMarkOverrides() {
        Schedule schedule =
                new Schedule("primary", BERLIN, List.of(daily("Ana", "Bo")), List.of(), "x")
                        .with(
                                new ScheduleOverride(
                                        berlin("2026-03-27T02:00"),
                                        berlin("2026-03-27T06:00"),
                                        "Cy",
                                        "override"));
        List<Shift> shifts =
                schedule.shifts(berlin("2026-03-26T00:00"), berlin("2026-03-28T00:00"));
        assertThat(shifts)
                .containsExactly(
                        new Shift(
                                "Ana",
                                berlin("2026-03-26T09:00"),
                                berlin("2026-03-27T02:00"),
                                false),
                        new Shift(
                                "Cy", berlin("2026-03-27T02:00"), berlin("2026-03-27T06:00"), true),
                        new Shift(
                                "Ana",
                                berlin("2026-03-27T06:00"),
                                berlin("2026-03-27T09:00"),
                                false),
                        new Shift(
                                "Bo",
                                berlin("2026-03-27T09:00"),
                                berlin("2026-03-28T00:00"),
                                false));
    }

    @Test
    void aSwapTradesTwoShiftsBetweenTwoPeople() {
        Schedule schedule =
                new Schedule("primary", BERLIN, List.of(daily("Ana", "Bo")), List.of(), "x");
        List<ScheduleOverride> swap =
                schedule.swap("Ana", berlin("2026-03-26T12:00"), "Bo", berlin("2026-03-27T12:00"));
        Schedule swapped = schedule.with(swap.get(0)).with(swap.get(1));
        assertThat(swapped.holder(berlin("2026-03-26T12:00"))).contains("Bo");
        assertThat(swapped.holder(berlin("2026-03-27T12:00"))).contains("Ana");
        assertThat(swapped.holder(berlin("2026-03-28T12:00"))).contains("Ana");
        assertThat(swap)
                .extracting(ScheduleOverride::note)
                .containsExactly("swap with Ana", "swap with Bo");
    }

    @Test
    void refusesToSwapAShiftThePersonDoesNotHold() {
        Schedule schedule =
                new Schedule("primary", BERLIN, List.of(daily("Ana", "Bo")), List.of(), "x");
        assertThatThrownBy(
                        () ->
                                schedule.swap(
                                        "Bo",
                                        berlin("2026-03-26T12:00"),
                                        "Ana",
                                        berlin("2026-03-27T12:00")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Bo is not on call in primary at 2026-03-26T11:00:00Z: only a shift"
                                + " someone holds can be swapped");
    }

    @Test
    void refusesShiftsShorterThanAnHour() {
        assertThatThrownBy(
                        () ->
                                new Layer(
                                        "fast",
                                        List.of("Ana"),
                                        BERLIN,
                                        LocalDateTime.parse("2026-03-26T09:00"),
                                        Duration.ofMinutes(30),
                                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PT30M: rotation fast needs shifts of whole minutes, an hour or more");
    }

    @Test
    void aPolicyTierNamesASchedulesHolderOrAPerson() {
        Schedule primary = new Schedule("primary", BERLIN, List.of(daily("Ana")), List.of(), "x");
        EscalationPolicy policy =
                new EscalationPolicy(
                        "default",
                        List.of(
                                PolicyTier.schedule("primary", Duration.ofMinutes(5)),
                                PolicyTier.person("Cy", Duration.ofMinutes(10))),
                        "x");
        Instant noon = berlin("2026-03-27T12:00");
        var schedules = java.util.Map.of("primary", primary);
        assertThat(policy.holder(0, noon, schedules)).contains("Ana");
        assertThat(policy.holder(1, noon, schedules)).contains("Cy");
        assertThat(policy.holder(2, noon, schedules)).isEmpty();
    }
}
