package io.gatehouse.dataplane.bundle;

import io.gatehouse.dataplane.upstream.UpstreamAuthSettings;
import io.gatehouse.protocol.bundle.UpstreamAuth;
import java.util.Set;

/** Maps the bundle's upstream-auth model (secret references only) to the credential settings. */
public final class UpstreamAuthMapper {

    private UpstreamAuthMapper() {}

    public static UpstreamAuthSettings toSettings(UpstreamAuth auth) {
        return switch (auth) {
            case UpstreamAuth.None none -> new UpstreamAuthSettings.None();
            case UpstreamAuth.StaticHeader header ->
                new UpstreamAuthSettings.StaticHeader(
                        header.header(), header.secret().toString(), header.valuePrefix());
            case UpstreamAuth.ClientCredentials cc ->
                new UpstreamAuthSettings.ClientCredentials(
                        cc.tokenEndpoint(),
                        cc.clientId(),
                        cc.clientSecret().toString(),
                        Set.copyOf(cc.scopes()),
                        null,
                        cc.resource() == null ? null : cc.resource().toString());
            case UpstreamAuth.TokenExchange te ->
                new UpstreamAuthSettings.TokenExchange(
                        te.tokenEndpoint(),
                        te.clientId(),
                        te.clientSecret().toString(),
                        te.audience(),
                        te.resource() == null ? null : te.resource().toString(),
                        Set.copyOf(te.scopes()),
                        te.requestedTokenType());
        };
    }
}
