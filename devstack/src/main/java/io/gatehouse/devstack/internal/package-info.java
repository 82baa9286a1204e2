/** Not API: process, port, file and token plumbing behind the devstack components. */
package io.gatehouse.devstack.internal;
