/** Runs driven from the console: their threads, questions, live events, pages and history. */
package io.tensorwasm.ops.web.execution;
