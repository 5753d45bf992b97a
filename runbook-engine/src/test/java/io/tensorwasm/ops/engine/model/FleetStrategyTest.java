package io.tensorwasm.ops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FleetStrategyTest {

    private static List<FleetMember> members(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(
                        i ->
                                new FleetMember(
                                        "replica-" + i,
                                        URI.create("http://127.0.0.1:" + (8080 + i)),
                                        new MemberTarget.Local("/data/fleet/replica-" + i),
                                        "replica-" + i))
                .toList();
    }

    private static List<List<String>> names(FleetStrategy strategy, int count) {
        return strategy.batches(members(count)).stream()
                .map(batch -> batch.stream().map(FleetMember::name).toList())
                .toList();
    }

    @Test
    void theCanaryGoesAloneThenTheRestInBatches() {
        FleetStrategy strategy =
                new FleetStrategy(1, new Share(2, false), new Share(0, false), Duration.ZERO);

        assertThat(names(strategy, 6))
                .containsExactly(
                        List.of("replica-1"),
                        List.of("replica-2", "replica-3"),
                        List.of("replica-4", "replica-5"),
                        List.of("replica-6"));
        assertThat(names(FleetStrategy.SERIAL, 3))
                .containsExactly(List.of("replica-1"), List.of("replica-2"), List.of("replica-3"));
    }

    @Test
    void aPercentageRoundsDownButABatchHoldsAtLeastOneMember() {
        FleetStrategy half =
                new FleetStrategy(0, new Share(50, true), new Share(0, false), Duration.ZERO);
        FleetStrategy tenth =
                new FleetStrategy(0, new Share(10, true), new Share(0, false), Duration.ZERO);

        assertThat(names(half, 5)).hasSize(3);
        assertThat(names(half, 5).get(0)).hasSize(2);
        assertThat(names(tenth, 3)).hasSize(3);
    }

    @Test
    void theRolloutStopsOnlyPastMaxFail() {
        FleetStrategy none =
                new FleetStrategy(1, new Share(1, false), new Share(0, false), Duration.ZERO);
        FleetStrategy third =
                new FleetStrategy(1, new Share(1, false), new Share(34, true), Duration.ZERO);

        assertThat(none.pastMaxFail(0, 3)).isFalse();
        assertThat(none.pastMaxFail(1, 3)).isTrue();
        assertThat(third.pastMaxFail(1, 3)).isFalse();
        assertThat(third.pastMaxFail(2, 3)).isTrue();
    }

    @Test
    void refusesWhatCannotBeAStrategy() {
        assertThatThrownBy(() -> new Share(101, true))
                .hasMessage("101%: a share is 0 or more, a percentage at most 100");
        assertThatThrownBy(
                        () ->
                                new FleetStrategy(
                                        0, new Share(0, true), new Share(0, false), Duration.ZERO))
                .hasMessage("batch 0%: a batch holds at least one member");
        assertThat(
                        new FleetStrategy(
                                        1,
                                        new Share(50, true),
                                        new Share(0, false),
                                        Duration.ofSeconds(10))
                                .text())
                .isEqualTo("canary 1, batch 50%, max_fail 0, pause 10s");
    }
}
