package org.onekeylogin.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The languages the service speaks to people: English, and Simplified Chinese for any
 * {@code zh} in {@code Accept-Language} (every Chinese variant gets Simplified Chinese,
 * the only Chinese there is). Texts come from Spring's {@link MessageSource}
 * ({@code messages.properties}, {@code messages_zh.properties}); an error message without
 * a translation stays in English.
 */
@Configuration(proxyBeanMethods = false)
public class Languages {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, CHINESE);

    private final MessageSource messages;

    private final AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();

    public Languages(MessageSource messages) {
        this.messages = messages;
        // language-only locales, so that every zh-… in Accept-Language matches Chinese
        resolver.setSupportedLocales(List.of(Locale.ENGLISH, Locale.CHINESE));
        resolver.setDefaultLocale(Locale.ENGLISH);
    }

    /** Spring MVC resolves each request's language this way, too. */
    @Bean
    LocaleResolver localeResolver() {
        return resolver;
    }

    /** The language of a request, one of {@link #SUPPORTED}. */
    public Locale of(HttpServletRequest request) {
        Locale resolved = resolver.resolveLocale(request);
        return resolved.getLanguage().equals("zh") ? CHINESE : Locale.ENGLISH;
    }

    /**
     * The language of the request being handled (from Spring MVC's locale context);
     * English outside a request.
     */
    public static Locale current() {
        return LocaleContextHolder.getLocale().getLanguage().equals("zh") ? CHINESE : Locale.ENGLISH;
    }

    /** The text {@code key} with its arguments, in {@code locale}. */
    public String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /**
     * The error in {@code locale}: its message from {@code error.<code>.<field>} or
     * {@code error.<code>} when the language has one, else as written.
     */
    public ApiError translate(ApiError error, Locale locale) {
        if (locale.getLanguage().equals("en")) {
            return error;
        }
        String field = error.details() != null && error.details().get("field") instanceof String f ? f : null;
        String message = null;
        if (field != null) {
            message = find("error." + error.code() + "." + field, locale);
        }
        if (message == null) {
            message = find("error." + error.code(), locale);
        }
        return message == null ? error : new ApiError(error.status(), error.code(), message, error.details());
    }

    private String find(String key, Locale locale) {
        try {
            String found = messages.getMessage(key, null, locale);
            return found.isEmpty() ? null : found;
        }
        catch (NoSuchMessageException missing) {
            return null;
        }
    }

    /** For tests and docs: the error codes that have a message in {@code locale}. */
    Map<ErrorCode, String> messagesOf(Locale locale) {
        var map = new java.util.EnumMap<ErrorCode, String>(ErrorCode.class);
        for (ErrorCode code : ErrorCode.values()) {
            String message = find("error." + code.code(), locale);
            if (message != null) {
                map.put(code, message);
            }
        }
        return map;
    }

}
