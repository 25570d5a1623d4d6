package io.jfastdfs.http;

import java.io.IOException;

/** A thin endpoint: read parameters, call one service, render a Reply. */
@FunctionalInterface
public interface Handler {
    Reply handle(Request request) throws IOException;
}
