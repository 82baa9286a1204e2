package io.gatehouse.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.controlplane.auth.Public;
import io.gatehouse.controlplane.auth.Requires;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every endpoint declares exactly one of {@code @Requires} and {@code @Public}; only four are public. */
class EndpointSecurityTest {

    @Test
    void everyEndpointDeclaresItsPermission() {
        List<String> undeclared = new ArrayList<>();
        List<String> publicEndpoints = new ArrayList<>();
        for (Class<?> resource : ResourceClasses.all()) {
            for (Method m : resource.getDeclaredMethods()) {
                boolean endpoint = m.isAnnotationPresent(GET.class)
                        || m.isAnnotationPresent(POST.class)
                        || m.isAnnotationPresent(PUT.class)
                        || m.isAnnotationPresent(DELETE.class);
                if (!endpoint) {
                    continue;
                }
                boolean requires = m.isAnnotationPresent(Requires.class);
                boolean isPublic = m.isAnnotationPresent(Public.class);
                if (requires == isPublic) {
                    undeclared.add(resource.getSimpleName() + "." + m.getName());
                }
                if (isPublic) {
                    publicEndpoints.add(resource.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertThat(ResourceClasses.all()).hasSizeGreaterThanOrEqualTo(17);
        assertThat(undeclared).isEmpty();
        assertThat(publicEndpoints)
                .containsExactlyInAnyOrder(
                        "SignupResource.signup",
                        "SessionsResource.login",
                        "InvitationAcceptResource.accept",
                        // the enrollment token in the body is the credential
                        "DataPlaneEnrollResource.enroll");
    }
}
