-- The cluster-wide sweep forgets failed password attempts that left the window, whatever account they were for.
CREATE INDEX password_attempt_time_idx ON password_attempt (attempted_at);
