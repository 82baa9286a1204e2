package io.gatehouse.terraform.internal.provider;

import static io.gatehouse.terraform.internal.cty.CtyType.STRING;

import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.terraform.internal.resources.Obj;
import io.gatehouse.terraform.internal.schema.Attribute;
import io.gatehouse.terraform.internal.schema.Block;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.Diagnostic;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The provider block: {@code api_url} and {@code token}, falling back to GATEHOUSE_API_URL / GATEHOUSE_API_TOKEN. */
final class ProviderConfig {
    static final String API_URL_ENV = "GATEHOUSE_API_URL";
    static final String TOKEN_ENV = "GATEHOUSE_API_TOKEN";

    static final Block SCHEMA = new Block(
            List.of(
                    Attribute.optional(
                            "api_url",
                            STRING,
                            "Control-plane REST base, e.g. http://localhost:8080/api/v1 (or its root). Default: $"
                                    + API_URL_ENV + "."),
                    Attribute.optional("token", STRING, "API token of the tenant. Default: $" + TOKEN_ENV + ".")
                            .secret()),
            "Gatehouse: MCP servers, scopes, policies and the rest of a tenant's configuration.");

    private ProviderConfig() {}

    /** A configured client, or the diagnostics saying what is missing. */
    sealed interface Result {}

    record Configured(Gatehouse client) implements Result {}

    record Invalid(List<Diagnostic> diagnostics) implements Result {}

    static Result configure(Obj config, Map<String, String> env) {
        String url = firstNonBlank(config.str("api_url"), env.get(API_URL_ENV));
        String token = firstNonBlank(config.str("token"), env.get(TOKEN_ENV));
        if (url == null) {
            return new Invalid(List.of(Diagnostics.error(
                    "Missing api_url",
                    "Set api_url in the provider block or " + API_URL_ENV + " in the environment.",
                    Diagnostics.path("api_url"))));
        }
        if (token == null) {
            return new Invalid(List.of(Diagnostics.error(
                    "Missing token",
                    "Set token in the provider block or " + TOKEN_ENV + " in the environment.",
                    Diagnostics.path("token"))));
        }
        String root = url.trim().replaceAll("/+$", "").replaceAll("/api/v1$", "");
        URI uri;
        try {
            uri = URI.create(root);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            return new Invalid(List.of(Diagnostics.error(
                    "Invalid api_url",
                    "api_url: '" + url + "' (expected: an absolute http(s) URL such as http://localhost:8080/api/v1)",
                    Diagnostics.path("api_url"))));
        }
        return new Configured(
                Gatehouse.builder().baseUrl(root).token(token.trim()).build());
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
