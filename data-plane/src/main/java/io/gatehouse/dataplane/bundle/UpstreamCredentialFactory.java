package io.gatehouse.dataplane.bundle;

import io.gatehouse.dataplane.upstream.UpstreamCredential;
import io.gatehouse.dataplane.upstream.UpstreamCredentialException;
import io.gatehouse.protocol.bundle.UpstreamAuth;

/** Builds the credential a route presents upstream from the bundle's secret-reference model. */
@FunctionalInterface
public interface UpstreamCredentialFactory {
    UpstreamCredential create(String serverId, UpstreamAuth auth) throws UpstreamCredentialException;
}
