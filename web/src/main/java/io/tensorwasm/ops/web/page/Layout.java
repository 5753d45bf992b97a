package io.tensorwasm.ops.web.page;

import io.tensorwasm.ops.oncall.access.Principal;

/**
 * What every page's frame needs: the section for the navigation, who is signed in, the CSRF token
 * for forms, and whether to show the "runtime unreachable" banner.
 *
 * @param section the page's name, to mark the navigation
 * @param principal the signed-in user, or null on the login page
 * @param csrfToken the value of the hidden {@code X-XSRF-TOKEN} field of every form
 * @param runtimeDown whether the runtime failed its last health check
 */
public record Layout(String section, Principal principal, String csrfToken, boolean runtimeDown) {

    /** The form field name the CSRF check reads. */
    public String csrfField() {
        return "X-XSRF-TOKEN";
    }
}
