/**
 * Runs driven in this process: the engine's executor on its own thread with a person, or nobody,
 * answering its questions.
 */
package io.tensorwasm.ops.oncall.run;
