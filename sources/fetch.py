"""Fetching a page someone submitted, without letting the URL reach inside our network.

Editors and feeds hand us URLs; a URL is an instruction to our server to open a connection, so
every hop is checked before it is followed: http or https only, a host whose every address is a
public one (no loopback, private, link-local, reserved, multicast or unspecified address, IPv4 or
IPv6, including IPv4 addresses wrapped in IPv6), redirects followed by hand, a time limit, a size
limit read as the body streams in, and only HTML or plain text.

DNS rebinding: a hostname can answer the check with a public address and the connection a moment
later with 127.0.0.1. So the address is resolved once per hop, checked, and the connection is made
to that very address (PinnedBackend below); TLS still verifies the certificate against the
hostname, and the Host header still names it. Environment proxies are ignored for the same reason:
a proxy would resolve the name again on its side.
"""

import datetime
import ipaddress
import socket
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

import httpcore
import httpx
import trafilatura
from django.conf import settings

from cases.dates import in_bounds

from .ingest import length_problem

MAX_REDIRECTS = 5
USER_AGENT = "detention-tracker/0.1 (+https://github.com/; news article reader)"
MIN_ARTICLE_WORDS = 20
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")

Resolver = Callable[[str, int], list[str]]


class FetchRefused(Exception):
    """A permanent refusal, worded for the editor: the article fails with this message."""


class FetchFailed(Exception):
    """A transient failure (timeout, connection reset, a 5xx): worth trying again later."""


def resolve_host(host: str, port: int) -> list[str]:
    """Every address the host resolves to. Tests replace this with a stub: no DNS in tests."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def refusal_reason(address: str) -> str | None:
    """Why a connection to this address is refused, or None for a public address."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    if ip.version == 6:
        # An IPv4 address inside an IPv6 one reaches the IPv4 host: judge that host.
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return refusal_reason(str(embedded))
    checks = [
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("non-public", not ip.is_global),  # e.g. 100.64.0.0/10, carrier-grade NAT
    ]
    return next((f"a {name} address" for name, hit in checks if hit), None)


def checked_addresses(host: str, port: int, resolver: Resolver | None = None) -> list[str]:
    """The host's addresses, all of them public, or FetchRefused."""
    resolver = resolver or resolve_host
    try:
        addresses = resolver(host, port)
    except socket.gaierror as exc:
        if exc.errno == socket.EAI_AGAIN:
            raise FetchFailed(f"Could not resolve {host} just now: {exc}") from exc
        raise FetchRefused(f"The host {host} does not exist.") from exc
    except OSError as exc:
        raise FetchFailed(f"Could not resolve {host}: {exc}") from exc
    if not addresses:
        raise FetchRefused(f"The host {host} has no address.")
    for address in addresses:
        reason = refusal_reason(address)
        if reason:
            raise FetchRefused(f"Refused to fetch {host}: it resolves to {address}, {reason}.")
    return addresses


class PinnedBackend(httpcore.SyncBackend):
    """Connects to the addresses that were checked, whatever name the URL carries."""

    def __init__(self, addresses: list[str]):
        self.addresses = addresses

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        error: Exception | None = None
        for address in self.addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
        raise error or httpcore.ConnectError(f"no address for {host}")


def pinned_transport(addresses: list[str]) -> httpx.BaseTransport:
    transport = httpx.HTTPTransport(trust_env=False)
    # httpx has no public hook for the network backend; its pool is the documented httpcore one.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        network_backend=PinnedBackend(addresses),
        max_connections=1,
    )
    return transport


@dataclass
class Fetched:
    url: str  # after redirects
    status: int
    headers: httpx.Headers
    content: bytes = b""
    content_type: str = ""
    charset: str | None = None


