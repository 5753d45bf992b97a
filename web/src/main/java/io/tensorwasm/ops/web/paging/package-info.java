/** Pages to people: severities, rotations, the delivery adapters' wire formats, escalation. */
package io.tensorwasm.ops.web.paging;
