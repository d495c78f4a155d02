#!/usr/bin/env python3
"""Writes tests/fixtures/svix-deliveries.json: webhook deliveries signed by Svix's official Python
library, each with the exact verdict that src/delivery.rs must give for it.

Regenerate from the repository root with:

    python3 -m venv /tmp/svix-venv \
      && /tmp/svix-venv/bin/pip install svix==2.9.1 standardwebhooks==1.1.0 \
      && /tmp/svix-venv/bin/python scripts/make-svix-fixtures.py

Made with svix 2.9.1, which signs and verifies through standardwebhooks 1.1.0. Secrets, ids, bodies
and clocks are fixed, so every run writes the same file.

Each case is a JSON object:
  name          what the case shows
  secret        the webhook's current secret, as Ada returns it
  other_secret  a second secret the admin typed in, or null
  headers       the headers as an admin would paste them (`name: value` lines)
  body          the raw body, exactly as delivered
  now           the checking clock, unix seconds
  expected      the sentence the widget shows

Signatures come only from `Webhook(secret).sign`. Every case is then also run through the library's
own `Webhook(secret).verify` (the current secret, then the other one), with the library's clock frozen
at the case's `now`, and the script stops unless the library agrees: it accepts exactly the cases
expected valid, with the same secret, and refuses the rest for the stated reason. Where the widget
says more than the library (which header is missing, minutes old, "no v1 signature"), the reason
stated is the library's coarser one.
"""

import base64
import hashlib
import json
import sys
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path
from unittest import mock

import standardwebhooks.webhooks
from svix.webhooks import Webhook, WebhookVerificationError

SVIX_VERSION = "2.9.1"
OUTPUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "svix-deliveries.json"

VALID_CURRENT = "Valid: signed with the current secret"
VALID_OTHER = "Valid: signed with the other secret you entered"
NO_MATCH = (
    "Not valid: no signature matches (the body may have been changed or re-serialised, "
    "or it was signed with another secret)"
)
# The widget adds this when the pasted body has line breaks (a text area turns CR LF into LF).
NO_MATCH_LINE_BREAKS = (
    NO_MATCH + ". The body has line breaks: if they were not LF when it was signed, paste it "
    "from a source that keeps them, or check it on the receiver"
)
TIMESTAMP_NOT_INTEGER = (
    "Invalid header: svix-timestamp is not a whole number of seconds since 1970"
)
NO_V1_SIGNATURE = "Invalid header: svix-signature has no v1 signature"
OTHER_NOT_BASE64 = "The other secret is not valid base64; check that it was copied completely."


def minutes_old(minutes):
    return f"Not valid: timestamp is {minutes} minute{'' if minutes == 1 else 's'} old"


def minutes_ahead(minutes):
    return f"Not valid: timestamp is {minutes} minute{'' if minutes == 1 else 's'} in the future"


def missing(name):
    return f"Missing header: {name}"


# What the library must do with each case: accept it with one of the secrets, or refuse it with this
# WebhookVerificationError message (or, for the other secret, refuse to decode it).
LIBRARY_ACCEPTS_CURRENT = "accepts the current secret"
LIBRARY_ACCEPTS_OTHER = "accepts the other secret"
LIBRARY_MISSING_HEADERS = "Missing required headers"
LIBRARY_BAD_HEADERS = "Invalid Signature Headers"
LIBRARY_TOO_OLD = "Message timestamp too old"
LIBRARY_TOO_NEW = "Message timestamp too new"
LIBRARY_NO_MATCH = "No matching signature found"
LIBRARY_REFUSES_OTHER_SECRET = "refuses to decode the other secret"


def derived_secret(label, length):
    """A fixed secret of `length` bytes, so that regenerating gives the same file."""
    return "whsec_" + base64.b64encode(hashlib.sha256(label.encode()).digest()[:length]).decode()


# Svix generates 24-byte secrets; Ada also accepts custom ones up to 75 bytes. The 32-byte one's
# base64 ends in `=`, so padding is exercised.
CURRENT = derived_secret("ada-webhooks-admin fixtures: current secret", 24)
PREVIOUS = derived_secret("ada-webhooks-admin fixtures: previous secret", 32)
STRANGER = derived_secret("ada-webhooks-admin fixtures: some other webhook's secret", 24)
# Rotated in after the delivery was signed, so none of its signatures is by this one.
NEXT = derived_secret("ada-webhooks-admin fixtures: next secret", 24)