def get(
    url: str,
    *,
    accept: tuple[str, ...],
    headers: dict | None = None,
    resolver: Resolver | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """GET a URL under the guard. `transport` replaces the pinned network transport in tests; the
    address check still runs on every hop through `resolver`."""
    deadline = time.monotonic() + settings.FETCH_TIMEOUT_SECONDS
    max_bytes = settings.FETCH_MAX_BYTES
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        try:
            target = httpx.URL(current)
        except httpx.InvalidURL as exc:
            raise FetchRefused(f"Not a valid URL: {current}") from exc
        if target.scheme not in ("http", "https"):
            raise FetchRefused(f"Only http and https URLs can be fetched, not {target.scheme}:.")
        if not target.host:
            raise FetchRefused(f"The URL {current} names no host.")
        port = target.port or (443 if target.scheme == "https" else 80)
        addresses = checked_addresses(target.host, port, resolver)
        remaining = max(deadline - time.monotonic(), 0.1)
        client = httpx.Client(
            transport=transport or pinned_transport(addresses),
            timeout=httpx.Timeout(remaining),
            follow_redirects=False,
            trust_env=False,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": ", ".join(accept) + ", */*;q=0.1",
                "Accept-Encoding": "gzip, deflate",  # the two _decode_content can bound
            },
        )
        try:
            with client, client.stream("GET", target, headers=headers) as response:
                if response.status_code in (301, 302, 303, 307, 308):
                    if "location" not in response.headers:
                        raise FetchRefused(f"A redirect without a location from {current}.")
                    current = str(response.url.join(response.headers["location"]))
                    continue
                return _read(response, accept, max_bytes, deadline)
        except httpx.TimeoutException as exc:
            raise FetchFailed(f"Timed out fetching {current}.") from exc
        except httpx.TransportError as exc:
            raise FetchFailed(f"Could not fetch {current}: {exc}") from exc
    raise FetchRefused(f"More than {MAX_REDIRECTS} redirects; gave up at {current}.")


def _read(response: httpx.Response, accept, max_bytes: int, deadline: float) -> Fetched:
    status = response.status_code
    fetched = Fetched(url=str(response.url), status=status, headers=response.headers)
    if status == 304:
        return fetched
    if status in (408, 425, 429) or status >= 500:
        raise FetchFailed(f"The server answered {status} for {response.url}.")
    if status >= 400:
        raise FetchRefused(f"The server answered {status} for {response.url}.")
    content_type, _, params = response.headers.get("content-type", "").partition(";")
    fetched.content_type = content_type.strip().lower()
    if fetched.content_type not in accept:
        shown = fetched.content_type or "no content type"
        raise FetchRefused(f"Not an article page: the server sent {shown}.")
    if "charset=" in params:
        fetched.charset = params.split("charset=", 1)[1].split(";")[0].strip(" \"'") or None
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchRefused(f"The page is larger than {max_bytes // 1_000_000} MB.")
    body = bytearray()
    for chunk in response.iter_raw():  # raw: the limit counts what crosses the wire
        body += chunk
        if len(body) > max_bytes:
            raise FetchRefused(f"The page is larger than {max_bytes // 1_000_000} MB.")
        if time.monotonic() > deadline:
            raise FetchRefused(
                f"The page took longer than {settings.FETCH_TIMEOUT_SECONDS} s to download."
            )
    fetched.content = _decode_content(bytes(body), response.headers.get("content-encoding", ""))
    if len(fetched.content) > max_bytes:  # a small gzip can unpack into a big page
        raise FetchRefused(f"The page is larger than {max_bytes // 1_000_000} MB.")
    return fetched


def _decode_content(body: bytes, encoding: str) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        # Bounded: never unpack more than the size limit (plus one byte, to notice).
        wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
        try:
            return zlib.decompressobj(wbits).decompress(body, settings.FETCH_MAX_BYTES + 1)
        except zlib.error as exc:
            raise FetchRefused(f"The page's {encoding} encoding is broken.") from exc
    if encoding not in ("", "identity"):
        raise FetchRefused(f"Unsupported content encoding {encoding}.")
    return body


@dataclass
class Page:
    """A fetched article, cleaned: the text and what the page says about itself."""

    url: str
    text: str
    title: str = ""
    published: datetime.date | None = None
    author: str = ""
    outlet: str = ""
    extra: dict = field(default_factory=dict)


def fetch_page(url: str, *, resolver=None, transport=None) -> Page:
    fetched = get(
        url,
        accept=PAGE_TYPES,
        resolver=resolver,
        transport=transport,
    )
    if fetched.status == 304:
        raise FetchRefused("The server answered 304 Not Modified to a plain request.")
    if fetched.content_type == "text/plain":
        text = fetched.content.decode(fetched.charset or "utf-8", errors="replace")
        page = Page(url=fetched.url, text=text.strip())
    else:
        page = clean_html(fetched.content, fetched.url, fetched.charset)
    if problem := length_problem(page.text):
        # The article fails with this reason; its URL stays on it for the editor to paste from.
        raise FetchRefused(f"{problem} Pasted text can be submitted on the Submit page.")
    return page


def clean_html(html: bytes | str, url: str = "", charset: str | None = None) -> Page:
    """The article's text and metadata, by trafilatura (navigation, ads and comments dropped)."""
    if isinstance(html, bytes) and charset:
        html = html.decode(charset, errors="replace")
    document = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    text = (getattr(document, "text", None) or "").strip() if document else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:  # a menu, a paywall notice, a cookie wall
        raise FetchRefused("No article text found on the page.")
    return Page(
        url=url,
        text=text,
        title=(document.title or "").strip(),
        published=_date(document.date),
        author=(document.author or "").strip(),
        outlet=(document.sitename or "").strip(),
    )


def _date(value: str | None) -> datetime.date | None:
    """The page's date, or None when it has none the record can hold: the article is then kept
    undated rather than failed (the worker reads it against the day it was submitted)."""
    try:
        date = datetime.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None
    return date if in_bounds(date) else None
