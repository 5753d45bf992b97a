/** The console's pages: routes, page records and their FreeMarker templates. */
package io.tensorwasm.ops.web.console;
