/** Incidents exported whole for a postmortem, as JSON (with its schema in docs/) and Markdown. */
package io.tensorwasm.ops.oncall.export;
