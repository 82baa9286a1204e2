package io.gatehouse.terraform.internal.provider;

import io.gatehouse.protocol.api.FieldError;
import io.gatehouse.sdk.ApiConnectionException;
import io.gatehouse.sdk.AuthenticationException;
import io.gatehouse.sdk.GatehouseException;
import io.gatehouse.sdk.PermissionDeniedException;
import io.gatehouse.sdk.PreconditionFailedException;
import io.gatehouse.terraform.internal.schema.Block;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.AttributePath;
import io.gatehouse.terraform.internal.tfplugin6.Tfplugin6.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns failures into Terraform diagnostics. A validation error of the API names a JSON field such
 * as {@code rules[0].effect}; it is reported on the matching attribute ({@code rule[0].effect}) so
 * Terraform points at the line of the configuration that caused it.
 */
final class Diagnostics {
    private static final Pattern INDEXED = Pattern.compile("^([A-Za-z]+)\\[(\\d+)\\]\\.(.+)$");
    private static final Pattern INDEX = Pattern.compile("\\[\\d+\\]");

    private Diagnostics() {}

    static Diagnostic error(String summary, String detail) {
        return Diagnostic.newBuilder()
                .setSeverity(Diagnostic.Severity.ERROR)
                .setSummary(summary)
                .setDetail(detail)
                .build();
    }

    static Diagnostic error(String summary, String detail, AttributePath path) {
        return error(summary, detail).toBuilder().setAttribute(path).build();
    }

    static AttributePath path(Object... steps) {
        AttributePath.Builder out = AttributePath.newBuilder();
        for (Object step : steps) {
            if (step instanceof Integer index) {
                out.addSteps(AttributePath.Step.newBuilder().setElementKeyInt(index));
            } else {
                out.addSteps(AttributePath.Step.newBuilder().setAttributeName(step.toString()));
            }
        }
        return out.build();
    }

    /** Diagnostics for a failed call; {@code schema}/{@code aliases} locate field errors. */
    static List<Diagnostic> of(RuntimeException failure, String action, Block schema, Map<String, String> aliases) {
        List<Diagnostic> out = new ArrayList<>();
        if (failure instanceof GatehouseException api && !api.fieldErrors().isEmpty()) {
            for (FieldError field : api.fieldErrors()) {
                Optional<List<Object>> steps =
                        schema == null ? Optional.empty() : locate(schema, aliases, field.field());
                String where = steps.map(Diagnostics::display).orElse(field.field());
                String detail = where + ": " + field.message() + " (API field " + field.field() + ", request "
                        + api.requestId() + ")";
                String summary = "Invalid value for " + where;
                out.add(
                        steps.isPresent()
                                ? error(summary, detail, path(steps.get().toArray()))
                                : error(summary, detail));
            }
            return out;
        }
        String summary = switch (failure) {
            case PreconditionFailedException p ->
                "The object changed outside Terraform after it was last read; run terraform plan again";
            case AuthenticationException a -> "Gatehouse rejected the API token (check token / GATEHOUSE_API_TOKEN)";
            case PermissionDeniedException p -> "The API token's role may not " + action;
            case ApiConnectionException c -> "Cannot reach the Gatehouse API (check api_url / GATEHOUSE_API_URL)";
            case GatehouseException g -> "Gatehouse API error while trying to " + action;
            default -> "Cannot " + action;
        };
        out.add(error(summary, failure.getMessage() == null ? failure.toString() : failure.getMessage()));
        return out;
    }

    /** The attribute path of an API field, if the schema has one. */
    static Optional<List<Object>> locate(Block schema, Map<String, String> aliases, String field) {
        List<Object> steps = new ArrayList<>();
        Block block = schema;
        String rest = field;
        Matcher indexed = INDEXED.matcher(field);
        if (indexed.matches()) {
            String name = aliases.getOrDefault(indexed.group(1), snake(indexed.group(1)));
            Optional<Block.NestedBlock> nested = block.block(name);
            if (nested.isPresent()) {
                steps.add(name);
                steps.add(Integer.parseInt(indexed.group(2)));
                block = nested.get().block();
                rest = indexed.group(3);
            }
        }
        String plain = INDEX.matcher(rest).replaceAll("");
        for (String candidate : List.of(plain, plain.contains(".") ? plain.substring(0, plain.indexOf('.')) : plain)) {
            String name = aliases.getOrDefault(candidate, snake(candidate.replace('.', '_')));
            if (block.attribute(name).isPresent()) {
                steps.add(name);
                return Optional.of(steps);
            }
        }
        return steps.isEmpty() ? Optional.empty() : Optional.of(steps);
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String display(List<Object> steps) {
        StringBuilder out = new StringBuilder();
        for (Object step : steps) {
            if (step instanceof Integer i) {
                out.append('[').append(i).append(']');
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(step);
            }
        }
        return out.toString();
    }
}
