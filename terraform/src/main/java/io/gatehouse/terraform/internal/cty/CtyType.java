package io.gatehouse.terraform.internal.cty;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A Terraform (cty) type; {@link #json()} is its wire form in a schema, e.g. {@code ["list","string"]}. */
public sealed interface CtyType {
    CtyType STRING = new Primitive("string");
    CtyType NUMBER = new Primitive("number");
    CtyType BOOL = new Primitive("bool");

    String json();

    static CtyType listOf(CtyType element) {
        return new ListType(element);
    }

    static CtyType mapOf(CtyType element) {
        return new MapType(element);
    }

    static CtyType objectOf(Map<String, CtyType> attributes) {
        return new ObjectType(attributes);
    }

    record Primitive(String name) implements CtyType {
        @Override
        public String json() {
            return "\"" + name + "\"";
        }
    }

    record ListType(CtyType element) implements CtyType {
        public ListType {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public String json() {
            return "[\"list\"," + element.json() + "]";
        }
    }

    record MapType(CtyType element) implements CtyType {
        public MapType {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public String json() {
            return "[\"map\"," + element.json() + "]";
        }
    }

    /** An object type; attribute order is kept for stable output. */
    record ObjectType(Map<String, CtyType> attributes) implements CtyType {
        public ObjectType {
            attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }

        @Override
        public String json() {
            StringBuilder out = new StringBuilder("[\"object\",{");
            boolean first = true;
            for (Map.Entry<String, CtyType> e : attributes.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append('"')
                        .append(e.getKey())
                        .append("\":")
                        .append(e.getValue().json());
            }
            return out.append("}]").toString();
        }
    }
}
