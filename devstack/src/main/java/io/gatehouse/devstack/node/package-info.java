/** Node.js 22 and pinned npm packages from the npm registry, installed once into a cache directory. */
package io.gatehouse.devstack.node;