# Svix's documented example (https://docs.svix.com/receiving/verifying-payloads/how-manual).
SVIX_EXAMPLE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SVIX_EXAMPLE_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SVIX_EXAMPLE_TIMESTAMP = 1614265330
SVIX_EXAMPLE_BODY = '{"test": 2432232314}'
SVIX_EXAMPLE_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

NOW = 1733054400  # 2024-12-01T12:00:00Z
SENT = NOW - 14  # the delivery arrived 14 seconds before the admin checked it

BODY = json.dumps(
    {
        "type": "v1.conversation.message",
        "timestamp": "2024-12-01T11:59:46Z",
        "data": {
            "conversation_id": "6718a6f2b8f1c33e0b5d4a21",
            "message": {"author": "end_user", "text": "Bonjour, où est ma commande ? ☕"},
        },
    },
    ensure_ascii=False,
    separators=(",", ":"),
)


def sign(secret, msg_id, timestamp, body):
    return Webhook(secret).sign(msg_id, datetime.fromtimestamp(timestamp, tz=timezone.utc), body)


def svix_headers(msg_id, timestamp, signature, prefix="svix-"):
    return [
        (f"{prefix}id", msg_id),
        (f"{prefix}timestamp", str(timestamp)),
        (f"{prefix}signature", signature),
    ]


def paste(headers, newline="\n"):
    """The text an admin copies from a request log: a request line, then the headers."""
    lines = [
        "POST /webhooks/ada HTTP/1.1",
        "host: hooks.example.com",
        "content-type: application/json",
        "user-agent: Svix-Webhooks/1.45 (sender-aBcD1; +https://www.svix.com/http-sender/)",
    ]
    lines += [f"{name}: {value}" for name, value in headers]
    return newline.join(lines) + newline


def without(headers, name):
    return [(key, value) for key, value in headers if key != name]


