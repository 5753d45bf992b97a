package io.tensorwasm.ops.launcher;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Tenants' traffic for the demo: an invoke of the adder every 50 ms, counted by outcome. */
final class DemoLoad implements AutoCloseable {

    private final LoopClient runtime;
    private final String functionId;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger ok = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    private DemoLoad(LoopClient runtime, String functionId) {
        this.runtime = runtime;
        this.functionId = functionId;
    }

    /** Starts invoking on a daemon thread of its own. */
    static DemoLoad start(LoopClient runtime, String functionId) {
        DemoLoad load = new DemoLoad(runtime, functionId);
        Thread thread = new Thread(load::run, "demo-load");
        thread.setDaemon(true);
        thread.start();
        return load;
    }

    private void run() {
        while (running.get()) {
            try {
                int status =
                        runtime.post(
                                        "/functions/" + functionId + "/invoke",
                                        "{\"export\":\"add\",\"args\":[2,3]}")
                                .statusCode();
                (status == 200 ? ok : failed).incrementAndGet();
            } catch (IOException restarting) {
                failed.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Invokes answered 200 so far. */
    int ok() {
        return ok.get();
    }

    /** Invokes that failed so far: a 5xx, or no answer while the runtime restarted. */
    int failed() {
        return failed.get();
    }

    @Override
    public void close() {
        running.set(false);
    }
}
