/**
 * Runs over HTTP: execution pages with their live event streams, history, and the forms that answer
 * a run.
 */
package io.tensorwasm.ops.web.runs;
