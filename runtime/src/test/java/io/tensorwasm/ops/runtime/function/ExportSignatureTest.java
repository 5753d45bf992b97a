package io.tensorwasm.ops.runtime.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExportSignatureTest {

    private final ExportSignature add =
            new ExportSignature("add", List.of("i32", "i32"), List.of("i32"));

    @Test
    void acceptsUnsignedI32AndReturnsItSigned() {
        long[] raw = add.toWasm("ok", List.of(4_294_967_295L, 0));
        assertThat(add.fromWasm(raw)).containsExactly(-1);
    }

    @Test
    void rejectsFractionForAnInteger() {
        assertThatThrownBy(() -> add.toWasm("ok", List.of(2.5, 1)))
                .isInstanceOf(InvalidInvocationException.class)
                .hasMessage("2.5: ok.add argument 1 must be a whole number (i32)");
    }

    @Test
    void rejectsI32OutOfRange() {
        assertThatThrownBy(() -> add.toWasm("ok", List.of(1, 4_294_967_296L)))
                .hasMessage("4294967296: ok.add argument 2 is out of range for i32");
    }

    @Test
    void rejectsText() {
        assertThatThrownBy(() -> add.toWasm("ok", List.of("2", 1)))
                .hasMessage("2: ok.add argument 1 must be a number (i32)");
    }

    @Test
    void acceptsWholeNumberWrittenAsDecimal() {
        assertThat(add.toWasm("ok", List.of(2.0, 3))).containsExactly(2, 3);
    }
}
