/** Reads runbooks (Markdown with YAML front matter, and the seed's table style) and lints them. */
package io.tensorwasm.ops.engine.parse;
