/** The home page: what fires now, the platform's health and the alert-to-runbook index. */
package io.tensorwasm.ops.web.home;
