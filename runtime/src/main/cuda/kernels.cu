// The CUDA side of the tensor_wasm host imports (docs/KERNELS.md). CudaKernels loads the PTX that
// nvcc makes from this file, shipped as io/tensorwasm/ops/runtime/gpu/kernels.ptx; after a change,
// regenerate it with regenerate-ptx beside this file (needs nvcc). The PTX names this file's
// SHA-256, which PtxMatchesSourceTest checks without nvcc.
//
// Every kernel is float32 and extern "C", so the PTX names are the names CudaKernels looks up.
// matmul accumulates each output in increasing k with fused multiply-adds, exactly as the CPU
// backend does with Math.fma, so the two backends agree bit for bit; dot and sum reduce per
// block in float and leave the adding of the block partials to the host (in double).

#define BLOCK 256
#define TILE 16

extern "C" __global__ void saxpy(int n, float a, const float* x, float* y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        y[i] = fmaf(a, x[i], y[i]);
    }
}

extern "C" __global__ void vec_add(int n, const float* x, const float* y, float* out) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        out[i] = x[i] + y[i];
    }
}

// One partial per block: the block's threads add their products in shared memory.
__device__ void reduce_block(float value, float* partials) {
    __shared__ float cache[BLOCK];
    cache[threadIdx.x] = value;
    __syncthreads();
    for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
        if (threadIdx.x < stride) {
            cache[threadIdx.x] += cache[threadIdx.x + stride];
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) {
        partials[blockIdx.x] = cache[0];
    }
}

extern "C" __global__ void dot_partials(int n, const float* x, const float* y, float* partials) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    reduce_block(i < n ? x[i] * y[i] : 0.0f, partials);
}

extern "C" __global__ void sum_partials(int n, const float* x, float* partials) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    reduce_block(i < n ? x[i] : 0.0f, partials);
}

// c (m x n) = a (m x k) * b (k x n), row-major, in TILE x TILE tiles of shared memory.
extern "C" __global__ void matmul(int m, int k, int n, const float* a, const float* b, float* c) {
    __shared__ float as[TILE][TILE];
    __shared__ float bs[TILE][TILE];
    int row = blockIdx.y * TILE + threadIdx.y;
    int col = blockIdx.x * TILE + threadIdx.x;
    float acc = 0.0f;
    for (int t = 0; t < k; t += TILE) {
        int ak = t + threadIdx.x;
        int bk = t + threadIdx.y;
        as[threadIdx.y][threadIdx.x] = row < m && ak < k ? a[(size_t) row * k + ak] : 0.0f;
        bs[threadIdx.y][threadIdx.x] = bk < k && col < n ? b[(size_t) bk * n + col] : 0.0f;
        __syncthreads();
        int last = min(TILE, k - t);
        for (int j = 0; j < last; j++) {
            acc = fmaf(as[threadIdx.y][j], bs[j][threadIdx.x], acc);
        }
        __syncthreads();
    }
    if (row < m && col < n) {
        c[(size_t) row * n + col] = acc;
    }
}
