package io.faultline.api.history;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a JDBC connection (the ClickHouse driver speaks HTTP: a connection is cheap, pooled by the driver's client). */
@FunctionalInterface
public interface ConnectionSource {

    Connection open() throws SQLException;
}
