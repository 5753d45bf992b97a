/**
 * Incidents over HTTP: the Alertmanager webhook, the incident pages and their forms, and the
 * incident API.
 */
package io.tensorwasm.ops.web.incidents;
