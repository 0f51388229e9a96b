-- The outbox keeps message texts sealed (AES-256-GCM, base64 of nonce, ciphertext and tag), which is longer than the
-- text, and only as long as a sign-in code lives. Texts queued before this version were kept in clear: they are
-- deleted (the codes in them expire within minutes anyway).
-- The tokens in oauth2_authorization are hashed by the service itself at start-up: the key lives in server_secret
-- and SQL has no portable HMAC.
DELETE FROM sms_outbox;
ALTER TABLE sms_outbox ALTER COLUMN body SET DATA TYPE varchar(1000);
CREATE INDEX sms_outbox_created_idx ON sms_outbox (created_at);
