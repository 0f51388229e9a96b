package org.onekeylogin.sms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountService;
import org.onekeylogin.account.Registration;
import org.onekeylogin.audit.AuditEntry;
import org.onekeylogin.audit.AuditEventType;
import org.onekeylogin.audit.AuditLog;
import org.onekeylogin.device.DeviceDescription;
import org.onekeylogin.device.SignInMethod;
import org.onekeylogin.signin.DeviceSignIn;
import org.onekeylogin.sms.internal.SmsCodeStore;
import org.onekeylogin.sms.internal.SmsCodeStore.StoredCode;
import org.onekeylogin.system.ApiException;
import org.onekeylogin.system.ErrorCode;
import org.onekeylogin.system.Hashing;
import org.onekeylogin.system.RequestLocks;
import org.onekeylogin.system.SecretGenerator;
import org.onekeylogin.system.Languages;
import org.onekeylogin.system.ServerSecrets;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Phone number + SMS code sign-in: six-digit codes valid five minutes, five wrong
 * attempts, a minute between codes, five codes an hour per number and per address.
 * Requesting a code answers the same whether or not the number has an account (a code is
 * only texted when it has one, or when automatic registration is on).
 */
@Service
public class SmsCodes {

    private final SmsCodeStore codes;

    private final SmsGateway gateway;

    private final AccountService accounts;

    private final DeviceSignIn signIn;

    private final AuditLog audit;

    private final SecretGenerator secrets;

    private final SmsProperties properties;

    private final RequestLocks locks;

    private final Clock clock;

    /**
     * Keys the hash of each code: a six-digit code hashed without a key could be found
     * from a copy of the database by trying every value within its lifetime.
     */
    private final byte[] hashKey;

    private final Languages languages;

    public SmsCodes(SmsCodeStore codes, SmsGateway gateway, AccountService accounts, DeviceSignIn signIn,
            AuditLog audit, SecretGenerator secrets, SmsProperties properties, RequestLocks locks, Clock clock,
            ServerSecrets serverSecrets, Languages languages) {
        this.languages = languages;
        this.hashKey = serverSecrets.named("sms-code-hmac");
        this.locks = locks;
        this.codes = codes;
        this.gateway = gateway;
        this.accounts = accounts;
        this.signIn = signIn;
        this.audit = audit;
        this.secrets = secrets;
        this.properties = properties;
        this.clock = clock;
    }

    /** What the device is told after asking for a code. */
    public record CodeRequested(long expiresIn, long resendAfter) {
    }

    /**
     * Asks for a code. The number's and the address's limits are checked and the new code
     * recorded under their row locks, in one transaction, so a burst of requests gets
     * exactly the codes the limits allow.
     */
    @Transactional
    public CodeRequested request(String phone, DeviceDescription device, @Nullable String ip) {
        locks.lock("sms-number", phone);
        if (ip != null) {
            locks.lock("sms-address", ip);
        }
        Instant now = clock.instant();
        List<Instant> forNumber = codes.createdForNumberSince(phone, now.minus(Duration.ofHours(1)));
        if (!forNumber.isEmpty() && now.isBefore(forNumber.getFirst().plus(properties.resendAfter()))) {
            throw tooMany("Wait a moment before asking for another code.",
                    Duration.between(now, forNumber.getFirst().plus(properties.resendAfter())));
        }
        if (forNumber.size() >= properties.codesPerNumberPerHour()) {
            throw tooMany("Too many codes for this number. Try again later.", Duration.between(now,
                    forNumber.get(properties.codesPerNumberPerHour() - 1).plus(Duration.ofHours(1))));
        }
        if (ip != null) {
            List<Instant> forIp = codes.createdForIpSince(ip, now.minus(Duration.ofHours(1)));
            if (forIp.size() >= properties.codesPerIpPerHour()) {
                throw tooMany("Too many codes requested from here. Try again later.",
                        Duration.between(now, forIp.get(properties.codesPerIpPerHour() - 1).plus(Duration.ofHours(1))));
            }
        }
        String id = UUID.randomUUID().toString();
        String code = secrets.digits(6);
        codes.insert(id, phone, hash(id, code), device.id(), ip, now, now.plus(properties.codeTtl()));
        if (properties.autoRegister() || accounts.findByIdentifier(phone).isPresent()) {
            // gateways that leave the service start their delivery after the commit
            // (SmsGateway)
            // in the language of the screen that asked for it
            gateway.send(new SmsMessage(phone,
                    languages.text("sms.sign_in_code", Languages.current(), code, properties.codeTtl().toMinutes()),
                    "sign_in_code"));
        }
        return new CodeRequested(properties.codeTtl().toSeconds(), properties.resendAfter().toSeconds());
    }

