package io.gatehouse.controlplane.persistence;

import io.gatehouse.controlplane.api.errors.ApiException;
import io.gatehouse.controlplane.api.errors.Validation;
import io.gatehouse.protocol.api.FieldError;
import io.gatehouse.protocol.api.Page;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.query.Query;

/**
 * Keyset (cursor) pagination over one entity. Sort fields come from a whitelist; filter values are
 * always bound parameters, never spliced into the query. The cursor carries the sort name, the last
 * row's sort value and id, and is rejected if it does not parse or belongs to another sort.
 */
public final class Keyset<E> {
    private final Class<E> type;
    private final Map<String, SortField> sorts;
    private final String defaultSort;
    private final List<String> where = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    public Keyset(Class<E> type, Map<String, SortField> sorts, String defaultSort) {
        this.type = type;
        this.sorts = sorts;
        this.defaultSort = defaultSort;
    }

    /** A whitelisted sort: the API name, the entity attribute and its type (String, Instant, Integer). */
    public record SortField(String attribute, Class<?> valueType) {}

    /** Adds a predicate over {@code e}; {@code hql} references only {@code :name} parameters given here. */
    public Keyset<E> where(String hql, Map<String, Object> parameters) {
        where.add(hql);
        params.putAll(parameters);
        return this;
    }

    public <R> Page<R> page(
            Session session,
            ListParams list,
            Function<E, Object> sortValue,
            Function<E, UUID> id,
            Function<E, R> mapper) {
        int limit = list.limitValue();
        String sortParam = list.sort() == null || list.sort().isBlank()
                ? defaultSort
                : list.sort().trim();
        boolean descending = sortParam.startsWith("-");
        String sortName = descending ? sortParam.substring(1) : sortParam;
        SortField sort = sorts.get(sortName);
        if (sort == null) {
            throw ApiException.validation(List.of(new FieldError(
                    "sort",
                    "'" + Validation.clip(sortParam) + "' is invalid (expected one of: "
                            + String.join(", ", sorts.keySet()) + ", each optionally prefixed by -)")));
        }
        List<String> clauses = new ArrayList<>(where);
        Map<String, Object> bound = new LinkedHashMap<>(params);
        if (list.cursor() != null && !list.cursor().isBlank()) {
            Cursor cursor = Cursor.decode(list.cursor(), sortParam, sort.valueType());
            String op = descending ? "<" : ">";
            // a row-value comparison, so PostgreSQL can start the index range right at the cursor
            clauses.add("(e." + sort.attribute() + ", e.id) " + op + " (:cursorValue, :cursorId)");
            bound.put("cursorValue", cursor.value());
            bound.put("cursorId", cursor.id());
        }
        String direction = descending ? " desc" : " asc";
        String hql = "from " + type.getSimpleName() + " e"
                + (clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses))
                + " order by e." + sort.attribute() + direction + ", e.id" + direction;
        Query<E> query = session.createQuery(hql, type).setMaxResults(limit + 1);
        bound.forEach(query::setParameter);
        List<E> rows = query.getResultList();
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            E last = rows.get(limit - 1);
            next = Cursor.encode(sortParam, sortValue.apply(last), id.apply(last));
        }
        return new Page<>(rows.stream().map(mapper).toList(), next);
    }

    record Cursor(Object value, UUID id) {
        static String encode(String sort, Object value, UUID id) {
            String raw = sort + "\n" + Objects.toString(value) + "\n" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor, String sort, Class<?> valueType) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                String[] parts = raw.split("\n", -1);
                if (parts.length != 3 || !parts[0].equals(sort)) {
                    throw new IllegalArgumentException("cursor of another listing");
                }
                Object value;
                if (valueType == Instant.class) {
                    value = Instant.parse(parts[1]);
                } else if (valueType == Integer.class) {
                    value = Integer.valueOf(parts[1]);
                } else {
                    value = parts[1];
                }
                return new Cursor(value, UUID.fromString(parts[2]));
            } catch (RuntimeException e) {
                throw ApiException.validation(List.of(new FieldError(
                        "cursor", "is not a cursor of this listing (pass back the 'next' value unchanged)")));
            }
        }
    }
}
