package io.tensorwasm.ops.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.testkit.WasmCorpus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry store's behaviour, written once; subclasses only supply the database. */
abstract class FunctionStoreContract {

    private Database database;
    private FunctionStore store;

    /** Opens a fresh, migrated database. */
    abstract Database open();

    @BeforeEach
    void openStore() {
        database = open();
        store = new FunctionStore(database.dataSource());
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    private static StoredFunction row(String id, String tenant, String corpusName, Instant at) {
        return new StoredFunction(
                id, tenant, corpusName, "ab".repeat(32), WasmCorpus.bytes(corpusName), at);
    }

    @Test
    void keepsTheBytesAndMetadataOfAFunction() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.insert(row("fn_1", "7", "ok", at));
        StoredFunction found = store.find("fn_1").orElseThrow();
        assertThat(found.tenant()).isEqualTo("7");
        assertThat(found.name()).isEqualTo("ok");
        assertThat(found.wasm()).isEqualTo(WasmCorpus.bytes("ok"));
        assertThat(found.createdAt()).isEqualTo(at);
    }

    @Test
    void listsOldestFirst() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        store.insert(row("fn_b", "7", "fib", t0.plusSeconds(1)));
        store.insert(row("fn_a", "*", "ok", t0));
        assertThat(store.all()).extracting(StoredFunction::id).containsExactly("fn_a", "fn_b");
    }

    @Test
    void deleteRemovesOnlyThatFunction() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.insert(row("fn_1", "7", "ok", at));
        store.insert(row("fn_2", "7", "trap", at));
        assertThat(store.delete("fn_1")).isTrue();
        assertThat(store.delete("fn_1")).isFalse();
        assertThat(store.find("fn_1")).isEmpty();
        assertThat(store.all()).extracting(StoredFunction::id).containsExactly("fn_2");
    }

    @Test
    void refusesADuplicateId() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.insert(row("fn_1", "7", "ok", at));
        assertThatThrownBy(() -> store.insert(row("fn_1", "8", "trap", at)))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot insert function fn_1");
    }

    @Test
    void listsEntriesWithTheirDescriptionAndWithoutTheirBytes() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        store.insert(row("fn_old", "7", "ok", t0));
        store.insert(row("fn_new", "7", "fib", t0.plusSeconds(1)), "[{\"name\":\"fib\"}]", true);
        assertThat(store.entries())
                .containsExactly(
                        new FunctionEntry(
                                "fn_old",
                                "7",
                                "ok",
                                "ab".repeat(32),
                                WasmCorpus.bytes("ok").length,
                                t0,
                                null,
                                null),
                        new FunctionEntry(
                                "fn_new",
                                "7",
                                "fib",
                                "ab".repeat(32),
                                WasmCorpus.bytes("fib").length,
                                t0.plusSeconds(1),
                                "[{\"name\":\"fib\"}]",
                                true));
        store.describe("fn_old", "[]", false);
        assertThat(store.entries().get(0).exports()).isEqualTo("[]");
        assertThat(store.entries().get(0).compiles()).isFalse();
        // The first background compile records the compiler's verdict (issue #22).
        store.compiled("fn_old", true);
        assertThat(store.entries().get(0).compiles()).isTrue();
        assertThat(store.entries().get(0).exports()).isEqualTo("[]");
    }

    @Test
    void countsATenantsFunctionsAndTheirBytes() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(store.usage("7")).isEqualTo(new TenantUsage(0, 0));
        store.insert(row("fn_1", "7", "ok", at));
        store.insert(row("fn_2", "7", "fib", at));
        store.insert(row("fn_3", "8", "trap", at));
        assertThat(store.usage("7"))
                .isEqualTo(
                        new TenantUsage(
                                2, WasmCorpus.bytes("ok").length + WasmCorpus.bytes("fib").length));
    }

    @Test
    void holdsAModuleOfSeveralMegabytes() {
        byte[] big = new byte[3 * 1024 * 1024];
        big[big.length - 1] = 42;
        store.insert(
                new StoredFunction(
                        "fn_big",
                        "7",
                        "big",
                        "cd".repeat(32),
                        big,
                        Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        assertThat(store.find("fn_big").orElseThrow().wasm()).isEqualTo(big);
    }
}
