package io.gatehouse.engine.match;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CEL expression ({@code dev.cel}) compiled and type-checked once, evaluated per request.
 *
 * <p>Declared variables:
 *
 * <ul>
 *   <li>{@code principal}: {@code map(string, dyn)} with {@code subject}, {@code issuer},
 *       {@code clientId} (strings), {@code groups}, {@code scopes} (lists of strings) and
 *       {@code claims} (map of every token claim; time claims as timestamps);
 *   <li>{@code request}: {@code map(string, dyn)} with {@code server}, {@code method},
 *       {@code resourceUri} (strings) and {@code headers} (map of lower-case name to list of values);
 *   <li>{@code tool}: string, the tool name (empty when the method is not {@code tools/call});
 *   <li>{@code args}: {@code map(string, dyn)}, the tool arguments as JSON values;
 *   <li>{@code time}: timestamp of the request;
 *   <li>{@code source}: string, the client's IP address in canonical text form.
 * </ul>
 *
 * <p>The expression must have type {@code bool} (or {@code dyn}, checked at run time). Compile
 * errors throw {@link IllegalArgumentException} with CEL's positioned message. Evaluation never
 * throws: an error (missing map key, wrong type, iteration limit) yields a {@link Result} with
 * {@code matched=false} and an {@code error} — callers fail closed on it. Comprehensions are capped
 * at {@value #MAX_ITERATIONS} iterations and expressions at {@value #MAX_EXPRESSION_LENGTH}
 * code points; CEL has no wall-clock limit, and since it has no loops beyond bounded
 * comprehensions, the iteration cap bounds the cost. Variables are built lazily, so an
 * expression that never reads {@code args} never converts them. Immutable and thread-safe.
 */
public final class CelCondition {

    /** Cap on total comprehension iterations per evaluation. */
    public static final int MAX_ITERATIONS = 10_000;
    /** Cap on expression size in code points. */
    public static final int MAX_EXPRESSION_LENGTH = 4_096;

    private static final Cel CEL = CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current()
                    .comprehensionMaxIterations(MAX_ITERATIONS)
                    .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
                    .maxParseRecursionDepth(64)
                    .enableTimestampEpoch(true)
                    .build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("principal", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("request", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("tool", SimpleType.STRING)
            .addVar("args", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("time", SimpleType.TIMESTAMP)
            .addVar("source", SimpleType.STRING)
            .build();

    /**
     * The outcome of one evaluation.
     *
     * @param matched true only when the expression evaluated to {@code true}
     * @param error empty on success; otherwise why evaluation failed (never contains argument
     *     values or claims)
     */
    public record Result(boolean matched, Optional<String> error) {
        public Result {
            requireNonNull(error, "error");
        }

        /** True when evaluation failed; the policy engine must treat this as a failed check. */
        public boolean failed() {
            return error.isPresent();
        }
    }

    private static final Result TRUE = new Result(true, Optional.empty());
    private static final Result FALSE = new Result(false, Optional.empty());

    private final String expression;
    private final CelRuntime.Program program;
    /** A direct evaluator for the string-equality subset (see {@link Direct}); null otherwise. */
    private final Direct direct;

    private CelCondition(String expression, CelRuntime.Program program, Direct direct) {
        this.expression = expression;
        this.program = program;
        this.direct = direct;
    }

    /**
     * Parses, type-checks and plans {@code expression}.
     *
     * @throws IllegalArgumentException with CEL's message (line, column, caret) when the expression
     *     does not parse, does not type-check against the declared variables, or is not boolean
     */
    public static CelCondition compile(String expression) {
        return compile(expression, true);
    }

    /** As {@link #compile(String)}; {@code direct=false} always uses the CEL interpreter (tests). */
    static CelCondition compile(String expression, boolean direct) {
        requireNonNull(expression, "expression");
        if (expression.isBlank()) {
            throw new IllegalArgumentException("CEL expression: empty (expected: a boolean expression)");
        }
        CelValidationResult result = CEL.compile(expression);
        CelAbstractSyntaxTree ast;
        try {
            ast = result.getAst();
        } catch (CelValidationException e) {
            throw new IllegalArgumentException("CEL expression does not compile: " + result.getErrorString(), e);
        }
        var type = ast.getResultType();
        if (!type.equals(SimpleType.BOOL) && !type.equals(SimpleType.DYN)) {
            throw new IllegalArgumentException(
                    "CEL expression has type " + type.name() + " (expected: bool): " + expression);
        }
        try {
            return new CelCondition(expression, CEL.createProgram(ast), direct ? Direct.of(ast.getExpr()) : null);
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException("CEL expression cannot be planned: " + e.getMessage(), e);
        }
    }

    /** Evaluates against {@code context}; never throws for evaluation failures. */
    public Result evaluate(RequestContext context) {
        return evaluate(bind(context));
    }

    /**
     * Evaluates against variables bound once per request with {@link #bind(RequestContext)}, so that
     * many conditions of one decision share the conversion of claims and arguments.
     */
    public Result evaluate(Bindings bindings) {
        requireNonNull(bindings, "bindings");
        if (direct != null) {
            return direct.test(bindings) ? TRUE : FALSE;
        }
        Object value;
        try {
            value = program.eval(bindings);
        } catch (CelEvaluationException e) {
            return new Result(false, Optional.of("CEL evaluation failed: " + safeMessage(e)));
        } catch (RuntimeException e) {
            return new Result(
                    false, Optional.of("CEL evaluation failed: " + e.getClass().getSimpleName()));
        }
        if (value instanceof Boolean b) {
            return b ? TRUE : FALSE;
        }
        return new Result(
                false,
                Optional.of("CEL expression returned "
                        + (value == null ? "null" : value.getClass().getSimpleName()) + " (expected: bool)"));
    }

    /**
     * The CEL variables of one request. Each variable is converted on first use and then reused by
     * every condition evaluated with these bindings. Meant for one request; safe to share between
     * threads (a race converts a variable twice, with equal results).
     */
    public static Bindings bind(RequestContext context) {
        return new Bindings(requireNonNull(context, "context"));
    }

    public String expression() {
        return expression;
    }

    /** True when the expression is evaluated without the interpreter (see {@link Direct}). */
    boolean isDirect() {
        return direct != null;
    }

    private static String safeMessage(CelEvaluationException e) {
        // CEL's messages name keys/functions and positions, not the values of variables.
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /**
     * The subset of CEL that policies use most and that cannot fail at run time, evaluated without
     * the interpreter: {@code ==} and {@code !=} between a string literal and a string variable that
     * every request has ({@code tool}, {@code source}, {@code principal.subject|issuer|clientId},
     * {@code request.server|method|resourceUri}), combined with {@code &&}, {@code ||} and {@code
     * !}. CEL compares strings by code points, which is {@link String#equals}; the operands can
     * never be errors, so {@code &&}/{@code ||} are plain boolean logic. Any other expression (or
     * any other variable, function or literal type) returns null from {@link #of} and is
     * interpreted. {@code CelConditionTest} checks both paths give the same results.
     */
    private sealed interface Direct {
        boolean test(Bindings bindings);

        static Direct of(dev.cel.common.ast.CelExpr expr) {
            if (expr.getKind() != dev.cel.common.ast.CelExpr.ExprKind.Kind.CALL) {
                return null;
            }
            var call = expr.call();
            if (call.target().isPresent()) {
                return null;
            }
            var args = call.args();
            switch (call.function()) {
                case "_==_", "_!=_" -> {
                    if (args.size() != 2) {
                        return null;
                    }
                    boolean negate = call.function().equals("_!=_");
                    String literal = stringLiteral(args.get(1));
                    Variable variable = Variable.of(args.get(0));
                    if (literal == null || variable == null) {
                        literal = stringLiteral(args.get(0));
                        variable = Variable.of(args.get(1));
                    }
                    return literal == null || variable == null ? null : new Equals(variable, literal, negate);
                }
                case "_&&_", "_||_" -> {
                    if (args.size() != 2) {
                        return null;
                    }
                    Direct left = of(args.get(0));
                    Direct right = of(args.get(1));
                    if (left == null || right == null) {
                        return null;
                    }
                    return call.function().equals("_&&_") ? new And(left, right) : new Or(left, right);
                }
                case "!_" -> {
                    Direct operand = args.size() == 1 ? of(args.get(0)) : null;
                    return operand == null ? null : new Not(operand);
                }
                default -> {
                    return null;
                }
            }
        }

        private static String stringLiteral(dev.cel.common.ast.CelExpr expr) {
            return expr.getKind() == dev.cel.common.ast.CelExpr.ExprKind.Kind.CONSTANT
                            && expr.constant().getKind() == dev.cel.common.ast.CelConstant.Kind.STRING_VALUE
                    ? expr.constant().stringValue()
                    : null;
        }
    }

    /** A string every request has, read straight from the context. */
    private enum Variable {
        TOOL,
        SOURCE,
        SUBJECT,
        ISSUER,
        CLIENT_ID,
        SERVER,
        METHOD,
        RESOURCE_URI;

        static Variable of(dev.cel.common.ast.CelExpr expr) {
            var kind = expr.getKind();
            if (kind == dev.cel.common.ast.CelExpr.ExprKind.Kind.IDENT) {
                return switch (expr.ident().name()) {
                    case "tool" -> TOOL;
                    case "source" -> SOURCE;
                    default -> null;
                };
            }
            if (kind != dev.cel.common.ast.CelExpr.ExprKind.Kind.SELECT
                    || expr.select().testOnly()) {
                return null;
            }
            var operand = expr.select().operand();
            if (operand.getKind() != dev.cel.common.ast.CelExpr.ExprKind.Kind.IDENT) {
                return null;
            }
            String field = expr.select().field();
            return switch (operand.ident().name()) {
                case "principal" ->
                    switch (field) {
                        case "subject" -> SUBJECT;
                        case "issuer" -> ISSUER;
                        case "clientId" -> CLIENT_ID;
                        default -> null;
                    };
                case "request" ->
                    switch (field) {
                        case "server" -> SERVER;
                        case "method" -> METHOD;
                        case "resourceUri" -> RESOURCE_URI;
                        default -> null;
                    };
                default -> null;
            };
        }

        String of(Bindings bindings) {
            RequestContext c = bindings.context;
            return switch (this) {
                case TOOL -> c.toolName();
                case SOURCE -> (String) bindings.find("source").orElseThrow();
                case SUBJECT -> c.subject();
                case ISSUER -> c.issuer();
                case CLIENT_ID -> c.clientId();
                case SERVER -> c.serverId();
                case METHOD -> c.method();
                case RESOURCE_URI -> c.resourceUri();
            };
        }
    }

    private record Equals(Variable variable, String literal, boolean negate) implements Direct {
        @Override
        public boolean test(Bindings bindings) {
            return variable.of(bindings).equals(literal) != negate;
        }
    }

    private record And(Direct left, Direct right) implements Direct {
        @Override
        public boolean test(Bindings bindings) {
            return left.test(bindings) && right.test(bindings);
        }
    }

    private record Or(Direct left, Direct right) implements Direct {
        @Override
        public boolean test(Bindings bindings) {
            return left.test(bindings) || right.test(bindings);
        }
    }

    private record Not(Direct operand) implements Direct {
        @Override
        public boolean test(Bindings bindings) {
            return !operand.test(bindings);
        }
    }

    /** Per-request variables, built on first use only. */
    public static final class Bindings implements CelVariableResolver {
        private final RequestContext context;
        private Object principal;
        private Object request;
        private Object args;
        private Object time;
        private Object source;

        private Bindings(RequestContext context) {
            this.context = context;
        }

        @Override
        public Optional<Object> find(String name) {
            return switch (name) {
                case "principal" -> Optional.of(principal != null ? principal : (principal = principal(context)));
                case "request" -> Optional.of(request != null ? request : (request = request(context)));
                case "tool" -> Optional.of(context.toolName());
                case "args" -> Optional.of(args != null ? args : (args = args(context.arguments())));
                case "time" -> Optional.of(time != null ? time : (time = timestamp(context.time())));
                case "source" ->
                    Optional.of(
                            source != null
                                    ? source
                                    : (source = IpAddresses.format(IpAddresses.bytesOf(context.sourceAddress()))));
                default -> Optional.empty();
            };
        }
    }

    private static Map<String, Object> principal(RequestContext c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", c.subject());
        m.put("issuer", c.issuer());
        m.put("clientId", c.clientId());
        m.put("groups", List.copyOf(c.groups()));
        m.put("scopes", List.copyOf(c.scopes()));
        m.put("claims", toCel(c.claims()));
        return m;
    }

    private static Map<String, Object> request(RequestContext c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server", c.serverId());
        m.put("method", c.method());
        m.put("resourceUri", c.resourceUri());
        m.put("headers", c.headers());
        return m;
    }

    private static Object args(JsonNode arguments) {
        Object converted = fromJson(arguments);
        return converted instanceof Map<?, ?> ? converted : Map.of();
    }

    private static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return dev.cel.common.values.NullValue.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            node.properties().forEach(e -> m.put(e.getKey(), fromJson(e.getValue())));
            return m;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(fromJson(element)));
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.asText();
    }

    private static Object toCel(Object value) {
        if (value == null) {
            return dev.cel.common.values.NullValue.NULL_VALUE;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Instant i) {
            return timestamp(i);
        }
        if (value instanceof Date d) {
            return timestamp(d.toInstant());
        }
        if (value instanceof JsonNode node) {
            return fromJson(node);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k), toCel(v)));
            return m;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> list = new ArrayList<>(collection.size());
            collection.forEach(v -> list.add(toCel(v)));
            return list;
        }
        return value.toString();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }

    @Override
    public String toString() {
        return "CelCondition[" + expression + "]";
    }
}
