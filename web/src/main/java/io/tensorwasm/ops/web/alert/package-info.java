/** Alerts firing now, as the home page lists them. */
package io.tensorwasm.ops.web.alert;
