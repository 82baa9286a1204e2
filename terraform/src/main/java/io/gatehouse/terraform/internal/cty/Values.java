package io.gatehouse.terraform.internal.cty;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Comparisons of decoded values (numbers compare by value, not by scale). */
public final class Values {
    private Values() {}

    public static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!equal(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** True if the value or anything inside it is unknown. */
    public static boolean containsUnknown(Object value) {
        if (Unknown.is(value)) {
            return true;
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(Values::containsUnknown);
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(Values::containsUnknown);
        }
        return false;
    }
}
