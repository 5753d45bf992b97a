/** The runbook catalogue this process serves and runs, each page with its lint report. */
package io.tensorwasm.ops.oncall.catalogue;
