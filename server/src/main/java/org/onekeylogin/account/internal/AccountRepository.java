package org.onekeylogin.account.internal;

import static org.onekeylogin.system.SqlTimes.instant;
import static org.onekeylogin.system.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.onekeylogin.account.Account;
import org.onekeylogin.account.AccountStanding;
import org.onekeylogin.account.Appearance;
import org.onekeylogin.account.Binding;
import org.onekeylogin.account.AccountStatus;
import org.onekeylogin.account.Consents;
import org.onekeylogin.account.MembershipTier;
import org.onekeylogin.account.RiskProfile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Accounts and bindings in the database. Every lookup here is served by a primary key or
 * unique index.
 */
@Repository
public class AccountRepository {

    /**
     * An account together with its password hash, which only the account service reads.
     */
    public record StoredAccount(Account account, String passwordHash) {
    }

    private static final String COLUMNS = "id, login_name, phone_number, display_name, password_hash, status, "
            + "membership_tier, user_level, theft_risk_index, sharer_count, offsite_sign_ins, may_recommend, "
            + "may_auto_sign_in, created_at";

    private static final String SELECTED = COLUMNS + ", nickname, avatar_color";

    private static final String BINDING_COLUMNS = "id, account_id, controller_account_id, created_at";

    private final JdbcClient jdbc;

