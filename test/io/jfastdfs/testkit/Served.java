package io.jfastdfs.testkit;

import java.nio.file.Path;

/** A running test node's addresses and data dir (TestServer, SharedServer). */
public interface Served {
    /** "http://127.0.0.1:port/group1" (or without group when group management is off). */
    String url();

    /** "http://127.0.0.1:port" */
    String base();

    int port();

    Path dir();
}
