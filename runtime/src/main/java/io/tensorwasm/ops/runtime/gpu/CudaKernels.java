package io.tensorwasm.ops.runtime.gpu;

import com.dylibso.chicory.runtime.TrapException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * The CUDA backend: the kernels of {@code src/main/cuda/kernels.cu}, shipped as PTX, run through
 * JCuda's driver API on the device's primary context. Each call copies its inputs to the device,
 * launches, waits and copies the result back; {@link Dispatch#started()} fires right before the
 * launch, so the dispatch time includes the copies to the device.
 *
 * <p>The PTX is loaded once per device and PTX hash ({@link ModuleCache}) and, with the primary
 * context it lives in, kept for the life of the JVM, so runtimes started one after the other in a
 * JVM share it and {@link #close()} releases nothing.
 */
final class CudaKernels implements KernelDispatcher {

    /** The PTX resource beside this class, made by nvcc from {@code kernels.cu}. */
    static final String PTX_RESOURCE = "kernels.ptx";

    private static final int BLOCK = 256;
    private static final int TILE = 16;
    private static final int MAX_GRID_Y = 65_535;
    private static final ModuleCache<Loaded> MODULES = new ModuleCache<>();

    private final Loaded device;

    private CudaKernels(Loaded device) {
        this.device = device;
    }

    /** The kernels on the device with the given ordinal, loading its module on first use. */
    static CudaKernels open(int ordinal) {
        JCudaDriver.setExceptionsEnabled(true);
        return new CudaKernels(MODULES.get(ordinal, ptx(), text -> Loaded.load(ordinal, text)));
    }

    /** The shipped PTX text. */
    static byte[] ptx() {
        try (InputStream in = CudaKernels.class.getResourceAsStream(PTX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PTX_RESOURCE + " is missing from the runtime");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(PTX_RESOURCE, e);
        }
    }

    @Override
    public Backend backend() {
        return Backend.CUDA;
    }

    @Override
    public void saxpy(float a, float[] x, float[] y, Dispatch dispatch) {
        onDevice(
                "saxpy",
                dispatch,
                y.length,
                launch -> {
                    CUdeviceptr dx = launch.upload(x);
                    CUdeviceptr dy = launch.upload(y);
                    dispatch.started();
                    launch.run(
                            device.saxpy(),
                            Grid.line(blocks(y.length)),
                            params(y.length, a, dx, dy));
                    launch.download(dy, y);
                    return 0f;
                });
    }

    @Override
    public void vecAdd(float[] x, float[] y, float[] out, Dispatch dispatch) {
        onDevice(
                "vec_add",
                dispatch,
                out.length,
                launch -> {
                    CUdeviceptr dx = launch.upload(x);
                    CUdeviceptr dy = launch.upload(y);
                    CUdeviceptr dout = launch.allocate(out.length);
                    dispatch.started();
                    launch.run(
                            device.vecAdd(),
                            Grid.line(blocks(out.length)),
                            params(out.length, dx, dy, dout));
                    launch.download(dout, out);
                    return 0f;
                });
    }

    @Override
    public float dot(float[] x, float[] y, Dispatch dispatch) {
        return onDevice(
                "dot",
                dispatch,
                x.length,
                launch -> {
                    CUdeviceptr dx = launch.upload(x);
                    CUdeviceptr dy = launch.upload(y);
                    CUdeviceptr partials = launch.allocate(blocks(x.length));
                    dispatch.started();
                    launch.run(
                            device.dotPartials(),
                            Grid.line(blocks(x.length)),
                            params(x.length, dx, dy, partials));
                    return launch.total(partials, blocks(x.length));
                });
    }

    @Override
    public float sum(float[] x, Dispatch dispatch) {
        return onDevice(
                "sum",
                dispatch,
                x.length,
                launch -> {
                    CUdeviceptr dx = launch.upload(x);
                    CUdeviceptr partials = launch.allocate(blocks(x.length));
                    dispatch.started();
                    launch.run(
                            device.sumPartials(),
                            Grid.line(blocks(x.length)),
                            params(x.length, dx, partials));
                    return launch.total(partials, blocks(x.length));
                });
    }

    @Override
    public void matmul(Matrices mm, Dispatch dispatch) {
        int rows = (mm.m() + TILE - 1) / TILE;
        if (rows > MAX_GRID_Y) {
            throw new TrapException(
                    KernelImports.MODULE
                            + ".matmul: m = "
                            + mm.m()
                            + " rows is over the "
                            + MAX_GRID_Y * TILE
                            + " one CUDA grid covers");
        }
        onDevice(
                "matmul",
                dispatch,
                mm.c().length,
                launch -> {
                    CUdeviceptr a = launch.upload(mm.a());
                    CUdeviceptr b = launch.upload(mm.b());
                    CUdeviceptr c = launch.allocate(mm.c().length);
                    dispatch.started();
                    launch.run(
                            device.matmul(),
                            new Grid((mm.n() + TILE - 1) / TILE, rows, TILE, TILE),
                            params(mm.m(), mm.k(), mm.n(), a, b, c));
                    launch.download(c, mm.c());
                    return 0f;
                });
    }

    @Override
    public void close() {}

    /**
     * Runs the work on this thread with the device's context current; an empty output launches
     * nothing. A driver error traps the calling guest with the driver's error name.
     */
    private float onDevice(String kernel, Dispatch dispatch, int outputs, Work work) {
        if (outputs == 0) {
            dispatch.started();
            return 0f;
        }
        try (Launch launch = new Launch(device.context())) {
            return work.run(launch);
        } catch (CudaException e) {
            throw new TrapException(
                    KernelImports.MODULE + "." + kernel + ": CUDA failed: " + e.getMessage());
        }
    }

    private static int blocks(int n) {
        return (n + BLOCK - 1) / BLOCK;
    }

    /** One pointer per kernel parameter: ints, floats and device buffers, in order. */
    private static Pointer params(Object... values) {
        Pointer[] pointers = new Pointer[values.length];
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof Integer number) {
                pointers[i] = Pointer.to(new int[] {number});
            } else if (value instanceof Float number) {
                pointers[i] = Pointer.to(new float[] {number});
            } else if (value instanceof CUdeviceptr buffer) {
                pointers[i] = Pointer.to(buffer);
            } else {
                throw new IllegalArgumentException(value + ": not a kernel parameter");
            }
        }
        return Pointer.to(pointers);
    }

    /** The body of one call, given a launch that frees its device buffers. */
    @FunctionalInterface
    private interface Work {
        float run(Launch launch);
    }

    /** A launch shape: blocks in x and y, threads per block in x and y. */
    private record Grid(int x, int y, int blockX, int blockY) {
        static Grid line(int blocks) {
            return new Grid(blocks, 1, BLOCK, 1);
        }
    }

    /** The device buffers of one call, freed on close. */
    private static final class Launch implements AutoCloseable {
        private final List<CUdeviceptr> buffers = new ArrayList<>();

        Launch(CUcontext context) {
            JCudaDriver.cuCtxSetCurrent(context);
        }

        CUdeviceptr allocate(int floats) {
            CUdeviceptr buffer = new CUdeviceptr();
            JCudaDriver.cuMemAlloc(buffer, (long) floats * Float.BYTES);
            buffers.add(buffer);
            return buffer;
        }

        CUdeviceptr upload(float[] values) {
            CUdeviceptr buffer = allocate(values.length);
            JCudaDriver.cuMemcpyHtoD(
                    buffer, Pointer.to(values), (long) values.length * Float.BYTES);
            return buffer;
        }

        void download(CUdeviceptr buffer, float[] into) {
            JCudaDriver.cuMemcpyDtoH(Pointer.to(into), buffer, (long) into.length * Float.BYTES);
        }

        void run(CUfunction function, Grid grid, Pointer params) {
            JCudaDriver.cuLaunchKernel(
                    function,
                    grid.x(),
                    grid.y(),
                    1,
                    grid.blockX(),
                    grid.blockY(),
                    1,
                    0,
                    null,
                    params,
                    null);
            JCudaDriver.cuCtxSynchronize();
        }

        /** The block partials added in double on the host. */
        float total(CUdeviceptr partials, int count) {
            float[] values = new float[count];
            download(partials, values);
            double total = 0;
            for (float value : values) {
                total += value;
            }
            return (float) total;
        }

        @Override
        public void close() {
            buffers.forEach(JCudaDriver::cuMemFree);
        }
    }

    /** The module of one device with its functions, in the device's primary context. */
    private record Loaded(
            CUcontext context,
            CUfunction saxpy,
            CUfunction vecAdd,
            CUfunction dotPartials,
            CUfunction sumPartials,
            CUfunction matmul) {

        static Loaded load(int ordinal, byte[] ptx) {
            CUdevice device = new CUdevice();
            JCudaDriver.cuDeviceGet(device, ordinal);
            CUcontext context = new CUcontext();
            JCudaDriver.cuDevicePrimaryCtxRetain(context, device);
            JCudaDriver.cuCtxSetCurrent(context);
            CUmodule module = new CUmodule();
            // The driver reads the PTX as a C string.
            JCudaDriver.cuModuleLoadData(module, Arrays.copyOf(ptx, ptx.length + 1));
            return new Loaded(
                    context,
                    function(module, "saxpy"),
                    function(module, "vec_add"),
                    function(module, "dot_partials"),
                    function(module, "sum_partials"),
                    function(module, "matmul"));
        }

        private static CUfunction function(CUmodule module, String name) {
            CUfunction function = new CUfunction();
            JCudaDriver.cuModuleGetFunction(function, module, name);
            return function;
        }
    }
}
