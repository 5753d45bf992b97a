/** Signing in to the console with a token, and signing out. */
package io.tensorwasm.ops.web.signin;
