package io.gatehouse.console.ui.forms;

import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.ValidationResult;
import io.gatehouse.protocol.api.Server;
import io.gatehouse.protocol.api.ServerRequest;
import io.gatehouse.protocol.api.ServerStatus;
import io.gatehouse.protocol.api.Transport;
import io.gatehouse.protocol.api.UpstreamAuth;
import io.gatehouse.protocol.api.UpstreamAuthType;
import java.util.Map;
import java.util.stream.Collectors;

/** Registers or edits an MCP server: where it is, how the gateway authenticates to it, its status. */
public final class ServerForm extends ApiForm<ServerRequest> {
    final TextField name = new TextField("Name");
    final TextField slug = new TextField("Slug (route /mcp/{slug})");
    final TextField upstreamUrl = new TextField("Upstream URL");
    final Select<Transport> transport = new Select<>();
    final Select<ServerStatus> status = new Select<>();
    final Select<UpstreamAuthType> authType = new Select<>();
    final TextField secretRef = new TextField("Secret reference");
    final TextField header = new TextField("Header (API key)");
    final TextField tokenUrl = new TextField("Token URL");
    final TextField clientId = new TextField("Client id");
    final TextField allowedOrigins = new TextField("Allowed browser origins (comma-separated)");
    final TextField labels = new TextField("Labels (key=value, comma-separated)");

    public ServerForm(Server existing) {
        name.setId("server-name");
        slug.setId("server-slug");
        upstreamUrl.setId("server-upstreamUrl");
        upstreamUrl.setPlaceholder("https://mcp.internal.example/mcp");
        transport.setLabel("Transport");
        transport.setItems(Transport.values());
        transport.setValue(Transport.STREAMABLE_HTTP);
        status.setLabel("Status");
        status.setItems(ServerStatus.values());
        status.setValue(ServerStatus.PENDING);
        status.setHelperText("Only approved servers are routed by the data planes");
        status.setId("server-status");
        authType.setLabel("Upstream credential");
        authType.setItems(UpstreamAuthType.values());
        authType.setValue(UpstreamAuthType.NONE);
        secretRef.setHelperText("env:NAME, file:/path, vault:path#key or k8s:ns/name#key; resolved by the data plane");
        authType.addValueChangeListener(e -> showAuthFields());

        bind(field("name", name).asRequired("Name the server"));
        bind(field("slug", slug)
                .withValidator((v, c) -> v.isBlank() || v.matches("[a-z0-9][a-z0-9-]{0,62}")
                        ? ValidationResult.ok()
                        : ValidationResult.error("Lower-case letters, digits and dashes")));
        bind(field("upstreamUrl", upstreamUrl)
                .asRequired("Where the MCP server listens")
                .withValidator(Inputs.url(false)));
        bind(field("transport", transport).asRequired("Choose a transport"));
        bind(field("status", status).asRequired("Choose a status"));
        bind(field("upstreamAuth", authType));
        bind(field("upstreamAuth.secretRef", secretRef)
                .withValidator(Inputs.secretRef())
                .withValidator((v, c) -> authType.getValue() == UpstreamAuthType.NONE || !v.isBlank()
                        ? ValidationResult.ok()
                        : ValidationResult.error("This credential type needs a secret reference")));
        bind(field("upstreamAuth.header", header));
        bind(field("upstreamAuth.tokenUrl", tokenUrl).withValidator(Inputs.url(false)));
        bind(field("upstreamAuth.clientId", clientId));
        bind(field("allowedOrigins", allowedOrigins));
        bind(field("labels", labels).withValidator(Inputs.pairs()));
        add(
                name,
                slug,
                upstreamUrl,
                transport,
                status,
                authType,
                secretRef,
                header,
                tokenUrl,
                clientId,
                allowedOrigins,
                labels);
        addFormError();
        if (existing != null) {
            name.setValue(existing.name());
            slug.setValue(nz(existing.slug()));
            upstreamUrl.setValue(existing.upstreamUrl());
            transport.setValue(existing.transport());
            status.setValue(existing.status());
            UpstreamAuth auth = existing.upstreamAuth();
            if (auth != null && auth.type() != null) {
                authType.setValue(auth.type());
                secretRef.setValue(nz(auth.secretRef()));
                header.setValue(nz(auth.header()));
                tokenUrl.setValue(nz(auth.tokenUrl()));
                clientId.setValue(nz(auth.clientId()));
            }
            allowedOrigins.setValue(
                    existing.allowedOrigins() == null ? "" : String.join(", ", existing.allowedOrigins()));
            labels.setValue(
                    existing.labels() == null
                            ? ""
                            : existing.labels().entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining(", ")));
        }
        showAuthFields();
    }

    private void showAuthFields() {
        UpstreamAuthType type = authType.getValue();
        boolean any = type != null && type != UpstreamAuthType.NONE;
        boolean oauth = type == UpstreamAuthType.OAUTH2_CLIENT_CREDENTIALS || type == UpstreamAuthType.TOKEN_EXCHANGE;
        secretRef.setVisible(any);
        header.setVisible(type == UpstreamAuthType.API_KEY);
        tokenUrl.setVisible(oauth);
        clientId.setVisible(oauth);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    @Override
    public ServerRequest toRequest() {
        UpstreamAuthType type = authType.getValue() == null ? UpstreamAuthType.NONE : authType.getValue();
        UpstreamAuth auth = type == UpstreamAuthType.NONE
                ? new UpstreamAuth(UpstreamAuthType.NONE, null, null, null, null, null)
                : new UpstreamAuth(
                        type,
                        Inputs.blankToNull(secretRef.getValue()),
                        header.isVisible() ? Inputs.blankToNull(header.getValue()) : null,
                        tokenUrl.isVisible() ? Inputs.blankToNull(tokenUrl.getValue()) : null,
                        clientId.isVisible() ? Inputs.blankToNull(clientId.getValue()) : null,
                        null);
        Map<String, String> labelMap = Inputs.pairs(labels.getValue());
        return new ServerRequest(
                name.getValue().trim(),
                Inputs.blankToNull(slug.getValue()),
                upstreamUrl.getValue().trim(),
                transport.getValue(),
                auth,
                Inputs.list(allowedOrigins.getValue()),
                status.getValue(),
                labelMap);
    }
}
