/** Typed Java client of the Gatehouse REST API. */
package io.gatehouse.sdk;
