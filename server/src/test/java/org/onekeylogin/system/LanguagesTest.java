package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.onekeylogin.sms.SmsOutbox;
import org.onekeylogin.support.Api;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The service speaks the caller's language: API error messages and texts in Simplified
 * Chinese for {@code Accept-Language: zh…}, English otherwise, with the stable error
 * codes unchanged.
 */
@ServiceTest
class LanguagesTest {

    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000);

    private static final String JSON = "application/json";

    @Autowired
    Languages languages;

    @Autowired
    SmsOutbox outbox;

    final Api api;

    LanguagesTest(Api api) {
        this.api = api;
    }

    @Test
    void everyErrorCodeHasASimplifiedChineseMessage() {
        Map<ErrorCode, String> chinese = languages.messagesOf(Languages.CHINESE);
        assertThat(chinese.keySet()).containsExactlyInAnyOrder(ErrorCode.values());
        assertThat(chinese.values()).allSatisfy(message -> assertThat(message).containsPattern("\\p{IsHan}"));
    }

    @Test
    void anErrorIsInTheCallersLanguageWithTheSameCode() {
        String body = "{\"password\": \"x\", \"device\": {\"id\": \"tv-lang-0001\", \"type\": \"tv\", \"name\": \"TV\"}}";
        for (String chinese : List.of("zh-CN", "zh", "zh-TW,zh;q=0.9", "en;q=0.5, zh-Hans;q=0.9")) {
            Api.Response refused = api.raw("POST", "/api/v1/sign-in/password", JSON, body,
                    Map.of("Accept-Language", chinese));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.field("code")).isEqualTo("validation_failed");
            assertThat(refused.header("Content-Language")).as(chinese).isEqualTo("zh-CN");
            assertThat(refused.field("message")).as(chinese).isEqualTo("请填写账号。");
        }
        for (Map<String, String> english : List.of(Map.of("Accept-Language", "en-GB"), Map.<String, String>of(),
                Map.of("Accept-Language", "fr-FR"))) {
            Api.Response refused = api.raw("POST", "/api/v1/sign-in/password", JSON, body, english);
            assertThat(refused.field("code")).isEqualTo("validation_failed");
            assertThat(refused.field("message")).as(english.toString())
                .doesNotContainPattern("\\p{IsHan}")
                .isNotBlank();
            assertThat(refused.header("Content-Language")).isEqualTo("en");
        }
    }

    @Test
    void errorsWrittenBeforeTheApiAndByTheContainerAreTranslatedToo(TestAccounts accounts) {
        Api.Response noToken = api.raw("GET", "/api/v1/account", null, null, Map.of("Accept-Language", "zh-CN"));
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.field("code")).isEqualTo("authentication_required");
        assertThat(noToken.field("message")).isEqualTo("请先登录。");

        Api.Response badToken = api.raw("GET", "/api/v1/account", null, null,
                Map.of("Accept-Language", "zh-CN", "Authorization", "Bearer not-a-token"));
        assertThat(badToken.field("code")).isEqualTo("invalid_token");
        assertThat(badToken.field("message")).isEqualTo("登录已失效，请重新登录。");

        TestAccounts.Device phone = accounts.signIn(accounts.register("nainai"), "phone", "Phone");
        Api.Response wrongMethod = api.raw("DELETE", "/api/v1/account", null, null,
                Map.of("Accept-Language", "zh", "Authorization", "Bearer " + phone.accessToken()));
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.field("message")).isEqualTo("此地址不支持该请求方式。");
    }

    @Test
    void theSignInCodeIsTextedInTheLanguageOfTheScreenThatAskedForIt(TestAccounts accounts) {
        String chinese = newPhoneNumber();
        String english = newPhoneNumber();
        for (String phone : List.of(chinese, english)) {
            assertThat(api
                .post("/api/v1/accounts", Map.of("login_name", TestAccounts.unique("lang"), "display_name", "Nai Nai",
                        "password", TestAccounts.PASSWORD, "phone_number", phone), null)
                .status()).isEqualTo(201);
        }
        String request = "{\"phone_number\": \"%s\", \"device\": {\"id\": \"tv-lang-%s\", \"type\": \"tv\", "
                + "\"name\": \"TV\"}}";
        assertThat(api
            .raw("POST", "/api/v1/sign-in/sms-code", JSON, request.formatted(chinese, "0002"),
                    Map.of("Accept-Language", "zh-CN"))
            .status()).isEqualTo(202);
        assertThat(api.raw("POST", "/api/v1/sign-in/sms-code", JSON, request.formatted(english, "0003"), Map.of())
            .status()).isEqualTo(202);

        assertThat(outbox.latestFor(chinese).orElseThrow().text()).startsWith("您的 OneKey 登录验证码是 ")
            .containsPattern("\\d{6}");
        assertThat(outbox.latestFor(english).orElseThrow().text()).startsWith("Your OneKey sign-in code is ");
        assertThat(languages.text("sms.sign_in_code", Locale.GERMAN, "123456", 5))
            .as("a language without texts falls back to English")
            .startsWith("Your OneKey sign-in code is 123456");
    }

    private static String newPhoneNumber() {
        return "+86139" + String.format("%08d", NUMBERS.incrementAndGet() % 100_000_000L);
    }

}
