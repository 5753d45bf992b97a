package io.tensorwasm.ops.bench.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Deploys generated 10 KB functions over HTTP, two at a time as two clients would. */
final class Deploys {

    static final int MODULE_BYTES = 10 * 1024;
    private static final int CLIENTS = 2;

    private Deploys() {}

    /**
     * Deploys functions {@code from} (inclusive) to {@code to}, each distinct; returns their ids.
     */
    static List<String> parallel(Api api, int from, int to) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = from; i < to; i++) {
                int n = i;
                ids.add(
                        clients.submit(
                                () -> api.deploy("fn-" + n, SizedModules.of(MODULE_BYTES, n))));
            }
            List<String> out = new ArrayList<>(ids.size());
            for (Future<String> id : ids) {
                out.add(id.get());
            }
            return out;
        } finally {
            clients.shutdownNow();
        }
    }
}