    /**
     * Checks the code and signs the device in, in one transaction: when the sign-in
     * fails, the code is not used up and an account registered for the number is not
     * kept. A refusal still records the wrong attempt.
     */
    @Transactional(noRollbackFor = ApiException.class)
    public DeviceSignIn.SignedIn verify(String phone, String typed, DeviceDescription device, String clientId,
            Set<String> scopes, @Nullable String ip) {
        Instant now = clock.instant();
        StoredCode stored = codes.latest(phone)
            .filter(c -> c.consumedAt() == null)
            .orElseThrow(() -> new ApiException(ErrorCode.SMS_CODE_INVALID,
                    "There is no code waiting for this number. Ask for a code first."));
        Optional<Account> account = accounts.findByIdentifier(phone);
        if (account.isEmpty() && !properties.autoRegister()) {
            throw new ApiException(ErrorCode.UNKNOWN_PHONE_NUMBER,
                    "No account uses this phone number. Sign in another way, or register first.");
        }
        if (!now.isBefore(stored.expiresAt())) {
            throw failed(account, device, ip, ErrorCode.SMS_CODE_EXPIRED, "This code has expired. Ask for a new one.");
        }
        // every comparison first takes one of the code's attempts, in one conditional
        // update, so a burst of
        // guesses is compared at most maxAttempts times in all
        if (!codes.takeAttempt(stored.id(), properties.maxAttempts())) {
            throw failed(account, device, ip, ErrorCode.SMS_CODE_ATTEMPTS_EXCEEDED,
                    "Too many wrong codes. Ask for a new code.");
        }
        if (!MessageDigest.isEqual(stored.codeHash().getBytes(StandardCharsets.UTF_8),
                hash(stored.id(), typed.strip()).getBytes(StandardCharsets.UTF_8))) {
            int left = properties.maxAttempts() - codes.attempts(stored.id());
            throw failed(account, device, ip, ErrorCode.WRONG_SMS_CODE,
                    left > 0 ? "That code is not right. " + left + (left == 1 ? " try" : " tries") + " left."
                            : "That code is not right, and that was the last try. Ask for a new code.");
        }
        if (!codes.consume(stored.id(), now)) {
            throw new ApiException(ErrorCode.SMS_CODE_INVALID, "This code was already used. Ask for a new one.");
        }
        Account signedInAccount = account.orElseGet(() -> register(phone));
        return signIn.signIn(signedInAccount, device, clientId, SignInMethod.SMS_CODE, scopes, ip, null);
    }

    private Account register(String phone) {
        String digits = phone.replace("+", "");
        return accounts.register(new Registration("p" + digits, phone,
                "User " + digits.substring(Math.max(0, digits.length() - 4)), secrets.token(128)));
    }

    private ApiException failed(Optional<Account> account, DeviceDescription device, @Nullable String ip,
            ErrorCode code, String message) {
        audit.record(new AuditEntry(AuditEventType.SIGN_IN_FAILED, AuditEntry.Outcome.FAILURE,
                account.map(Account::id).orElse(null), device.id(), null, null, ip, code.code()));
        return new ApiException(code, message);
    }

    private static ApiException tooMany(String message, Duration retryAfter) {
        return new ApiException(ErrorCode.TOO_MANY_REQUESTS, message,
                Map.of("retry_after_seconds", Math.max(1, retryAfter.toSeconds())));
    }

    private String hash(String codeId, String code) {
        return Hashing.hmacSha256Hex(hashKey, codeId + ":" + code);
    }

}
