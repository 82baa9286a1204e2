/** Benchmark harness; results in bench/RESULTS.md. */
package io.gatehouse.bench;
