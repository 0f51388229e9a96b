/**
 * Cross-cutting plumbing every feature relies on: the one JSON error shape and its stable
 * codes, the injected clock, the secure random generator, request size and rate limits,
 * client IP resolution and the HTTP security filter chains that put the OAuth2 endpoints,
 * the JSON API and the operational endpoints side by side. Small helpers kept here so
 * each exists once: the wire spelling of enums ({@link org.onekeylogin.system.WireEnum}),
 * SHA-256 and HMAC-SHA256 ({@link org.onekeylogin.system.Hashing}) and retrying remote
 * calls with back-off ({@link org.onekeylogin.system.Retry}).
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.system;
