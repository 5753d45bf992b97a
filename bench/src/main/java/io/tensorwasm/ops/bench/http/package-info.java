/** The HTTP load harness: wrk against the runtime and a bare Vert.x route, RSS and cold starts. */
package io.tensorwasm.ops.bench.http;
