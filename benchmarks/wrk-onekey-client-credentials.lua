-- client_credentials grant against OneKey, confidential client onekey-backend (client_secret_basic), the same
-- request shape as the Keycloak peer's wrk/cc.lua
wrk.method = "POST"
wrk.path   = "/oauth2/token"
wrk.body   = "grant_type=client_credentials"
wrk.headers["Content-Type"]  = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic b25la2V5LWJhY2tlbmQ6Y2hhbmdlLW1lLWJhY2tlbmQtc2VjcmV0"   -- onekey-backend:change-me-backend-secret
