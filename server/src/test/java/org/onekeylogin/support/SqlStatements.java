package org.onekeylogin.support;

import jakarta.servlet.Filter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Records every SQL statement and commit the service sends while it answers an HTTP
 * request, with the request it belongs to, so that a test can count what one step of a
 * flow costs the database. Work of the background loops (deliveries, sweepers) runs on
 * other threads and is not counted. Import {@link Recording} into a {@link ServiceTest}.
 */
public final class SqlStatements {

    /** One statement (or {@code COMMIT}) sent while answering {@code request}. */
    public record Sent(String request, String sql) {

        public boolean isSelect() {
            return sql.stripLeading().toLowerCase(Locale.ROOT).startsWith("select");
        }

        public boolean isCommit() {
            return sql.equals("COMMIT");
        }

    }

    private static final ThreadLocal<String> CURRENT_REQUEST = new ThreadLocal<>();

    private final List<Sent> sent = new ArrayList<>();

    /** Everything recorded since the last {@link #clear()}. */
    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    public synchronized void clear() {
        sent.clear();
    }

    private synchronized void record(String sql) {
        String request = CURRENT_REQUEST.get();
        if (request != null) {
            sent.add(new Sent(request, sql));
        }
    }

    /** The statements of the recorded requests, one per line, for a failing assertion. */
    public static String describe(List<Sent> statements) {
        StringBuilder text = new StringBuilder();
        for (Sent s : statements) {
            text.append(s.request()).append(" | ").append(s.sql().replaceAll("\\s+", " ")).append('\n');
        }
        return text.toString();
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Recording {

        @Bean
        SqlStatements sqlStatements() {
            return new SqlStatements();
        }

        @Bean
        static BeanPostProcessor countingDataSource(
                org.springframework.beans.factory.ObjectProvider<SqlStatements> statements) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof DataSource dataSource && !(bean instanceof CountingDataSource)) {
                        return new CountingDataSource(dataSource, statements.getObject());
                    }
                    return bean;
                }
            };
        }

        @Bean
        FilterRegistrationBean<Filter> currentRequest() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                var http = (jakarta.servlet.http.HttpServletRequest) request;
                CURRENT_REQUEST.set(http.getMethod() + " " + http.getRequestURI());
                try {
                    chain.doFilter(request, response);
                }
                finally {
                    CURRENT_REQUEST.remove();
                }
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

    }

    static final class CountingDataSource extends DelegatingDataSource {

        private final SqlStatements statements;

        CountingDataSource(DataSource target, SqlStatements statements) {
            super(target);
            this.statements = statements;
        }

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            return counting(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws java.sql.SQLException {
            return counting(super.getConnection(username, password));
        }

        private Connection counting(Connection connection) {
            return proxy(Connection.class, connection, (method, args) -> {
                if (method.getName().equals("commit")) {
                    statements.record("COMMIT");
                }
                Object result = method.invoke(connection, args);
                if (result instanceof Statement statement) {
                    String prepared = method.getName().startsWith("prepare") ? (String) args[0] : null;
                    return countingStatement(connection, statement, prepared);
                }
                return result;
            });
        }

        /**
         * A statement run outside a transaction commits by itself: it is recorded, then a
         * {@code COMMIT}.
         */
        private Object countingStatement(Connection connection, Statement statement, String prepared) {
            Class<?> type = statement instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                    : statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class
                            : Statement.class;
            return proxy(type, statement, (method, args) -> {
                String name = method.getName();
                if (name.startsWith("execute")) {
                    if (args != null && args.length > 0 && args[0] instanceof String sql) {
                        statements.record(sql);
                    }
                    else if (prepared != null) {
                        statements.record(name.equals("executeBatch") ? "BATCH " + prepared : prepared);
                    }
                    if (connection.getAutoCommit()) {
                        statements.record("COMMIT");
                    }
                }
                return method.invoke(statement, args);
            });
        }

        private interface Call {

            Object invoke(Method method, Object[] args) throws Throwable;

        }

        private static <T> T proxy(Class<T> type, Object target, Call call) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                    return method.invoke(target, args);
                }
                try {
                    return call.invoke(method, args);
                }
                catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler));
        }

    }

}
