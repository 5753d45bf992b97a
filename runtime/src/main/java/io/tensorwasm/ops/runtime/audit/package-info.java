/** The audit log's file segments: rotated by size or age, hash-chained, archived and verified. */
package io.tensorwasm.ops.runtime.audit;
