/** Terraform provider for Gatehouse (plugin protocol v6), built on the SDK. */
package io.gatehouse.terraform;
