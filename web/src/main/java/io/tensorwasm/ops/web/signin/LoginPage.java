package io.tensorwasm.ops.web.signin;

/**
 * The sign-in form.
 *
 * @param next where to go after signing in; always a path on this console
 * @param error why the last attempt failed, or empty
 */
public record LoginPage(String next, String error) {}
