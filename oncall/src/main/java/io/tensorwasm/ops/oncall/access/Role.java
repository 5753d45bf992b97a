package io.tensorwasm.ops.oncall.access;

import java.util.Locale;

/** What a console user may do; each role can do everything the roles before it can. */
public enum Role {
    /** Reads runbooks, executions, incidents and drills. */
    VIEWER,
    /** Also starts dry runs and interactive runs. */
    OPERATOR,
    /** Also approves steps that need approval. */
    APPROVER,
    /** Also issues and revokes tokens and flips the kill switch. */
    ADMIN;

    /** True when this role includes the required one. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    /** The lower-case name used in pages, the database and the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a role from its label; an unknown one lists the valid labels. */
    public static Role parse(String label) {
        for (Role role : values()) {
            if (role.label().equals(label)) {
                return role;
            }
        }
        throw new IllegalArgumentException(
                label + ": unknown role; roles are viewer, operator, approver, admin");
    }
}
