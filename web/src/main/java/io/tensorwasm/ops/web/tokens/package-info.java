/** The tokens page: issue and revoke console tokens (admin). */
package io.tensorwasm.ops.web.tokens;
