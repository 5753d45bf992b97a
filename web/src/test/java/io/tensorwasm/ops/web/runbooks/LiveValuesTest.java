package io.tensorwasm.ops.web.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveValuesTest {

    @Test
    void printsValuesWithFourSignificantDigits() {
        assertThat(LiveValues.number(42.0)).isEqualTo("42");
        assertThat(LiveValues.number(0.123456)).isEqualTo("0.1235");
        assertThat(LiveValues.number(1500.0)).isEqualTo("1500");
        assertThat(LiveValues.number(0.1)).isEqualTo("0.1");
        assertThat(LiveValues.number(Double.NaN)).isEqualTo("NaN");
    }
}
