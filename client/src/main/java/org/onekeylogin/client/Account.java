package org.onekeylogin.client;

/** An account as its owner sees it. */
public final class Account {

    private String id;

    private String loginName;

    private String phoneNumber;

    private String displayName;

    private String status;

    private String membershipTier;

    private int userLevel;

    private Consents consents;

    private Account() {
    }

    public String id() {
        return id;
    }

    public String loginName() {
        return loginName;
    }

    public String phoneNumber() {
        return phoneNumber;
    }

    public String displayName() {
        return displayName;
    }

    /** {@code active}, {@code expired} or {@code suspended}. */
    public String status() {
        return status;
    }

    public String membershipTier() {
        return membershipTier;
    }

    public int userLevel() {
        return userLevel;
    }

    public Consents consents() {
        return consents;
    }

    /** The owner's switches for same-network recommendation. */
    public static final class Consents {

        private boolean mayRecommend;

        private boolean mayAutoSignIn;

        private Consents() {
        }

        public boolean mayRecommend() {
            return mayRecommend;
        }

        public boolean mayAutoSignIn() {
            return mayAutoSignIn;
        }

    }

}
