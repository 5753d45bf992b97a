/**
 * Who is calling and what they may do: bearer tokens and sessions checked against the console's
 * tokens, roles per route, CSRF, security headers, and the places event streams hold.
 */
package io.tensorwasm.ops.web.auth;
