/**
 * Cross-cutting plumbing every feature relies on: the one JSON error shape and its stable codes, the injected
 * clock, the secure random generator, request size and rate limits, client IP resolution and the HTTP security
 * filter chains that put the OAuth2 endpoints, the JSON API and the operational endpoints side by side.
 */
@org.jspecify.annotations.NullMarked
package org.onekeylogin.system;
