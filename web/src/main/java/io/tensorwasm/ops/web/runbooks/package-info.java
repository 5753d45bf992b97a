/** Runbook pages: the page as written, first-look queries with live values, the step checklist. */
package io.tensorwasm.ops.web.runbooks;
