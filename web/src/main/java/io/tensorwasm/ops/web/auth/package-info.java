/** Who may use the console: scoped tokens, roles, sessions, CSRF and security headers. */
package io.tensorwasm.ops.web.auth;
