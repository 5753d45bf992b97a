/** The benchmark runner's report: results of one run turned into the tables of BENCHMARKS.md. */
package io.tensorwasm.ops.bench;
