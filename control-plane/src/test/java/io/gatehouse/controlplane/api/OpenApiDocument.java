package io.gatehouse.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.controlplane.api.resources.ActivityResource;
import io.gatehouse.controlplane.api.resources.BundlePublishResource;
import io.gatehouse.controlplane.api.resources.BundleRollbackResource;
import io.gatehouse.controlplane.api.resources.BundlesResource;
import io.gatehouse.controlplane.api.resources.DataPlaneEnrollResource;
import io.gatehouse.controlplane.api.resources.InvitationAcceptResource;
import io.gatehouse.controlplane.api.resources.InvitationsResource;
import io.gatehouse.controlplane.api.resources.SessionsResource;
import io.gatehouse.controlplane.api.resources.SigningKeyRotateResource;
import io.gatehouse.controlplane.api.resources.SignupResource;
import io.gatehouse.controlplane.api.resources.TokensResource;
import io.gatehouse.controlplane.api.resources.UsersResource;
import io.gatehouse.controlplane.auth.Public;
import io.gatehouse.controlplane.auth.Requires;
import io.gatehouse.controlplane.domain.CrudService;
import io.gatehouse.controlplane.domain.activity.ActivityLog;
import io.gatehouse.controlplane.domain.activity.ActivityService;
import io.gatehouse.protocol.api.BundlePublishResult;
import io.gatehouse.protocol.api.BundleVersion;
import io.gatehouse.protocol.api.Page;
import io.gatehouse.protocol.api.Problem;
import io.gatehouse.protocol.api.SessionToken;
import io.gatehouse.protocol.api.SigningKey;
import io.gatehouse.protocol.api.SignupResponse;
import io.gatehouse.protocol.fleet.EnrollmentResponse;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Builds the OpenAPI 3.1 document of the REST surface from the code itself: the JAX-RS resources
 * (paths, methods, headers, permissions), the services (filters and sorts of each listing) and the
 * {@code protocol} records (schemas). The checked-in document must equal what this builds.
 */
public final class OpenApiDocument {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Map<Class<?>, List<String>> LIST_FILTERS = Map.of(
            UsersResource.class, List.of("role"),
            InvitationsResource.class, List.of("pending"),
            TokensResource.class, List.of(),
            ActivityResource.class, ActivityService.FILTERS.stream().sorted().toList(),
            BundlesResource.class, List.of("groupId"));
    private static final Map<Class<?>, List<String>> LIST_SORTS = Map.of(
            UsersResource.class, List.of("createdAt"),
            InvitationsResource.class, List.of("createdAt"),
            TokensResource.class, List.of("createdAt"),
            ActivityResource.class, List.of("at"),
            BundlesResource.class, List.of("-createdAt"));
    /** Bodies of {@code Response}-returning methods of resources without a listing. */
    private static final Map<Class<?>, Class<?>> RESULTS = Map.of(
            BundlePublishResource.class, BundlePublishResult.class,
            BundleRollbackResource.class, BundleVersion.class,
            SigningKeyRotateResource.class, SigningKey.class,
            DataPlaneEnrollResource.class, EnrollmentResponse.class);

    private final TreeMap<String, ObjectNode> schemas = new TreeMap<>();

    public static ObjectNode build(List<Class<?>> resources) {
        return new OpenApiDocument().document(resources);
    }

    private ObjectNode document(List<Class<?>> resources) {
        ObjectNode doc = F.objectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Gatehouse control plane API");
        info.put("version", "v1");
        info.put(
                "description",
                "Generated from the control plane's resources and the protocol records;"
                        + " OpenApiDriftTest fails when they diverge. The tenant is implied by the bearer token."
                        + " See docs/api.md.");
        doc.putArray("servers").addObject().put("url", "http://localhost:8080");
        doc.putArray("security").addObject().putArray("bearer");
        TreeMap<String, ObjectNode> paths = new TreeMap<>();
        for (Class<?> resource :
                resources.stream().sorted(Comparator.comparing(Class::getName)).toList()) {
            String base = resource.getAnnotation(Path.class).value();
            Class<?> itemType = itemType(resource);
            for (Method method : Arrays.stream(resource.getDeclaredMethods())
                    .sorted(Comparator.comparing(Method::getName))
                    .toList()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = sub == null ? base : base + "/" + sub.value();
                ObjectNode operation =
                        paths.computeIfAbsent(path, p -> F.objectNode()).putObject(verb);
                operation(operation, resource, method, verb, path, itemType);
            }
        }
        ObjectNode pathsNode = doc.putObject("paths");
        paths.forEach(pathsNode::set);
        ObjectNode components = doc.putObject("components");
        ObjectNode security = components.putObject("securitySchemes").putObject("bearer");
        security.put("type", "http");
        security.put("scheme", "bearer");
        security.put("description", "A session token (ghs_...) from signup/sessions or an API token (gha_...)");
        ObjectNode problem = components.putObject("responses").putObject("Problem");
        problem.put(
                "description",
                "RFC 9457 problem details: 400 VALIDATION_FAILED (with errors[]), 401, 403, 404,"
                        + " 409, 412 PRECONDITION_FAILED, 422 IDEMPOTENCY_KEY_REUSED, 429 (Retry-After), 500");
        problem.putObject("content")
                .putObject(Problem.MEDIA_TYPE)
                .putObject("schema")
                .put("$ref", ref(Problem.class));
        ObjectNode schemaNode = components.putObject("schemas");
        schemas.forEach(schemaNode::set);
        return doc;
    }

