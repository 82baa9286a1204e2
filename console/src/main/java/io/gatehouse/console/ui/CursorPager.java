package io.gatehouse.console.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * Page-by-page navigation over the API's cursor pagination: remembers the cursors of the pages
 * already seen so "previous" works although the API only hands out "next".
 */
public final class CursorPager {
    private final List<String> earlier = new ArrayList<>();
    private String current;
    private String next;

    /** Back to the first page (after a filter change). */
    public void reset() {
        earlier.clear();
        current = null;
        next = null;
    }

    /** The cursor to load the current page with ({@code null} for the first page). */
    public String current() {
        return current;
    }

    /** Records the {@code next} cursor the current page came back with. */
    public void loaded(String nextCursor) {
        this.next = nextCursor;
    }

    public boolean hasNext() {
        return next != null;
    }

    public boolean hasPrevious() {
        return !earlier.isEmpty();
    }

    /** 1-based number of the current page. */
    public int pageNumber() {
        return earlier.size() + 1;
    }

    /** Moves forward; returns the cursor to load. */
    public String toNext() {
        if (next == null) {
            throw new IllegalStateException("no next page");
        }
        earlier.add(current);
        current = next;
        next = null;
        return current;
    }

    /** Moves back; returns the cursor to load. */
    public String toPrevious() {
        if (earlier.isEmpty()) {
            throw new IllegalStateException("no previous page");
        }
        current = earlier.removeLast();
        next = null;
        return current;
    }
}
