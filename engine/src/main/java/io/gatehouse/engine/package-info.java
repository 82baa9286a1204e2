/**
 * Framework-free decision code shared by the data plane (which enforces) and the control plane (which
 * validates rules and answers "would this call pass, and why"): one engine, so a simulation and an
 * enforcement can never disagree. Depends on {@code protocol} and plain libraries only.
 */
package io.gatehouse.engine;
