package io.tensorwasm.ops.runtime.gpu;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * What the CUDA driver says about this machine, asked once per JVM: JCuda's native binding must
 * load (it needs the driver's {@code libcuda.so.1}), {@code cuInit} must succeed and {@code
 * cuDeviceGetCount} must find a device.
 *
 * @param devices the CUDA devices found; 0 when CUDA is unusable
 * @param reason why CUDA is usable or not, for the one line the runtime logs at start
 */
record CudaProbe(int devices, String reason) {

    private static final Pattern MISSING_LIBRARY =
            Pattern.compile(
                    "([\\w.+-]+\\.so[.\\d]*): cannot open shared object file: ([^\\r\\n]+)");

    /** True when kernels can run on device 0. */
    boolean available() {
        return devices > 0;
    }

    /** The probe of this JVM; the driver binding can be loaded only once per JVM, so it is kept. */
    static CudaProbe once() {
        return Holder.PROBE;
    }

    private static CudaProbe run() {
        try {
            JCudaDriver.setExceptionsEnabled(false);
            int init = JCudaDriver.cuInit(0);
            if (init != CUresult.CUDA_SUCCESS) {
                return new CudaProbe(0, "cuInit(0) failed with " + CUresult.stringFor(init));
            }
            int[] count = new int[1];
            int counted = JCudaDriver.cuDeviceGetCount(count);
            if (counted != CUresult.CUDA_SUCCESS) {
                return new CudaProbe(
                        0, "cuDeviceGetCount failed with " + CUresult.stringFor(counted));
            }
            if (count[0] == 0) {
                return new CudaProbe(0, "cuDeviceGetCount found no CUDA device");
            }
            return new CudaProbe(
                    count[0], count[0] + " CUDA device(s); using device 0, " + deviceName(0));
        } catch (LinkageError e) {
            // The boundary with the native world: UnsatisfiedLinkError on the first touch of
            // JCudaDriver, NoClassDefFoundError on any later one. Either means no usable driver.
            return new CudaProbe(0, "JCuda's driver binding did not load: " + cause(e));
        }
    }

    private static String deviceName(int ordinal) {
        CUdevice device = new CUdevice();
        JCudaDriver.cuDeviceGet(device, ordinal);
        byte[] name = new byte[256];
        JCudaDriver.cuDeviceGetName(name, name.length, device);
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        return "\"" + new String(name, 0, end, StandardCharsets.UTF_8) + "\"";
    }

    /**
     * The line of JCuda's long, multi-line message that names the missing library, such as {@code
     * libcuda.so.1: cannot open shared object file: No such file or directory}.
     */
    static String cause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            Matcher missing = MISSING_LIBRARY.matcher(message);
            if (missing.find()) {
                return missing.group(1) + ": cannot open shared object file: " + missing.group(2);
            }
        }
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        return message.lines().findFirst().orElse(error.getClass().getName());
    }

    private static final class Holder {
        static final CudaProbe PROBE = run();
    }
}
