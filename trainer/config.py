"""Configuration: defaults, then TRAINER_* environment variables, then a test mapping.

Every setting is listed in SETTINGS with its type, so the README's reference and the
parser cannot drift apart, and a value of the wrong type stops the start with a message
naming the variable.
"""

import math
import os
import re
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from limits import parse_many

from trainer.core.multibase import ED25519_SECRET, decode_key

ENVIRONMENTS = ("production", "development", "testing")
MIN_SECRET_KEY_LENGTH = 32
MIN_SECRET_KEY_BITS = 128
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(RuntimeError):
    """The configuration cannot run the app; the message says what to set."""


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type
    default: Any
    help: str


SETTINGS = (
    Setting("ENV", str, "production", "production, development or testing"),
    Setting("SECRET_KEY", str, None, "signs sessions; 32+ characters, required in production"),
    Setting("DATABASE_URL", str, None, "SQLAlchemy URL; SQLite in the instance folder if unset"),
    Setting(
        "CONTENT_DIR",
        str,
        None,
        "the course's Markdown files; required in production, else the checkout's content/",
    ),
    Setting("BASE_URL", str, "http://127.0.0.1:5000", "public address, used in e-mails and PDFs"),
    Setting("SMTP_HOST", str, None, "SMTP server; required in production"),
    Setting("SMTP_PORT", int, 587, "SMTP port"),
    Setting("SMTP_USERNAME", str, None, "SMTP user name"),
    Setting("SMTP_PASSWORD", str, None, "SMTP password"),
    Setting("SMTP_STARTTLS", bool, True, "use STARTTLS"),
    Setting("MAIL_FROM", str, "trainer@localhost", "sender address of e-mails"),
    Setting(
        "MAIL_LOG_ONLY",
        bool,
        False,
        "log e-mails (recipient and subject only) instead of sending them",
    ),
    Setting("MAIL_RETRY_SECONDS", int, 60, "wait before the first retry of an e-mail; doubles"),
    Setting(
        "RATELIMIT_STORAGE_URL",
        str,
        "database://",
        "rate-limit store: database:// (the app's database) or redis://...",
    ),
    Setting("TRUSTED_PROXIES", int, 0, "reverse proxies in front that set X-Forwarded-For"),
    Setting("SQLITE_BUSY_TIMEOUT_MS", int, 5000, "how long SQLite waits for a lock"),
    Setting("MAX_UPLOAD_BYTES", int, 2 * 1024 * 1024, "largest request body accepted"),
    Setting("CHECK_SECONDS", int, 10, "time allowed for checking an uploaded content file"),
    Setting("CHECK_MEMORY_BYTES", int, 1024**3, "memory allowed for checking an upload"),
    Setting("CERTIFICATE_VALIDITY_MONTHS", int, 24, "how long a certificate is valid"),
    Setting(
        "LTI_KEY_FILE",
        str,
        None,
        "the LTI tool's RSA private key (PEM), published at /interop/lti/jwks.json",
    ),
    Setting(
        "RENEWAL_WINDOW_DAYS",
        int,
        90,
        "days before a certificate expires that its holder starts a new training cycle",
    ),
    Setting("RETAKE_DAYS", int, 60, "days given to retake a module after a major change"),
    Setting(
        "LOGIN_LIMIT",
        str,
        "10 per 10 minutes",
        "failed sign-ins per account from one client (address, or device it signed in on)",
    ),
    Setting(
        "LOGIN_ACCOUNT_LIMIT",
        str,
        "50 per hour",
        "failed sign-ins per account from clients it has never signed in from",
    ),
    Setting(
        "LOGIN_ADDRESS_LIMIT",
        str,
        "100 per 10 minutes",
        "failed sign-ins per address, all accounts",
    ),
    Setting(
        "FAILED_SIGN_IN_RETENTION_DAYS", int, 90, "days `trainer audit prune` keeps failed sign-ins"
    ),
    Setting(
        "ORG_NAME", str, None, "the organisation that runs the service and issues certificates"
    ),
    Setting("ORG_URL", str, None, "the organisation's website, https://..."),
    Setting("ORG_CONTACT_EMAIL", str, None, "where people write to the organisation"),
    Setting("ORG_ADDRESS", str, None, "the organisation's postal address"),
    Setting("ORG_LOGO", str, None, "the organisation's logo: an image file the app serves"),
    Setting(
        "PAGES_DIR", str, None, "adapted service pages (privacy, accessibility); instance/pages"
    ),
    Setting("XAPI_ENABLED", bool, False, "queue xAPI statements for a learning record store"),
    Setting("XAPI_ENDPOINT", str, None, "the learning record store's xAPI address, https://..."),
    Setting("XAPI_USERNAME", str, None, "user name (key) for the learning record store"),
    Setting("XAPI_PASSWORD", str, None, "password (secret) for the learning record store"),
    Setting(
        "XAPI_ACTOR",
        str,
        "account",
        "who statements name: account (an id on BASE_URL) or email (address and name)",
    ),
    Setting(
        "IDENTITY_PROVIDERS",
        str,
        None,
        "a JSON file of the identity providers people may sign in through (OIDC, SAML)",
    ),
    Setting(
        "ISSUER_KEY",
        str,
        None,
        "Ed25519 secret key (multibase z...) that signs credentials; else instance/issuer-key",
    ),
)
LIMIT_SETTINGS = ("LOGIN_LIMIT", "LOGIN_ACCOUNT_LIMIT", "LOGIN_ADDRESS_LIMIT")


