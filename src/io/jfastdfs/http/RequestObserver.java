package io.jfastdfs.http;

/** Told once per answered request, on the request's thread: keep it cheap (counters, no locks). */
@FunctionalInterface
public interface RequestObserver {
    /**
     * @param route    the route's name ("upload", "download", "big/upload", …), or "none" when the path
     *                 matched no route or was refused before routing
     * @param bytesIn  request body bytes the handler read
     * @param bytesOut response body bytes written
     */
    void observe(String route, int status, long bytesIn, long bytesOut, long nanos);
}