    private void operation(
            ObjectNode op, Class<?> resource, Method method, String verb, String path, Class<?> itemType) {
        op.put("operationId", verb + resource.getSimpleName().replace("Resource", "") + capitalize(method.getName()));
        Requires requires = method.getAnnotation(Requires.class);
        if (method.isAnnotationPresent(Public.class)) {
            op.putArray("security");
        } else if (requires != null) {
            op.put("x-gatehouse-permission", requires.value().name());
        }
        ArrayNode parameters = F.arrayNode();
        Class<?> body = null;
        for (Parameter p : method.getParameters()) {
            if (p.isAnnotationPresent(PathParam.class)) {
                ObjectNode param = parameters.addObject();
                param.put("name", p.getAnnotation(PathParam.class).value());
                param.put("in", "path");
                param.put("required", true);
                param.putObject("schema").put("type", "string");
            } else if (p.isAnnotationPresent(jakarta.ws.rs.QueryParam.class)) {
                query(
                        parameters,
                        p.getAnnotation(jakarta.ws.rs.QueryParam.class).value(),
                        "string",
                        "query parameter");
            } else if (p.isAnnotationPresent(HeaderParam.class)) {
                ObjectNode param = parameters.addObject();
                param.put("name", p.getAnnotation(HeaderParam.class).value());
                param.put("in", "header");
                param.put("required", false);
                param.putObject("schema").put("type", "string");
            } else if (!p.isAnnotationPresent(Context.class)) {
                body = p.getType();
            }
        }
        boolean list = verb.equals("get") && method.getReturnType() == Page.class;
        boolean explicitQuery = Arrays.stream(method.getParameters())
                .anyMatch(p -> p.isAnnotationPresent(jakarta.ws.rs.QueryParam.class));
        boolean paged = list
                && !explicitQuery
                && Arrays.stream(method.getParameterTypes()).anyMatch(t -> t == UriInfo.class);
        if (paged) {
            query(parameters, "limit", "integer", "page size, 1..200 (default 50)");
            query(parameters, "cursor", "string", "the `next` value of the previous page");
            List<String> sorts = sorts(resource);
            query(parameters, "sort", "string", "one of " + String.join(", ", sorts) + "; prefix - to descend");
            for (String filter : filters(resource)) {
                query(parameters, filter, "string", "filter");
            }
        }
        if (!parameters.isEmpty()) {
            op.set("parameters", parameters);
        }
        if (body != null) {
            ObjectNode content =
                    op.putObject("requestBody").put("required", true).putObject("content");
            content.putObject("application/json").putObject("schema").put("$ref", ref(body));
        }
        ObjectNode responses = op.putObject("responses");
        Class<?> result = resultType(resource, method, itemType);
        String status = verb.equals("post") ? "201" : verb.equals("delete") || result == Void.class ? "204" : "200";
        ObjectNode ok = responses.putObject(status);
        ok.put("description", status.equals("204") ? "done" : "the resource");
        if (list) {
            ObjectNode schema =
                    ok.putObject("content").putObject("application/json").putObject("schema");
            schema.put("type", "object");
            schema.putArray("required").add("items").add("next");
            ObjectNode props = schema.putObject("properties");
            props.putObject("items").put("type", "array").putObject("items").put("$ref", ref(itemType));
            props.putObject("next").putArray("type").add("string").add("null");
        } else if (!status.equals("204")) {
            ok.putObject("content")
                    .putObject("application/json")
                    .putObject("schema")
                    .put("$ref", ref(result));
        }
        responses.putObject("default").put("$ref", "#/components/responses/Problem");
    }