def build_cases():
    cases = []

    def case(name, *, headers, body, expected, library, secret=CURRENT, other_secret=None,
             now=NOW, text=None):
        cases.append({
            "name": name,
            "secret": secret,
            "other_secret": other_secret,
            "headers": paste(headers) if text is None else text,
            "body": body,
            "now": now,
            "expected": expected,
            "library": library,
            "library_headers": dict(headers),
        })

    msg_id = "msg_2pQkV7hXr4Lw9ZbTn3cJ8sYdF1a"
    signed = svix_headers(msg_id, SENT, sign(CURRENT, msg_id, SENT, BODY))

    case("valid with the current secret",
         headers=signed, body=BODY, expected=VALID_CURRENT, library=LIBRARY_ACCEPTS_CURRENT)

    previous_id = "msg_2pQkWb0cN5oEe6Rt8uJm1GhKz7x"
    signed_with_previous = svix_headers(
        previous_id, SENT, sign(PREVIOUS, previous_id, SENT, BODY))
    case("valid with the other secret entered, not the current one",
         headers=signed_with_previous, body=BODY, other_secret=PREVIOUS,
         expected=VALID_OTHER, library=LIBRARY_ACCEPTS_OTHER)

    example_signature = sign(SVIX_EXAMPLE_SECRET, SVIX_EXAMPLE_ID, SVIX_EXAMPLE_TIMESTAMP,
                             SVIX_EXAMPLE_BODY)
    if example_signature != SVIX_EXAMPLE_SIGNATURE:
        sys.exit(f"svix signs its documented example as {example_signature}, "
                 f"not {SVIX_EXAMPLE_SIGNATURE}")
    case("Svix's documented example",
         headers=svix_headers(SVIX_EXAMPLE_ID, SVIX_EXAMPLE_TIMESTAMP, SVIX_EXAMPLE_SIGNATURE),
         body=SVIX_EXAMPLE_BODY, secret=SVIX_EXAMPLE_SECRET, now=SVIX_EXAMPLE_TIMESTAMP + 3,
         expected=VALID_CURRENT, library=LIBRARY_ACCEPTS_CURRENT)

    case("tampered body", headers=signed, body=BODY.replace("6718a6f2", "6718a6f3"),
         expected=NO_MATCH, library=LIBRARY_NO_MATCH)

    case("re-serialised body (same JSON, other white space)",
         headers=signed, body=json.dumps(json.loads(BODY), ensure_ascii=False, indent=2),
         expected=NO_MATCH_LINE_BREAKS, library=LIBRARY_NO_MATCH)

    case("body lost its trailing newline",
         headers=svix_headers(msg_id, SENT, sign(CURRENT, msg_id, SENT, BODY + "\n")),
         body=BODY, expected=NO_MATCH, library=LIBRARY_NO_MATCH)

    case("body ending in a newline, kept byte for byte",
         headers=svix_headers(msg_id, SENT, sign(CURRENT, msg_id, SENT, BODY + "\n")),
         body=BODY + "\n", expected=VALID_CURRENT, library=LIBRARY_ACCEPTS_CURRENT)

    case("wrong secret", headers=signed, body=BODY, secret=STRANGER,
         expected=NO_MATCH, library=LIBRARY_NO_MATCH)

    case("wrong secret and a wrong other secret", headers=signed, body=BODY, secret=STRANGER,
         other_secret=PREVIOUS, expected=NO_MATCH, library=LIBRARY_NO_MATCH)

    case("valid with the current secret while the other secret is broken", headers=signed,
         body=BODY, other_secret=PREVIOUS[:-3], expected=VALID_CURRENT,
         library=LIBRARY_ACCEPTS_CURRENT)

    # A 44-character secret that lost its last three characters: 41 is no length of base64, which
    # the library refuses too.
    case("other secret copied incompletely", headers=signed_with_previous, body=BODY,
         other_secret=PREVIOUS[:-3], expected=OTHER_NOT_BASE64,
         library=LIBRARY_REFUSES_OTHER_SECRET)

    stale = NOW - (61 * 60 + 25)
    case("timestamp 61 minutes old",
         headers=svix_headers(msg_id, stale, sign(CURRENT, msg_id, stale, BODY)), body=BODY,
         expected=minutes_old(61), library=LIBRARY_TOO_OLD)

    case("timestamp old and the secret wrong: the timestamp is reported",
         headers=svix_headers(msg_id, stale, sign(CURRENT, msg_id, stale, BODY)), body=BODY,
         secret=STRANGER, expected=minutes_old(61), library=LIBRARY_TOO_OLD)

    at_tolerance = NOW - 5 * 60
    case("timestamp exactly 5 minutes old is still accepted",
         headers=svix_headers(msg_id, at_tolerance, sign(CURRENT, msg_id, at_tolerance, BODY)),
         body=BODY, expected=VALID_CURRENT, library=LIBRARY_ACCEPTS_CURRENT)

    past_tolerance = NOW - 5 * 60 - 1
    case("timestamp 5 minutes and 1 second old",
         headers=svix_headers(msg_id, past_tolerance,
                              sign(CURRENT, msg_id, past_tolerance, BODY)),
         body=BODY, expected=minutes_old(5), library=LIBRARY_TOO_OLD)

    ahead = NOW + 7 * 60 + 30
    case("timestamp in the future",
         headers=svix_headers(msg_id, ahead, sign(CURRENT, msg_id, ahead, BODY)), body=BODY,
         expected=minutes_ahead(7), library=LIBRARY_TOO_NEW)

    rotation_id = "msg_2pQkYf4sD9aLq2Wx6nVb0CjHe3m"
    rotation_signatures = " ".join([
        sign(PREVIOUS, rotation_id, SENT, BODY),
        sign(STRANGER, rotation_id, SENT, BODY),
        sign(CURRENT, rotation_id, SENT, BODY),
    ])
    # The widget skips a v1 signature that does not decode; the library would fail on it, so it
    # comes after the match, where the library stops.
    with_undecodable = rotation_signatures + " v1,this-is-not-base64"
    case("several signatures during a rotation, one of them by the current secret",
         headers=svix_headers(rotation_id, SENT, with_undecodable), body=BODY,
         expected=VALID_CURRENT, library=LIBRARY_ACCEPTS_CURRENT)

    case("several signatures during a rotation, checked with the other secret",
         headers=svix_headers(rotation_id, SENT, rotation_signatures), body=BODY,
         secret=NEXT, other_secret=PREVIOUS, expected=VALID_OTHER, library=LIBRARY_ACCEPTS_OTHER)

    white_label_id = "msg_2pQkZr8tG1bMw5Yy7oXc2DkJf4n"
    case("white-label webhook-* header names",
         headers=svix_headers(white_label_id, SENT, sign(CURRENT, white_label_id, SENT, BODY),
                              prefix="webhook-"),
         body=BODY, expected=VALID_CURRENT, library=LIBRARY_ACCEPTS_CURRENT)

    shuffled = [
        ("SVIX-SIGNATURE", signed[2][1]),
        ("X-Forwarded-For", "203.0.113.7"),
        ("Svix-Id", signed[0][1]),
        ("sViX-TiMeStAmP", signed[1][1]),
    ]
    case("mixed-case header names in shuffled order",
         headers=shuffled, body=BODY, expected=VALID_CURRENT, library=LIBRARY_ACCEPTS_CURRENT)

    case("CRLF line endings", headers=signed, text=paste(signed, newline="\r\n"), body=BODY,
         expected=VALID_CURRENT, library=LIBRARY_ACCEPTS_CURRENT)

    case("secret without the whsec_ prefix, with surrounding white space", headers=signed,
         body=BODY, secret="  " + CURRENT.removeprefix("whsec_") + "\n",
         expected=VALID_CURRENT, library=LIBRARY_ACCEPTS_CURRENT)

    for name in ("svix-id", "svix-timestamp", "svix-signature"):
        case(f"missing {name}", headers=without(signed, name), body=BODY,
             expected=missing(name), library=LIBRARY_MISSING_HEADERS)

    case("no Svix headers at all (only the request line and ordinary headers)", headers=[],
         body=BODY, expected=missing("svix-id"), library=LIBRARY_MISSING_HEADERS)

    case("timestamp not an integer",
         headers=[signed[0], ("svix-timestamp", "2024-12-01T11:59:46Z"), signed[2]], body=BODY,
         expected=TIMESTAMP_NOT_INTEGER, library=LIBRARY_BAD_HEADERS)

    # An asymmetric signature (ed25519, 64 bytes) stands in for any version but v1; it is not made
    # with the secret, so the widget ignores it like the library does.
    v1a_signature = "v1a," + base64.b64encode(hashlib.sha512(b"not an ed25519 signature").digest()).decode()
    case("only a v1a signature", headers=svix_headers(msg_id, SENT, v1a_signature), body=BODY,
         expected=NO_V1_SIGNATURE, library=LIBRARY_NO_MATCH)

    return cases


