package io.pacer.server.auth;

import io.pacer.server.Role;
import java.util.Objects;

/**
 * Who made a request, as the access check established it.
 *
 * @param userName the user, or null under {@code --no-auth}
 * @param keyId the API key's public id ({@code pacer_AbCdEfGh}) when a key was presented or opened the session
 * @param role the effective role: the lower of the user's and the key's
 * @param via how the caller proved it: an API key, a session cookie, or nothing ({@code --no-auth})
 * @param csrfToken the session's CSRF token when {@code via} is {@link Via#SESSION}
 */
record Principal(String userName, String keyId, Role role, Via via, String csrfToken) {

    enum Via {
        KEY,
        SESSION,
        NO_AUTH
    }

    Principal {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(via, "via");
    }

    /** Everyone is an admin on a loopback-only server started with {@code --no-auth}. */
    static final Principal NO_AUTH = new Principal(null, null, Role.ADMIN, Via.NO_AUTH, null);

    /** The rate-limit bucket of this caller: its key, else its user. */
    String bucket() {
        return keyId != null ? "key:" + keyId : "user:" + userName;
    }
}
