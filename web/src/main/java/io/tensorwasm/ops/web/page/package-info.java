/** Rendering console pages: FreeMarker templates, the layout every page shares, message pages. */
package io.tensorwasm.ops.web.page;
