"""One polite HTTP client for every service: a User-Agent with the lab's contact, each service's
rate limit, retries with backoff on 429 and 5xx, a timeout, and an on-disk cache of answers so a
second run asks nothing.

The standard library's `urllib` is enough for GET requests of JSON and Atom, and keeps the
cache, the limits and the replay of recorded answers in tests in one place for all four services
(their own clients each bring a different cache, rate limiter and HTTP stack)."""

from __future__ import annotations

import email.utils
import hashlib
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from site_builder import __version__
from site_builder.output.atomic import write_atomic

RETRIED = frozenset({429, 500, 502, 503, 504})
TRIES = 4
CACHED = frozenset({200, 404})
"""Answers kept for the next run: a work, and "no such work"."""


class ServiceError(Exception):
    """A service could not be asked or gave an answer we cannot use: one line for the user."""


class Offline(ServiceError):
    """No connection to a service at all."""


@dataclass
class Answer:
    status: int
    content_type: str
    body: bytes


@dataclass
class Client:
    """GET requests to the services, politely; answers kept in `cache_dir` (None: no cache)."""

    contact: str = ""
    cache_dir: Path | None = None
    refresh: bool = False
    """Ask again even when an answer is cached (citation counts change)."""
    timeout: float = 30.0
    backoff: float = 2.0
    """Seconds before the first retry; doubled for each next one (a `Retry-After` wins)."""
    intervals: dict[str, float] = field(default_factory=dict)
    """Least seconds between two requests to one service, by service name."""
    asked: int = 0
    """Requests sent (not answered from the cache), for the run's summary."""
    _last: dict[str, float] = field(default_factory=dict)

    @property
    def user_agent(self) -> str:
        contact = f"; mailto:{self.contact}" if self.contact else ""
        return f"site_builder/{__version__} (publication website enrichment{contact})"

    def get(self, service: str, url: str) -> Answer:
        """The answer for `url`: from the cache, or asked (after waiting for `service`'s limit)."""
        cached = self._cached(url)
        if cached is not None:
            return cached
        for attempt in range(TRIES):
            self._wait_turn(service)
            answer, retry_after = self._ask(url)
            if answer.status not in RETRIED or attempt == TRIES - 1:
                break
            time.sleep(retry_after if retry_after is not None else self.backoff * 2**attempt)
        if answer.status in RETRIED:
            raise ServiceError(f"{service}: {url} answered {answer.status} {TRIES} times; try again later")
        if answer.status in CACHED:
            self._store(url, answer)
        return answer

    def _wait_turn(self, service: str) -> None:
        interval = self.intervals.get(service, 0.0)
        wait = self._last.get(service, -interval) + interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[service] = time.monotonic()

    def _ask(self, url: str) -> tuple[Answer, float | None]:
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "application/json, application/atom+xml"})
        self.asked += 1
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return Answer(response.status, response.headers.get("Content-Type", ""), response.read()), None
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers.get("Content-Type", ""), error.read()), _retry_after(error.headers.get("Retry-After"))
        except (TimeoutError, urllib.error.URLError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            host = urllib.parse.urlsplit(url).netloc
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise ServiceError(f"{host} did not answer within {self.timeout:.0f} s; try again later") from None
            raise Offline(f"cannot reach {host} ({reason}): are you offline?") from None

    def _path(self, url: str) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / (hashlib.blake2b(url.encode(), digest_size=16).hexdigest() + ".json")

    def _cached(self, url: str) -> Answer | None:
        path = self._path(url)
        if path is None or self.refresh or not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Answer(data["status"], data["content_type"], data["body"].encode("utf-8"))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a damaged entry is asked again

    def _store(self, url: str, answer: Answer) -> None:
        path = self._path(url)
        if path is None:
            return
        try:
            text = answer.body.decode("utf-8")
        except UnicodeDecodeError:
            return
        data = {
            "url": url,
            "fetched": time.strftime("%Y-%m-%d"),
            "status": answer.status,
            "content_type": answer.content_type,
            "body": text,
        }
        write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _retry_after(value: str | None) -> float | None:
    """`Retry-After` in seconds (it may be a number or an HTTP date), capped at a minute."""
    if not value:
        return None
    try:
        return min(60.0, max(0.0, float(value)))
    except ValueError:
        when = email.utils.parsedate_to_datetime(value)
        return None if when is None else min(60.0, max(0.0, when.timestamp() - time.time()))
