package io.gatehouse.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import io.gatehouse.protocol.api.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Calls of one REST collection: {@code create}, {@code get}, {@code list} (one page),
 * {@code listAll} (auto-paging), and {@code delete}. {@link CrudService} adds {@code update}.
 *
 * @param <Q> the create request record
 * @param <R> the resource record
 */
public class ResourceService<Q, R> {
    final HttpTransport transport;
    final String path;
    private final TypeReference<R> one;
    private final TypeReference<Page<R>> page;

    ResourceService(HttpTransport transport, String path, Class<R> type) {
        this.transport = transport;
        this.path = path;
        JavaType itemType = HttpTransport.MAPPER.getTypeFactory().constructType(type);
        JavaType pageType = HttpTransport.MAPPER.getTypeFactory().constructParametricType(Page.class, itemType);
        this.one = new TypeReference<>() {
            @Override
            public java.lang.reflect.Type getType() {
                return itemType;
            }
        };
        this.page = new TypeReference<>() {
            @Override
            public java.lang.reflect.Type getType() {
                return pageType;
            }
        };
    }

    public R create(Q request) {
        return create(request, RequestOptions.NONE);
    }

    /** POST with an Idempotency-Key (the given one, or a generated one), so retries never duplicate. */
    public R create(Q request, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        return transport.send("POST", path, null, request, options, one, true).body();
    }

    public R get(String id) {
        return transport
                .send("GET", item(id), null, null, RequestOptions.NONE, one, true)
                .body();
    }

    public Page<R> list(ListParams params) {
        ListParams p = params == null ? ListParams.create() : params;
        return transport
                .send("GET", path, p.toQuery(), null, RequestOptions.NONE, page, true)
                .body();
    }

    public Page<R> list() {
        return list(ListParams.create());
    }

    /** Every item matching {@code params}, fetched page by page as the iteration advances. */
    public Iterable<R> listAll(ListParams params) {
        ListParams first = params == null ? ListParams.create() : params;
        return () -> new Iterator<>() {
            private Page<R> current = list(first);
            private int index;

            @Override
            public boolean hasNext() {
                while (index >= current.items().size() && current.next() != null) {
                    current = list(first.cursor(current.next()));
                    index = 0;
                }
                return index < current.items().size();
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.items().get(index++);
            }
        };
    }

    public Iterable<R> listAll() {
        return listAll(ListParams.create());
    }

    public void delete(String id) {
        delete(id, RequestOptions.NONE);
    }

    public void delete(String id, RequestOptions options) {
        transport.send("DELETE", item(id), null, null, options, null, true);
    }

    String item(String id) {
        return path + "/" + URLEncoder.encode(Objects.requireNonNull(id, "id"), StandardCharsets.UTF_8);
    }

    TypeReference<R> one() {
        return one;
    }
}