    public AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Account a, String passwordHash) {
        jdbc.sql("INSERT INTO account (" + COLUMNS + ", updated_at) VALUES "
                + "(:id, :login, :phone, :display, :hash, :status, :tier, :level, :theft, :sharers, :offsite, "
                + ":recommend, :auto, :created, :created)")
            .param("id", a.id())
            .param("login", a.loginName())
            .param("phone", a.phoneNumber())
            .param("display", a.displayName())
            .param("hash", passwordHash)
            .param("status", a.status().name())
            .param("tier", a.tier().name())
            .param("level", a.userLevel())
            .param("theft", a.risk().theftRiskIndex())
            .param("sharers", a.risk().sharerCount())
            .param("offsite", a.risk().offsiteSignIns())
            .param("recommend", a.consents().mayRecommend())
            .param("auto", a.consents().mayAutoSignIn())
            .param("created", utc(a.createdAt()))
            .update();
    }

    public Optional<StoredAccount> findById(String id) {
        return jdbc.sql("SELECT " + SELECTED + " FROM account WHERE id = ?")
            .param(id)
            .query(AccountRepository::map)
            .optional();
    }

    public Optional<StoredAccount> findByLoginName(String loginName) {
        return jdbc.sql("SELECT " + SELECTED + " FROM account WHERE login_name = ?")
            .param(loginName)
            .query(AccountRepository::map)
            .optional();
    }

    public Optional<StoredAccount> findByPhoneNumber(String phoneNumber) {
        return jdbc.sql("SELECT " + SELECTED + " FROM account WHERE phone_number = ?")
            .param(phoneNumber)
            .query(AccountRepository::map)
            .optional();
    }

    public boolean loginNameExists(String loginName) {
        return jdbc.sql("SELECT COUNT(*) FROM account WHERE login_name = ?")
            .param(loginName)
            .query(Integer.class)
            .single() > 0;
    }

    public boolean phoneNumberExists(String phoneNumber) {
        return jdbc.sql("SELECT COUNT(*) FROM account WHERE phone_number = ?")
            .param(phoneNumber)
            .query(Integer.class)
            .single() > 0;
    }

    public void updateConsents(String id, Consents consents, Instant now) {
        jdbc.sql("UPDATE account SET may_recommend = ?, may_auto_sign_in = ?, updated_at = ? WHERE id = ?")
            .params(consents.mayRecommend(), consents.mayAutoSignIn(), utc(now), id)
            .update();
    }

    public void updateAppearance(String id, Appearance appearance, Instant now) {
        jdbc.sql("UPDATE account SET nickname = ?, avatar_color = ?, updated_at = ? WHERE id = ?")
            .params(appearance.nickname(), appearance.avatarColor(), utc(now), id)
            .update();
    }

    public void updateStanding(String id, AccountStanding s, Instant now) {
        jdbc.sql("UPDATE account SET status = :status, membership_tier = :tier, user_level = :level, "
                + "theft_risk_index = :theftRisk, sharer_count = :sharers, offsite_sign_ins = :offsite, "
                + "updated_at = :now WHERE id = :id")
            .param("status", s.status().name())
            .param("tier", s.tier().name())
            .param("level", s.userLevel())
            .param("theftRisk", s.risk().theftRiskIndex())
            .param("sharers", s.risk().sharerCount())
            .param("offsite", s.risk().offsiteSignIns())
            .param("now", utc(now))
            .param("id", id)
            .update();
    }

    public void insertBinding(Binding b) {
        jdbc.sql("INSERT INTO account_binding (id, account_id, controller_account_id, created_at) VALUES (?, ?, ?, ?)")
            .params(b.id(), b.accountId(), b.controllerAccountId(), utc(b.createdAt()))
            .update();
    }

    public boolean bindingExists(String accountId, String controllerAccountId) {
        return jdbc.sql("SELECT COUNT(*) FROM account_binding WHERE account_id = ? AND controller_account_id = ?")
            .params(accountId, controllerAccountId)
            .query(Integer.class)
            .single() > 0;
    }

    /** Whether the binding exists, locking its row until the transaction ends. */
    public boolean lockBinding(String accountId, String controllerAccountId) {
        return !jdbc.sql("SELECT id FROM account_binding WHERE account_id = ? AND controller_account_id = ? FOR UPDATE")
            .params(accountId, controllerAccountId)
            .query(String.class)
            .list()
            .isEmpty();
    }

    public Optional<Binding> findBinding(String accountId, String controllerAccountId) {
        return jdbc
            .sql("SELECT " + BINDING_COLUMNS + " FROM account_binding WHERE account_id = ? "
                    + "AND controller_account_id = ?")
            .params(accountId, controllerAccountId)
            .query(AccountRepository::binding)
            .optional();
    }

    public Optional<Binding> findBinding(String id) {
        return jdbc.sql("SELECT " + BINDING_COLUMNS + " FROM account_binding WHERE id = ?")
            .param(id)
            .query(AccountRepository::binding)
            .optional();
    }

    /**
     * The bindings in which the account is either side, oldest first: served by the
     * primary key (bound side) and the controller index.
     */
    public List<Binding> bindingsOf(String accountId) {
        return jdbc
            .sql("SELECT " + BINDING_COLUMNS + " FROM account_binding WHERE account_id = ? " + "UNION SELECT "
                    + BINDING_COLUMNS + " FROM account_binding WHERE controller_account_id = ? "
                    + "ORDER BY created_at, id")
            .params(accountId, accountId)
            .query(AccountRepository::binding)
            .list();
    }

    /** Deletes the binding; true for the one call that removed it. */
    public boolean deleteBinding(String id) {
        return jdbc.sql("DELETE FROM account_binding WHERE id = ?").param(id).update() == 1;
    }

    public List<String> controllersOf(String accountId) {
        return jdbc
            .sql("SELECT controller_account_id FROM account_binding WHERE account_id = ? "
                    + "ORDER BY controller_account_id")
            .param(accountId)
            .query(String.class)
            .list();
    }

    public List<String> controlledBy(String controllerAccountId) {
        return jdbc.sql("SELECT account_id FROM account_binding WHERE controller_account_id = ? ORDER BY account_id")
            .param(controllerAccountId)
            .query(String.class)
            .list();
    }

    private static Binding binding(ResultSet rs, int row) throws SQLException {
        return new Binding(rs.getString("id"), rs.getString("account_id"), rs.getString("controller_account_id"),
                instant(rs, "created_at"));
    }

    private static StoredAccount map(ResultSet rs, int row) throws SQLException {
        var account = new Account(rs.getString("id"), rs.getString("login_name"), rs.getString("phone_number"),
                rs.getString("display_name"), AccountStatus.valueOf(rs.getString("status")),
                MembershipTier.valueOf(rs.getString("membership_tier")), rs.getInt("user_level"),
                new RiskProfile(rs.getDouble("theft_risk_index"), rs.getInt("sharer_count"),
                        rs.getInt("offsite_sign_ins")),
                new Consents(rs.getBoolean("may_recommend"), rs.getBoolean("may_auto_sign_in")),
                instant(rs, "created_at"), new Appearance(rs.getString("nickname"), rs.getString("avatar_color")));
        return new StoredAccount(account, rs.getString("password_hash"));
    }

}