def _parse(setting: Setting, raw: str) -> Any:
    if setting.kind is bool:
        lowered = raw.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
        raise ConfigError(f"TRAINER_{setting.key} must be true or false, not {raw!r}")
    if setting.kind is int:
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(
                f"TRAINER_{setting.key} must be a whole number, not {raw!r}"
            ) from None
    return raw


def read_settings(environ: dict[str, str], overrides: dict[str, Any] | None) -> dict[str, Any]:
    values = {s.key: s.default for s in SETTINGS}
    for setting in SETTINGS:
        raw = environ.get(f"TRAINER_{setting.key}")
        if raw is not None and raw != "":
            values[setting.key] = _parse(setting, raw)
    values.update(overrides or {})
    return values


def secret_key_weakness(key: str | None) -> str | None:
    """Why `key` cannot sign sessions in production, or None when it is strong enough.

    Length alone lets "a" * 32 through. The estimate counts the bits of each character
    from how often it occurs in the key, and a key that repeats itself (the same three
    characters again and again) is refused whatever its letters.
    """
    if not key or len(key) < MIN_SECRET_KEY_LENGTH:
        return f"is missing or shorter than {MIN_SECRET_KEY_LENGTH} characters"
    counts = Counter(key)
    bits = -sum(n * math.log2(n / len(key)) for n in counts.values())
    trigrams = [key[i : i + 3] for i in range(len(key) - 2)]
    if bits < MIN_SECRET_KEY_BITS or len(set(trigrams)) < 0.75 * len(trigrams):
        return "looks guessable (too few different characters, or a repeated pattern)"
    return None


def _secret_key(values: dict[str, Any], instance_path: Path) -> str:
    key = values["SECRET_KEY"]
    weakness = secret_key_weakness(key)
    if weakness is None:
        return key
    if values["ENV"] == "production":
        raise ConfigError(
            f"TRAINER_SECRET_KEY {weakness}. Set it to a long random value, e.g. "
            '`python -c "import secrets; print(secrets.token_urlsafe(48))"`.'
        )
    if key:
        return key
    # Development: a random key kept in the instance folder, so sessions survive restarts.
    keyfile = instance_path / "dev-secret-key"
    if not keyfile.exists():
        keyfile.write_text(secrets.token_urlsafe(48))
    return keyfile.read_text().strip()


