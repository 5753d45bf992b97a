package io.tensorwasm.ops.bench.console;

import io.tensorwasm.ops.engine.model.CheckResult;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.model.Trigger;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.engine.store.NewExecution;
import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.catalogue.GrafanaLinks;
import io.tensorwasm.ops.oncall.catalogue.LibraryEntry;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.run.HistoryPage;
import io.tensorwasm.ops.oncall.run.HistoryView;
import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.oncall.view.RunIncidents;
import io.tensorwasm.ops.web.page.Layout;
import io.tensorwasm.ops.web.page.Pages;
import io.tensorwasm.ops.web.runbooks.LiveValues;
import io.tensorwasm.ops.web.runbooks.RunbookMarkdown;
import io.tensorwasm.ops.web.runbooks.RunbookView;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Server-side render of the console's two heaviest pages (issue #7: P95 under 50 ms): the largest
 * runbook page of the shipped catalogue with its first-look values in hand, and the history over
 * 10,000 recorded executions in the console's own H2 database, as the route builds it: the stale
 * run sweep, the page query, the count, and the template. H2's query cache is off, so every
 * iteration reads the tables as a page after a new execution would.
 *
 * <pre>{@code
 * mvn -B -q -Dquickly install -pl bench -am
 * mvn -B -q -pl bench exec:exec -Dexec.executable=java \
 *     -Dexec.args="-cp %classpath org.openjdk.jmh.Main ConsoleRenderBenchmark"
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConsoleRenderBenchmark {

    static final int EXECUTIONS = 10_000;

    private final Clock clock = Clock.systemUTC();
    private Vertx vertx;
    private Database database;
    private ExecutionStore store;
    private Pages pages;
    private RunbookLibrary library;
    private LibraryEntry runbook;
    private RunbookMarkdown.Rendered markdown;
    private List<LiveValues.Reading> values;
    private Principal viewer;
    private Layout layout;
    private long deepId;

    /** Opens the console's database, records 10,000 executions and reads the catalogue. */
    @Setup(Level.Trial)
    public void setUp() {
        vertx = Vertx.vertx();
        pages = Pages.create(vertx);
        database =
                Database.open(
                        "jdbc:h2:mem:bench-"
                                + UUID.randomUUID()
                                + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=0",
                        "sa",
                        "");
        store = JdbcExecutionStore.over(database.dataSource(), Duration.ofMinutes(30));
        library = RunbookLibrary.load(List.of());
        runbook = library.entry("availability-fast-burn").orElseThrow();
        markdown = RunbookMarkdown.render(runbook.text());
        values = Collections.nCopies(markdown.queries().size(), LiveValues.Reading.of("0.4213"));
        viewer = new Principal("bench", "bench operator", Role.OPERATOR);
        layout = new Layout("history", viewer, "csrf-token-of-the-page", false);
        List<String> ids = library.entries().stream().map(LibraryEntry::id).toList();
        Instant start = Instant.now().minus(Duration.ofDays(30));
        for (int i = 0; i < EXECUTIONS; i++) {
            long id = record(ids.get(i % ids.size()), i, start.plusSeconds(i * 60L));
            if (i == 200) {
                deepId = id;
            }
        }
    }

    private long record(String runbookId, int i, Instant at) {
        Mode mode = Mode.values()[i % 3];
        long id =
                store.begin(
                        new NewExecution(
                                runbookId,
                                "c0ffee",
                                mode,
                                mode == Mode.AUTOMATIC
                                        ? Trigger.alert("fp-" + i)
                                        : Trigger.person("person " + i % 7),
                                "runtime",
                                at,
                                Duration.ofMinutes(20),
                                Optional.of(Duration.ofMinutes(30)),
                                Optional.empty()));
        store.recordStep(
                id,
                new StepResult(
                        1,
                        "http GET {runtime}/healthz",
                        StepResult.Status.PASSED,
                        new CheckResult(
                                CheckResult.Outcome.PASSED,
                                "status == 200",
                                "status=200",
                                1,
                                Duration.ZERO),
                        at,
                        at.plusMillis(40),
                        1,
                        "person",
                        "",
                        "GET -> 200"));
        RunStatus status = i % 10 == 0 ? RunStatus.ABORTED : RunStatus.SUCCEEDED;
        store.finish(id, status, at.plusSeconds(45), status.word() + " after step 1");
        return id;
    }

    /** Closes the database and Vert.x. */
    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        database.close();
        vertx.close();
    }

    /** The availability-fast-burn page: Markdown rendered at start, values and links, template. */
    @Benchmark
    public String runbookPage() {
        return pages.render(
                "runbook",
                RunbookView.page(
                        runbook,
                        markdown,
                        values,
                        new GrafanaLinks(URI.create("http://127.0.0.1:3000")),
                        GrafanaLinks.Range.LAST_HOUR,
                        "a scrape of http://127.0.0.1:8080/metrics",
                        viewer),
                layout);
    }

    /** The first history page, unfiltered, over 10,000 executions. */
    @Benchmark
    public String historyFirstPage() {
        return history(new HistoryPage.Filter("", "", "", ""), MultiMap.caseInsensitiveMultiMap());
    }

    /** A filtered history page deep in the past: aborted interactive runs older than id 200. */
    @Benchmark
    public String historyFilteredDeepPage() {
        return history(
                new HistoryPage.Filter("", "interactive", "aborted", ""),
                MultiMap.caseInsensitiveMultiMap().add("before", Long.toString(deepId)));
    }

    private String history(HistoryPage.Filter filter, MultiMap params) {
        return pages.render(
                "history",
                HistoryView.page(
                        new HistoryView.Sources(store, library, RunIncidents.NONE, clock),
                        filter,
                        HistoryView.query(filter, params::get)),
                layout);
    }
}
