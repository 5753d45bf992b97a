/** The runbook catalogue as the console shows it: pages, lint problems, live values, Grafana. */
package io.tensorwasm.ops.web.runbook;
