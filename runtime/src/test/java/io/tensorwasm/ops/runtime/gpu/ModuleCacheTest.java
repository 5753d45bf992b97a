package io.tensorwasm.ops.runtime.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleCacheTest {

    private final ModuleCache<String> cache = new ModuleCache<>();
    private final List<String> loads = new ArrayList<>();

    private String load(byte[] ptx) {
        String module = "module of " + new String(ptx, StandardCharsets.UTF_8);
        loads.add(module);
        return module;
    }

    @Test
    void loadsEachPtxOncePerDevice() {
        byte[] ptx = CudaKernels.ptx();
        String first = cache.get(0, ptx, this::load);
        assertThat(cache.get(0, ptx.clone(), this::load)).isSameAs(first);
        cache.get(1, ptx, this::load);
        cache.get(0, "other ptx".getBytes(StandardCharsets.UTF_8), this::load);
        assertThat(loads).hasSize(3);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void keysModulesByTheSha256OfThePtx() {
        assertThat(ModuleCache.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
