/**
 * Trace ids of requests ({@code x-trace-id}) and their spans, exported over OTLP when configured.
 */
package io.tensorwasm.ops.runtime.trace;
