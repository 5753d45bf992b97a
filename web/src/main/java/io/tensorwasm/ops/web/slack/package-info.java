/** Slack: signed clicks on pages and approval requests, the users they map to, and their audit. */
package io.tensorwasm.ops.web.slack;