def _check_mail(values: dict[str, Any]) -> None:
    if values["ENV"] == "production" and not values["SMTP_HOST"] and not values["MAIL_LOG_ONLY"]:
        raise ConfigError(
            "TRAINER_SMTP_HOST is not set, so no invitation or password e-mail would reach "
            "anyone. Set it (and TRAINER_SMTP_USERNAME, TRAINER_SMTP_PASSWORD), or set "
            "TRAINER_MAIL_LOG_ONLY=true to run without e-mail on purpose."
        )


XAPI_ACTORS = ("account", "email")


def _check_xapi(values: dict[str, Any]) -> None:
    if values["XAPI_ACTOR"] not in XAPI_ACTORS:
        raise ConfigError(
            f"TRAINER_XAPI_ACTOR must be one of {', '.join(XAPI_ACTORS)}, "
            f"not {values['XAPI_ACTOR']!r}"
        )
    endpoint = values["XAPI_ENDPOINT"]
    if endpoint and not re.fullmatch(r"https?://[^\s/?#]+(?:/[^\s?#]*)?", endpoint):
        raise ConfigError(
            f"TRAINER_XAPI_ENDPOINT must be an http(s):// address without ? or #, not {endpoint!r}"
        )
    if values["XAPI_ENABLED"] and not endpoint:
        raise ConfigError(
            "TRAINER_XAPI_ENABLED is true but TRAINER_XAPI_ENDPOINT is not set: set it to the "
            "learning record store's xAPI address (with TRAINER_XAPI_USERNAME and "
            "TRAINER_XAPI_PASSWORD), or turn xAPI off."
        )


def _content_dir(values: dict[str, Any]) -> Path:
    """The course's folder: given in production (an installed package has no content/ of
    its own), else the checkout's content/ by default."""
    given = values["CONTENT_DIR"]
    if given is None and values["ENV"] == "production":
        raise ConfigError(
            "TRAINER_CONTENT_DIR is not set: set it to the folder that holds the course's "
            "fi, sv and en folders (in a checkout, its content/ folder)."
        )
    folder = Path(given) if given else PROJECT_ROOT / "content"
    if not folder.is_dir():
        raise ConfigError(f"TRAINER_CONTENT_DIR is {str(folder)!r}, which is not a folder.")
    return folder


MAX_ORG_NAME_LENGTH = 120
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")


def _has_control_characters(text: str) -> bool:
    return any(ord(c) < 32 or 127 <= ord(c) < 160 for c in text)


def _check_organisation(values: dict[str, Any], instance_path: Path) -> None:
    """The TRAINER_ORG_* settings: plain text, an https address, an e-mail address, and a
    logo file that exists (a relative path is inside the instance folder)."""
    for key in ("ORG_NAME", "ORG_URL", "ORG_CONTACT_EMAIL", "ORG_ADDRESS", "ORG_LOGO"):
        if values[key] is not None and _has_control_characters(values[key]):
            raise ConfigError(f"TRAINER_{key} must not hold line breaks or control characters")
    if values["ORG_NAME"] and len(values["ORG_NAME"]) > MAX_ORG_NAME_LENGTH:
        raise ConfigError(
            f"TRAINER_ORG_NAME has more than {MAX_ORG_NAME_LENGTH} characters, more than one "
            "line of the certificate holds"
        )
    url = values["ORG_URL"]
    if url and not re.fullmatch(r"https://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", url):
        raise ConfigError(f"TRAINER_ORG_URL must be an https:// address, not {url!r}")
    email = values["ORG_CONTACT_EMAIL"]
    if email and not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+", email):
        raise ConfigError(f"TRAINER_ORG_CONTACT_EMAIL must be an e-mail address, not {email!r}")
    if values["ORG_LOGO"]:
        logo = instance_path / values["ORG_LOGO"]  # an absolute path stays as it is
        if logo.suffix.lower() not in LOGO_TYPES or not logo.is_file():
            raise ConfigError(
                f"TRAINER_ORG_LOGO is {str(logo)!r}, which is not an image file "
                f"({', '.join(LOGO_TYPES)})."
            )
        values["ORG_LOGO"] = str(logo.resolve())
    values["PAGES_DIR"] = str(instance_path / (values["PAGES_DIR"] or "pages"))


