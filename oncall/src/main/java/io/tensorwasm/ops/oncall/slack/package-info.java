/**
 * Slack: signed clicks on pages and approval requests, what they do, the users they map to, their
 * audit, and the approval requests posted to Slack.
 */
package io.tensorwasm.ops.oncall.slack;
