package io.jfastdfs.index;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A unit of SQL run by {@link Database} on one of its own threads. Write work runs inside the
 * writer's batch transaction and must not begin, commit or roll back itself.
 */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
}
