package io.tensorwasm.ops.web.failure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The root of what the console refuses or cannot do, with one subclass per category that {@link
 * FailureHandler} maps to a status, a page and a JSON error. Messages are shown to the caller as
 * they are: they say what was wrong and where, and never hold a token or a request body.
 */
public abstract sealed class ConsoleException extends RuntimeException
        permits ConsoleException.BadRequest,
                ConsoleException.Unauthorized,
                ConsoleException.Forbidden,
                ConsoleException.NotFound,
                ConsoleException.Conflict,
                ConsoleException.TooMany,
                ConsoleException.Unavailable {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, Object> details = new LinkedHashMap<>();

    ConsoleException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** Adds a field to the JSON error, beside {@code code} and {@code message}. */
    public ConsoleException with(String field, Object value) {
        details.put(field, value);
        return this;
    }

    /** The fields added to the JSON error. */
    public Map<String, Object> details() {
        return Map.copyOf(details);
    }

    /** 400: the request says something the console cannot take; the message says what. */
    public static final class BadRequest extends ConsoleException {
        private static final long serialVersionUID = 1L;

        public BadRequest(String message) {
            super(message, null);
        }
    }

    /** 401: no credentials, or credentials the console does not know. */
    public static final class Unauthorized extends ConsoleException {
        private static final long serialVersionUID = 1L;

        public Unauthorized(String message) {
            super(message, null);
        }
    }

    /** 403: the caller is known, but their role does not allow the action. */
    public static final class Forbidden extends ConsoleException {
        private static final long serialVersionUID = 1L;

        public Forbidden(String message) {
            super(message, null);
        }
    }

    /** 404: no such page, incident, execution or drill. */
    public static final class NotFound extends ConsoleException {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message, null);
        }
    }

    /** 409: the request came too late or too early for the state it acts on. */
    public static final class Conflict extends ConsoleException {
        private static final long serialVersionUID = 1L;

        public Conflict(String message) {
            super(message, null);
        }
    }

    /** 429: the caller holds all it may of something at once (event streams). */
    public static final class TooMany extends ConsoleException {
        private static final long serialVersionUID = 1L;

        public TooMany(String message) {
            super(message, null);
        }
    }

    /** 503: a part the request needs is not there now; the same request may work later. */
    public static final class Unavailable extends ConsoleException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
