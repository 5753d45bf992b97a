/**
 * Response figures from the incident records: times to acknowledge and resolve, pages per person.
 */
package io.tensorwasm.ops.oncall.report;
