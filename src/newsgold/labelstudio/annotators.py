"""Annotator accounts: real Label Studio users with their own password and API token.

``newsgold labelstudio annotators add alice`` signs ``alice@newsgold.local`` up through
the server's own sign-up page with the organization's invite token (the way a person
invited by the admin joins), logs in, and reads the new user's API token from
``/api/current-user/token``. Label Studio sets the username to the e-mail's local part,
so the annotator's one name — ``alice`` — is also their Label Studio username, their
pass folder (``annotations/passes/alice/``) and the annotator of their pulled records.

Credentials never enter the repository: they are kept in a local file (default
``.labelstudio/annotators.json``, git-ignored, permissions 0600), per server URL::

    {"servers": {"http://127.0.0.1:8080": {"alice": {"user_id": 3, "email": ...,
      "password": ..., "token": ..., "removed": false}}}}

Removing an annotator revokes their API token and removes them from the organization;
their annotations stay, and the entry stays (without credentials) so pulls still name
their work.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from newsgold.atomic import atomic_write_bytes
from newsgold.errors import InputError
from newsgold.labelstudio.client import ANNOTATOR_EMAIL_DOMAIN
from newsgold.labelstudio.server import ServerError

DEFAULT_CREDENTIALS = Path(".labelstudio") / "annotators.json"
_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


def check_annotator_name(name: str) -> str:
    """Return ``name`` if it can be an annotator name (it becomes a folder and a username).

    Raises:
        InputError: not 1-40 characters of lowercase letters, digits, ``_`` or ``-``
            starting with a letter.

    Example:
        >>> check_annotator_name("alice")
        'alice'
    """
    if not _NAME.match(name):
        raise InputError(
            f"annotator name {name!r} must be 1-40 lowercase letters, digits, '_' or '-', "
            "starting with a letter (it names a folder and a Label Studio user)",
            field="NAME",
        )
    return name


@dataclass
class AnnotatorAccount:
    """One annotator's Label Studio account on one server."""

    name: str
    user_id: int
    email: str
    password: str | None  # None once removed
    token: str | None  # None once removed
    removed: bool = False

    def to_dict(self) -> dict[str, Any]:
        row = asdict(self)
        del row["name"]
        return row


class AnnotatorRegistry:
    """The local credentials file (see the module docstring); load, change, :meth:`save`."""

    def __init__(self, path: str | Path = DEFAULT_CREDENTIALS) -> None:
        self.path = Path(path)
        self.servers: dict[str, dict[str, AnnotatorAccount]] = {}
        if self.path.exists():
            self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"not a JSON credentials file: {exc}", path=self.path) from None
        servers = data.get("servers") if isinstance(data, dict) else None
        if not isinstance(servers, dict):
            raise InputError('expected {"servers": {URL: {NAME: account}}}', path=self.path)
        for url, accounts in servers.items():
            if not isinstance(accounts, dict):
                raise InputError(f"server {url}: expected an object of accounts", path=self.path)
            for name, row in accounts.items():
                try:
                    account = AnnotatorAccount(
                        name=name,
                        user_id=int(row["user_id"]),
                        email=str(row["email"]),
                        password=row.get("password"),
                        token=row.get("token"),
                        removed=bool(row.get("removed", False)),
                    )
                except (KeyError, TypeError, ValueError):
                    raise InputError(
                        f"server {url}, annotator {name}: expected user_id, email, password, "
                        f"token, removed; got {row!r}",
                        path=self.path,
                    ) from None
                self.servers.setdefault(url, {})[name] = account

    def accounts(self, url: str, *, include_removed: bool = False) -> list[AnnotatorAccount]:
        """The annotators of the server at ``url``, sorted by name."""
        found = self.servers.get(url, {})
        return [found[n] for n in sorted(found) if include_removed or not found[n].removed]

    def get(self, url: str, name: str) -> AnnotatorAccount:
        """The active account ``name`` on ``url``.

        Raises:
            InputError: no such annotator (says how to add one), or it was removed.
        """
        account = self.servers.get(url, {}).get(name)
        if account is None:
            known = ", ".join(a.name for a in self.accounts(url)) or "none"
            raise InputError(
                f"no annotator {name!r} for {url} in {self.path} (known: {known}); add one "
                f"with `newsgold labelstudio annotators add {name}`",
                field="--annotator",
            )
        if account.removed or not account.token:
            raise InputError(f"annotator {name!r} was removed from {url}", field="--annotator")
        return account

    def put(self, url: str, account: AnnotatorAccount) -> None:
        self.servers.setdefault(url, {})[account.name] = account

    def names_by_user_id(self, url: str) -> dict[int, str]:
        """Label Studio user id -> annotator name, removed annotators included."""
        return {a.user_id: a.name for a in self.accounts(url, include_removed=True)}

    def save(self) -> None:
        """Write the file atomically with permissions 0600 (it holds passwords)."""
        data = {
            "servers": {
                url: {name: accounts[name].to_dict() for name in sorted(accounts)}
                for url, accounts in sorted(self.servers.items())
            }
        }
        text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        atomic_write_bytes(self.path, text.encode("utf-8"), mode=0o600)


