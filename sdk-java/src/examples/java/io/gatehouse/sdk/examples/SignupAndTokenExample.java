package io.gatehouse.sdk.examples;

import io.gatehouse.protocol.api.ActivityEntry;
import io.gatehouse.protocol.api.ApiToken;
import io.gatehouse.protocol.api.ApiTokenRequest;
import io.gatehouse.protocol.api.Role;
import io.gatehouse.protocol.api.SignupRequest;
import io.gatehouse.protocol.api.SignupResponse;
import io.gatehouse.sdk.Gatehouse;
import io.gatehouse.sdk.ListParams;

/** Signs up a tenant, mints a role-scoped API token for CI, and reads the activity log. */
public final class SignupAndTokenExample {
    private SignupAndTokenExample() {}

    public static void main(String[] args) {
        Gatehouse anonymous = Gatehouse.builder()
                .baseUrl(System.getenv().getOrDefault("GATEHOUSE_API_URL", "http://localhost:8080"))
                .build();
        SignupResponse signup =
                anonymous.auth().signup(new SignupRequest("Acme", "ops@acme.example", "a long enough passphrase"));
        Gatehouse owner = anonymous.withToken(signup.token());

        ApiToken ci = owner.tokens().create(new ApiTokenRequest("ci pipeline", Role.EDITOR, 90));
        System.out.println("store this now, it is shown once: " + ci.token());

        for (ActivityEntry entry : owner.activity().listAll(ListParams.create().limit(20))) {
            System.out.println(entry.at() + " " + entry.action() + " " + entry.resourceType() + " " + entry.resourceId());
        }
    }
}
