package org.shopsuite.bench.http;

/** What the benchmarks read from a response: the status, the {@code X-Cache} header (or null), the body. */
public record HttpResponse(int status, String cache, String body) {

    /** A whole-number JSON field of a flat object ({@code "stock":97}), or {@code Long.MIN_VALUE} when absent. */
    public long longField(String name) {
        String key = "\"" + name + "\":";
        int at = body.indexOf(key);
        if (at < 0) {
            return Long.MIN_VALUE;
        }
        int from = at + key.length();
        int to = from;
        while (to < body.length() && (Character.isDigit(body.charAt(to)) || body.charAt(to) == '-')) {
            to++;
        }
        return to == from ? Long.MIN_VALUE : Long.parseLong(body.substring(from, to));
    }
}