class FrozenClock(datetime):
    frozen_at = 0

    @classmethod
    def now(cls, tz=None):
        return datetime.fromtimestamp(cls.frozen_at, tz=tz)


def library_outcome(case):
    """What Svix's library makes of a case, with its clock frozen at the case's `now`."""
    FrozenClock.frozen_at = case["now"]
    refusal = None
    with mock.patch.object(standardwebhooks.webhooks, "datetime", FrozenClock):
        for secret, accepted in ((case["secret"], LIBRARY_ACCEPTS_CURRENT),
                                 (case["other_secret"], LIBRARY_ACCEPTS_OTHER)):
            if secret is None:
                continue
            try:
                webhook = Webhook(secret.strip())
            except ValueError:  # binascii.Error
                if accepted == LIBRARY_ACCEPTS_OTHER:
                    return LIBRARY_REFUSES_OTHER_SECRET
                raise
            try:
                webhook.verify(case["body"], case["library_headers"])
                return accepted
            except WebhookVerificationError as error:
                refusal = str(error)
    return refusal


def main():
    if version("svix") != SVIX_VERSION:
        sys.exit(f"svix {version('svix')} is installed; these fixtures are made with "
                 f"svix {SVIX_VERSION} (update SVIX_VERSION and this script's docstring to change)")
    cases = build_cases()
    disagreements = [
        f"{case['name']}: the library {outcome!r}, expected {case['library']!r}"
        for case in cases
        if (outcome := library_outcome(case)) != case["library"]
    ]
    if disagreements:
        sys.exit("Svix's library disagrees:\n" + "\n".join(disagreements))
    fixtures = [{key: case[key] for key in
                 ("name", "secret", "other_secret", "headers", "body", "now", "expected")}
                for case in cases]
    OUTPUT.write_text(json.dumps(fixtures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(fixtures)} cases to {OUTPUT}")


if __name__ == "__main__":
    main()
