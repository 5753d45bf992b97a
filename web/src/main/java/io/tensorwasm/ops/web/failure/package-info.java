/** What the console refuses or cannot do, by category: the exceptions its one error table maps. */
package io.tensorwasm.ops.web.failure;
