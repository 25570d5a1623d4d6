package io.jfastdfs.index;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a configured connection; called on the thread that will own it. */
@FunctionalInterface
interface ConnectionFactory {
    Connection open() throws SQLException;
}
