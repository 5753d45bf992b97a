// The V8 baseline of the Wasm compute benchmark: Node runs the same corpus .wasm files that
// WasmComputeBench runs on Chicory. Usage: node wasm-bench.mjs FIB.wasm MATMUL.wasm OUT.json
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [fibPath, matmulPath, outPath] = process.argv.slice(2);
const WARMUP_MS = 2000;
const MEASURE_MS = 5000;
const ROUND_MS = 100;

async function exportsOf(path) {
  const { instance } = await WebAssembly.instantiate(readFileSync(path), {});
  return instance.exports;
}

// Mean milliseconds per call over rounds of about 100 ms, after a warm-up, as JMH's average time.
function millisPerCall(call) {
  const warm = performance.now() + WARMUP_MS;
  while (performance.now() < warm) call();
  const rounds = [];
  const end = performance.now() + MEASURE_MS;
  while (performance.now() < end) {
    const start = performance.now();
    let calls = 0;
    do {
      call();
      calls++;
    } while (performance.now() - start < ROUND_MS);
    rounds.push((performance.now() - start) / calls);
  }
  return rounds.reduce((a, b) => a + b, 0) / rounds.length;
}

const fib = await exportsOf(fibPath);
const matmul = await exportsOf(matmulPath);
matmul.fill(128);
if (fib.fib(27) !== 196418) throw new Error('fib(27) is not 196418');
const result = {
  node: process.version,
  fib27Millis: millisPerCall(() => fib.fib(27)),
  matmul128Millis: millisPerCall(() => matmul.multiply(128)),
};
writeFileSync(outPath, JSON.stringify(result, null, 2));
console.log('v8: ' + JSON.stringify(result));