def _sign_up(url: str, invite_token: str, email: str, password: str) -> str:
    """Sign up through the server's own page and return the new user's API token."""
    import httpx

    with httpx.Client(base_url=url, timeout=60.0) as http:
        signup = "/user/signup/"
        http.get(signup, params={"token": invite_token})
        csrf = http.cookies.get("csrftoken")
        if not csrf:
            raise ServerError(f"{url}{signup} set no CSRF cookie; is this a Label Studio server?")
        response = http.post(
            signup,
            params={"token": invite_token},
            data={"csrfmiddlewaretoken": csrf, "email": email, "password": password},
            headers={"Referer": f"{url}{signup}"},
        )
        if response.status_code != 302:
            errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]+)<', response.text)
            detail = "; ".join(e.strip() for e in errors if e.strip()) or (
                f"HTTP {response.status_code}"
            )
            raise ServerError(f"Label Studio refused to sign up {email}: {detail}")
        token = http.get("/api/current-user/token")
        if token.status_code != 200:
            raise ServerError(
                f"signed up {email} but could not read its API token (HTTP "
                f"{token.status_code}); start Label Studio with legacy API tokens enabled "
                "(`newsgold labelstudio serve` does)"
            )
        return str(token.json()["token"])


def add_annotator(
    admin: Any, url: str, name: str, registry: AnnotatorRegistry, *, password: str | None = None
) -> AnnotatorAccount:
    """Create the Label Studio user ``<name>@newsgold.local`` and keep its credentials.

    Args:
        admin: a ``label_studio_sdk.LabelStudio`` client of the organization's admin.
        url: the server URL (the registry key).
        name: the annotator name (see :func:`check_annotator_name`).
        registry: where the credentials go (saved by this function).
        password: default: 24 random URL-safe characters.

    Returns:
        The new :class:`AnnotatorAccount`.

    Raises:
        InputError: bad name, or the annotator exists already.
        ServerError: the server refused the sign-up.

    ``newsgold labelstudio annotators add NAME`` calls this (a running server is needed).
    """
    from label_studio_sdk import LabelStudio

    check_annotator_name(name)
    if name in registry.servers.get(url, {}):
        state = "was removed" if registry.servers[url][name].removed else "exists"
        raise InputError(f"annotator {name!r} {state} on {url} ({registry.path})", field="NAME")
    email = f"{name}@{ANNOTATOR_EMAIL_DOMAIN}"
    if any(user.email == email for user in admin.users.list()):
        raise InputError(
            f"Label Studio at {url} already has a user {email}, but {registry.path} holds no "
            "credentials for it; pick another name",
            field="NAME",
        )
    invite = admin.organizations.invites.get_invite_link()
    password = password or secrets.token_urlsafe(18)
    token = _sign_up(url, str(invite.token), email, password)
    me = LabelStudio(base_url=url, api_key=token).users.whoami()
    if me.email != email:
        raise ServerError(f"the token read for {email} belongs to {me.email}")
    account = AnnotatorAccount(name, int(me.id), email, password, token)
    registry.put(url, account)
    registry.save()
    return account


def remove_annotator(admin: Any, url: str, name: str, registry: AnnotatorRegistry) -> None:
    """Revoke the annotator's API token and remove them from the organization.

    Their annotations stay in Label Studio; the registry keeps their user id and name
    (without credentials) so ``pull`` still names their work.

    Raises:
        InputError: no such active annotator.
    """
    from label_studio_sdk import LabelStudio

    account = registry.get(url, name)
    LabelStudio(base_url=url, api_key=str(account.token)).users.reset_token()
    organization = admin.users.whoami().active_organization
    admin.organizations.members.delete(int(organization), int(account.user_id))
    registry.put(
        url, AnnotatorAccount(name, account.user_id, account.email, None, None, removed=True)
    )
    registry.save()


def annotator_client(url: str, name: str, registry: AnnotatorRegistry) -> Any:
    """A ``label_studio_sdk.LabelStudio`` client that acts as annotator ``name``.

    Raises:
        InputError: no such active annotator.
        ServerError: nothing healthy answers at ``url``.
    """
    from newsgold.labelstudio.client import connect

    return connect(url, str(registry.get(url, name).token))


def annotator_names(client: Any, url: str, registry: AnnotatorRegistry) -> dict[int, str]:
    """Label Studio user id -> the one name an annotator has everywhere.

    Registered annotators get their registry name; other users their username, or the
    e-mail's local part (the admin: ``admin``), made safe as a folder name.
    """
    from newsgold.labelstudio.client import user_names

    names = {user_id: _safe_name(name, user_id) for user_id, name in user_names(client).items()}
    names.update(registry.names_by_user_id(url))
    return names


def _safe_name(name: str, user_id: int) -> str:
    local = name.split("@")[0].lower()
    return local if _NAME.match(local) else f"user{user_id}"
