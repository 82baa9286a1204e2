/** Wire contracts shared by both planes and the SDK: REST records, bundle and audit formats, JWS helpers. */
package io.gatehouse.protocol;
