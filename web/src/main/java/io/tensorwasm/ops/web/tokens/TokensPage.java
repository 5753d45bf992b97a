package io.tensorwasm.ops.web.tokens;

import io.tensorwasm.ops.oncall.access.Principal;
import java.util.List;

/**
 * The admin's list of active console tokens: who holds one and with which role. Secrets are never
 * shown; new tokens are issued on the host with {@code twops token issue}.
 *
 * @param tokens the active tokens
 * @param notice what the last action did, or empty
 */
public record TokensPage(List<Principal> tokens, String notice) {}
