package org.onekeylogin.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Gives a {@link ServiceTest} its {@link Api} and {@link TestAccounts} as constructor or
 * method parameters, pointed at the random port of the test's own application context, so
 * no test repeats that setup. One {@code Api} (and its HTTP client) serves every test of
 * a context.
 */
public final class ServiceTestParameters implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
        .create(ServiceTestParameters.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == Api.class || type == TestAccounts.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Api api = api(extension);
        return parameter.getParameter().getType() == Api.class ? api : new TestAccounts(api);
    }

    private static Api api(ExtensionContext extension) {
        Integer port = SpringExtension.getApplicationContext(extension)
            .getEnvironment()
            .getProperty("local.server.port", Integer.class);
        if (port == null) {
            throw new ParameterResolutionException("Api needs a web server on a port; is this a @ServiceTest?");
        }
        return extension.getRoot().getStore(NAMESPACE).computeIfAbsent("api:" + port, key -> new Api(port), Api.class);
    }

}