    private static void query(ArrayNode parameters, String name, String type, String description) {
        ObjectNode param = parameters.addObject();
        param.put("name", name);
        param.put("in", "query");
        param.put("required", false);
        param.put("description", description);
        param.putObject("schema").put("type", type);
    }

    private static Class<?> resultType(Class<?> resource, Method method, Class<?> itemType) {
        if (method.getReturnType() != Response.class) {
            return method.getReturnType();
        }
        if (RESULTS.containsKey(resource)) {
            return RESULTS.get(resource);
        }
        if (resource == SignupResource.class) {
            return SignupResponse.class;
        }
        if (resource == SessionsResource.class || resource == InvitationAcceptResource.class) {
            return method.isAnnotationPresent(DELETE.class) ? Void.class : SessionToken.class;
        }
        return itemType;
    }

    /** The element type of the resource's listing, i.e. its item representation. */
    private static Class<?> itemType(Class<?> resource) {
        for (Method m : resource.getDeclaredMethods()) {
            if (m.getReturnType() == Page.class && m.getGenericReturnType() instanceof ParameterizedType p) {
                return (Class<?>) p.getActualTypeArguments()[0];
            }
        }
        return null;
    }

    private static List<String> filters(Class<?> resource) {
        CrudService<?, ?, ?> service = service(resource);
        return service != null ? service.filterNames().stream().sorted().toList() : LIST_FILTERS.get(resource);
    }

    private static List<String> sorts(Class<?> resource) {
        CrudService<?, ?, ?> service = service(resource);
        return service != null ? service.sortNames() : LIST_SORTS.get(resource);
    }

    private static CrudService<?, ?, ?> service(Class<?> resource) {
        for (Class<?> type : resource.getConstructors()[0].getParameterTypes()) {
            if (CrudService.class.isAssignableFrom(type)) {
                try {
                    Constructor<?> constructor = type.getConstructor(ActivityLog.class);
                    return (CrudService<?, ?, ?>) constructor.newInstance((ActivityLog) null);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(type + " needs a (ActivityLog) constructor", e);
                }
            }
        }
        return null;
    }

    private static String verb(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "get";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "post";
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return "put";
        }
        if (method.isAnnotationPresent(DELETE.class)) {
            return "delete";
        }
        return null;
    }

    private String ref(Class<?> type) {
        schema(type);
        return "#/components/schemas/" + type.getSimpleName();
    }

    private void schema(Class<?> record) {
        if (!record.isRecord()) {
            throw new IllegalArgumentException(record + " is not a protocol record");
        }
        if (schemas.containsKey(record.getSimpleName())) {
            return;
        }
        ObjectNode schema = F.objectNode();
        schemas.put(record.getSimpleName(), schema);
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        for (RecordComponent c : record.getRecordComponents()) {
            props.set(c.getName(), type(c.getGenericType()));
        }
    }

    private JsonNode type(Type type) {
        ObjectNode node = F.objectNode();
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                node.put("type", "array");
                node.set("items", type(p.getActualTypeArguments()[0]));
            } else if (Map.class.isAssignableFrom(raw)) {
                node.put("type", "object");
                node.set("additionalProperties", type(p.getActualTypeArguments()[1]));
            } else {
                throw new IllegalArgumentException("unsupported type " + type);
            }
            return node;
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class || c == UUID.class) {
            node.put("type", "string");
        } else if (c == Instant.class) {
            node.put("type", "string");
            node.put("format", "date-time");
        } else if (c == int.class || c == Integer.class) {
            node.put("type", "integer");
            node.put("format", "int32");
        } else if (c == long.class || c == Long.class) {
            node.put("type", "integer");
            node.put("format", "int64");
        } else if (c == boolean.class || c == Boolean.class) {
            node.put("type", "boolean");
        } else if (c.isEnum()) {
            node.put("type", "string");
            ArrayNode values = node.putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(constant.toString());
            }
        } else if (JsonNode.class.isAssignableFrom(c)) {
            node.put("description", "any JSON value");
        } else if (c.isRecord()) {
            node.put("$ref", ref(c));
        } else {
            throw new IllegalArgumentException("unsupported type " + c);
        }
        return node;
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
