package io.gatehouse.terraform.internal.resources;

import io.gatehouse.terraform.internal.cty.CtyCodec;
import io.gatehouse.terraform.internal.cty.Unknown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of a decoded object value (a planned state, a prior state or a config). */
public record Obj(Map<String, Object> values) {

    @SuppressWarnings("unchecked")
    public static Obj of(Object value) {
        return new Obj((Map<String, Object>) value);
    }

    public Object raw(String name) {
        Object v = values.get(name);
        return Unknown.is(v) ? null : v;
    }

    public String str(String name) {
        Object v = raw(name);
        return v == null ? null : v.toString();
    }

    public Long lng(String name) {
        Object v = raw(name);
        return v == null ? null : CtyCodec.toNumber(v).longValueExact();
    }

    public Integer integer(String name) {
        Long v = lng(name);
        return v == null ? null : Math.toIntExact(v);
    }

    public Boolean bool(String name) {
        return (Boolean) raw(name);
    }

    /** A list of strings; null stays null. */
    public List<String> strings(String name) {
        Object v = raw(name);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object item : (List<?>) v) {
            out.add(item == null ? null : item.toString());
        }
        return out;
    }

    public Map<String, String> stringMap(String name) {
        Object v = raw(name);
        if (v == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        ((Map<?, ?>) v).forEach((k, val) -> out.put(k.toString(), val == null ? null : val.toString()));
        return out;
    }

    /** The elements of a nested block list. */
    public List<Obj> blocks(String name) {
        Object v = raw(name);
        List<Obj> out = new ArrayList<>();
        if (v != null) {
            for (Object item : (List<?>) v) {
                out.add(Obj.of(item));
            }
        }
        return out;
    }

    /** The lower-case wire value of an enum, or null. */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String v = str(name);
        if (v == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equals(v)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(name + ": '" + v + "' is not a valid value");
    }
}
