package io.tensorwasm.ops.web.page;

/**
 * A page that says one thing: not found, not allowed, something failed.
 *
 * @param title the heading
 * @param message what happened and what to do
 */
public record MessagePage(String title, String message) {}
