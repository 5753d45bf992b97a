/**
 * What the console's pages show of incidents and the runs that worked them, built from the records
 * (issue #17): the incident page with who is paged and what comes next, its timeline folded by run,
 * how a run names its incident and outcome, and the question a run start asks while its runbook has
 * an open incident. The web module serves these; it decides nothing in them.
 */
package io.tensorwasm.ops.oncall.view;