def _check_lti_key(values: dict[str, Any]) -> None:
    given = values["LTI_KEY_FILE"]
    if given and "PRIVATE KEY-----" not in _read_text(Path(given)):
        raise ConfigError(
            f"TRAINER_LTI_KEY_FILE is {given!r}, which is not a PEM private key: make one "
            "with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out FILE`."
        )


def _read_text(path: Path) -> str:
    try:
        return path.read_text()
    except (OSError, UnicodeDecodeError):
        return ""


def _check_limit(key: str, value: str) -> None:
    try:
        parse_many(value)
    except ValueError:
        raise ConfigError(
            f"TRAINER_{key} must be a rate such as '10 per 10 minutes', not {value!r}"
        ) from None


def build_config(instance_path: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Return the Flask config mapping, or raise ConfigError with a clear message."""
    values = read_settings(dict(os.environ), overrides)
    if values["ENV"] not in ENVIRONMENTS:
        raise ConfigError(
            f"TRAINER_ENV must be one of {', '.join(ENVIRONMENTS)}, not {values['ENV']!r}"
        )
    for key in LIMIT_SETTINGS:
        _check_limit(key, values[key])
    if values["TRUSTED_PROXIES"] < 0:
        raise ConfigError("TRAINER_TRUSTED_PROXIES must be 0 or more")
    for key in ("RENEWAL_WINDOW_DAYS", "RETAKE_DAYS"):
        if values[key] < 1:
            raise ConfigError(f"TRAINER_{key} must be 1 or more")
    values["CONTENT_DIR"] = str(_content_dir(values))
    instance_path.mkdir(parents=True, exist_ok=True)
    _check_organisation(values, instance_path)
    _check_lti_key(values)
    database_url = values["DATABASE_URL"] or f"sqlite:///{instance_path / 'trainer.sqlite'}"
    production = values["ENV"] == "production"
    values.update(
        SECRET_KEY=_secret_key(values, instance_path),
        SQLALCHEMY_DATABASE_URI=database_url,
        # No pre-ping: it costs a round trip per request; a dropped connection is
        # detected on use and the pool reconnects.
        SQLALCHEMY_ENGINE_OPTIONS={"pool_recycle": 1800},
        TESTING=values["ENV"] == "testing" or values.get("TESTING", False),
        MAX_CONTENT_LENGTH=values["MAX_UPLOAD_BYTES"],
        RATELIMIT_STORAGE_URI=values["RATELIMIT_STORAGE_URL"],
        # One store may serve other apps too (a shared Redis): our keys stay apart.
        RATELIMIT_KEY_PREFIX="trainer",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=production,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_DURATION=timedelta(days=30),
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=production,
        BABEL_DEFAULT_LOCALE="fi",
        BABEL_DEFAULT_TIMEZONE="Europe/Helsinki",
        WTF_CSRF_TIME_LIMIT=None,
    )
    _check_mail(values)
    _check_xapi(values)
    _check_issuer_key(values)
    return values


def _check_issuer_key(values: dict[str, Any]) -> None:
    key = values["ISSUER_KEY"]
    if key is None:
        return
    try:
        decode_key(ED25519_SECRET, key.strip())
    except ValueError:
        raise ConfigError(
            "TRAINER_ISSUER_KEY is not an Ed25519 secret key in multibase (z...). Make one "
            "with `trainer credentials new-key`, or leave it unset to use instance/issuer-key."
        ) from None
    values["ISSUER_KEY"] = key.strip()
