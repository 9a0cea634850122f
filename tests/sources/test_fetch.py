"""The URL guard and the fetcher, without network: names resolve through a stub resolver and
answers come from httpx.MockTransport (one test talks to a socket on this machine's loopback)."""

import gzip
import http.server
import socket
import threading

import httpx
import pytest

from sources import fetch

PUBLIC = "93.184.216.34"

ARTICLE_HTML = b"""<!doctype html><html><head>
<title>Griner trial resumes | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2022-07-27T10:00:00Z">
</head><body><nav>Home | World | Sport</nav><article><h1>Griner trial resumes</h1>
<p>The trial of Brittney Griner resumed in Khimki on Wednesday, her lawyers said, with the
defence calling two witnesses who described her character and her career in Russia.</p>
<p>The basketball star has pleaded guilty to drug charges but says she packed the vape
cartridges in haste and without criminal intent, and faces up to ten years in prison.</p>
<p>The US State Department says she is wrongfully detained and has pressed Moscow to free her
along with Paul Whelan, a former Marine serving a sixteen-year sentence.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def streamed(body: bytes):
    """Body as a stream, as a real transport gives it (a bytes body arrives already read)."""
    return iter([body])


def resolver_for(table: dict[str, list[str]]):
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return table[host]

    return resolve


def public(host, port):
    return [PUBLIC]


def html_response(request, body=ARTICLE_HTML, **headers):
    return httpx.Response(
        200, headers={"content-type": "text/html; charset=utf-8"} | headers, content=streamed(body)
    )


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("169.254.169.254", "link-local"),  # the cloud metadata service
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("100.64.0.1", "non-public"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped IPv6
        ("::ffff:10.0.0.1", "private"),
        ("2002:7f00:1::", "loopback"),  # 6to4 wrapping 127.0.0.1
        ("fe80::1%eth0", "link-local"),
    ],
)
def test_it_refuses_each_non_public_address_class(address, reason):
    assert fetch.refusal_reason(address) == f"a {reason} address"
    with pytest.raises(fetch.FetchRefused, match=reason):
        fetch.checked_addresses("sneaky.example", 80, resolver=lambda h, p: [address])


@pytest.mark.parametrize("address", [PUBLIC, "2606:4700::1111", "8.8.8.8"])
def test_it_allows_public_addresses(address):
    assert fetch.refusal_reason(address) is None


def test_it_refuses_a_host_with_one_bad_address_among_good_ones():
    with pytest.raises(fetch.FetchRefused, match="10.0.0.1"):
        fetch.checked_addresses("mixed.example", 443, resolver=lambda h, p: [PUBLIC, "10.0.0.1"])


def test_it_refuses_a_host_that_does_not_exist():
    with pytest.raises(fetch.FetchRefused, match="does not exist"):
        fetch.checked_addresses("nowhere.example", 443, resolver=resolver_for({}))


def test_a_temporary_dns_failure_is_transient():
    def flaky(host, port):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    with pytest.raises(fetch.FetchFailed):
        fetch.checked_addresses("news.example", 443, resolver=flaky)


@pytest.mark.parametrize(
    "url", ["ftp://news.example/a", "file:///etc/passwd", "gopher://news.example/", "http:///x"]
)
def test_it_fetches_only_http_and_https(url):
    transport = httpx.MockTransport(html_response)
    with pytest.raises(fetch.FetchRefused):
        fetch.fetch_page(url, resolver=public, transport=transport)


def test_it_refuses_a_literal_private_address_in_the_url():
    transport = httpx.MockTransport(html_response)
    with pytest.raises(fetch.FetchRefused, match="loopback"):
        fetch.fetch_page("http://127.0.0.1:8000/admin/", transport=transport)


def test_it_fetches_and_cleans_an_article():
    page = fetch.fetch_page(
        "https://news.example/griner", resolver=public, transport=httpx.MockTransport(html_response)
    )
    assert "resumed in Khimki on Wednesday" in page.text
    assert "Home | World" not in page.text
    assert "Copyright" not in page.text
    assert page.title.startswith("Griner trial resumes")
    assert page.author == "Jane Doe"
    assert page.outlet == "Example News"
    assert str(page.published) == "2022-07-27"


def test_it_checks_every_redirect():
    seen = []

    def handler(request):
        seen.append(str(request.url))
        return httpx.Response(302, headers={"location": "http://internal.example/secrets"})

    resolve = resolver_for({"news.example": [PUBLIC], "internal.example": ["10.0.0.5"]})
    with pytest.raises(fetch.FetchRefused, match="internal.example.*private"):
        fetch.fetch_page(
            "https://news.example/a", resolver=resolve, transport=httpx.MockTransport(handler)
        )
    assert seen == ["https://news.example/a"]  # the private host was never asked


def test_it_follows_a_safe_redirect():
    def handler(request):
        if request.url.path == "/short":
            return httpx.Response(301, headers={"location": "/articles/griner"})
        return html_response(request)

    page = fetch.fetch_page(
        "https://news.example/short", resolver=public, transport=httpx.MockTransport(handler)
    )
    assert page.url == "https://news.example/articles/griner"


def test_it_gives_up_after_too_many_redirects():
    def handler(request):
        return httpx.Response(302, headers={"location": f"/r{len(request.url.path)}"})

    with pytest.raises(fetch.FetchRefused, match="redirects"):
        fetch.fetch_page(
            "https://news.example/", resolver=public, transport=httpx.MockTransport(handler)
        )


def test_it_refuses_other_content_types():
    def handler(request):
        return httpx.Response(
            200, headers={"content-type": "application/pdf"}, content=streamed(b"%PDF")
        )

    with pytest.raises(fetch.FetchRefused, match="application/pdf"):
        fetch.fetch_page(
            "https://news.example/a.pdf", resolver=public, transport=httpx.MockTransport(handler)
        )


def test_it_refuses_a_page_declared_too_big(settings):
    settings.FETCH_MAX_BYTES = 1000

    def handler(request):
        return httpx.Response(
            200,
            headers={"content-type": "text/html", "content-length": "999999"},
            content=streamed(b"x"),
        )

    with pytest.raises(fetch.FetchRefused, match="larger than"):
        fetch.fetch_page(
            "https://news.example/", resolver=public, transport=httpx.MockTransport(handler)
        )


def test_it_stops_reading_a_body_that_grows_too_big(settings):
    settings.FETCH_MAX_BYTES = 10_000
    chunks_sent = []

    def endless():
        for _ in range(1000):
            chunks_sent.append(1)
            yield b"<p>" + b"x" * 1000 + b"</p>"

    def handler(request):
        return httpx.Response(200, headers={"content-type": "text/html"}, content=endless())

    with pytest.raises(fetch.FetchRefused, match="larger than"):
        fetch.fetch_page(
            "https://news.example/", resolver=public, transport=httpx.MockTransport(handler)
        )
    assert len(chunks_sent) < 20


def test_it_refuses_a_gzip_bomb(settings):
    settings.FETCH_MAX_BYTES = 10_000
    bomb = gzip.compress(b"<p>" + b"a" * 1_000_000 + b"</p>")

    def handler(request):
        headers = {"content-type": "text/html", "content-encoding": "gzip"}
        return httpx.Response(200, headers=headers, content=streamed(bomb))

    with pytest.raises(fetch.FetchRefused, match="larger than"):
        fetch.fetch_page(
            "https://news.example/", resolver=public, transport=httpx.MockTransport(handler)
        )


def test_it_reads_gzip_pages():
    def handler(request):
        headers = {"content-type": "text/html; charset=utf-8", "content-encoding": "gzip"}
        return httpx.Response(200, headers=headers, content=streamed(gzip.compress(ARTICLE_HTML)))

    page = fetch.fetch_page(
        "https://news.example/", resolver=public, transport=httpx.MockTransport(handler)
    )
    assert "Khimki" in page.text


def test_plain_text_is_kept_as_it_is():
    def handler(request):
        return httpx.Response(
            200, headers={"content-type": "text/plain"}, content=streamed(b"Griner freed.")
        )

    page = fetch.fetch_page(
        "https://news.example/a.txt", resolver=public, transport=httpx.MockTransport(handler)
    )
    assert page.text == "Griner freed."


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (404, fetch.FetchRefused),
        (410, fetch.FetchRefused),
        (503, fetch.FetchFailed),
        (429, fetch.FetchFailed),
    ],
)
def test_client_errors_are_final_and_server_errors_transient(status, error):
    transport = httpx.MockTransport(lambda request: httpx.Response(status))
    with pytest.raises(error, match=str(status)):
        fetch.fetch_page("https://news.example/", resolver=public, transport=transport)


def test_a_timeout_is_transient():
    def handler(request):
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(fetch.FetchFailed, match="Timed out"):
        fetch.fetch_page(
            "https://news.example/", resolver=public, transport=httpx.MockTransport(handler)
        )


def test_a_page_without_article_text_is_refused():
    def handler(request):
        return html_response(request, body=b"<html><body><nav>Home</nav></body></html>")

    with pytest.raises(fetch.FetchRefused, match="No article text"):
        fetch.fetch_page(
            "https://news.example/", resolver=public, transport=httpx.MockTransport(handler)
        )


def test_the_connection_goes_to_the_checked_address_not_a_new_lookup():
    """Against DNS rebinding: the pinned transport connects to the address that was checked,
    whatever the hostname would resolve to now (here it resolves to nothing at all)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = f"host={self.headers['Host']}".encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        transport = fetch.pinned_transport(["127.0.0.1"])
        with httpx.Client(transport=transport) as client:
            response = client.get(f"http://rebinding.invalid:{port}/")
        assert response.text == f"host=rebinding.invalid:{port}"
    finally:
        server.shutdown()


# What a page says about itself is checked like anything else an editor types: a publication
# date the record cannot hold is dropped (the article is kept, undated), and text longer than an
# article may be is refused with a reason the editor sees on the article.


@pytest.fixture
def page_dated(monkeypatch):
    """Pages whose metadata carries the given date. (trafilatura itself only reports dates from
    1995 to today; the bounds here must not depend on that.)"""
    real = fetch.trafilatura.bare_extraction
    date = {}

    def extraction(*args, **kwargs):
        document = real(*args, **kwargs)
        document.date = date["value"]
        return document

    monkeypatch.setattr(fetch.trafilatura, "bare_extraction", extraction)

    def dated(value: str) -> httpx.MockTransport:
        date["value"] = value
        return httpx.MockTransport(html_response)

    return dated


@pytest.mark.parametrize("published", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_a_page_dated_outside_the_records_bounds_is_kept_undated(page_dated, published):
    page = fetch.fetch_page(
        "https://news.example/griner", resolver=public, transport=page_dated(published)
    )
    assert page.published is None
    assert "resumed in Khimki" in page.text


def test_a_page_dated_within_the_bounds_keeps_its_date(page_dated):
    page = fetch.fetch_page(
        "https://news.example/griner", resolver=public, transport=page_dated("1900-01-01")
    )
    assert str(page.published) == "1900-01-01"


@pytest.mark.django_db
def test_the_worker_reads_a_page_with_an_impossible_date_and_leaves_it_undated(
    world, monkeypatch, page_dated
):
    from sources import processing
    from sources.models import Article, ArticleStatus

    real = fetch.fetch_page
    transport = page_dated("9999-12-31")
    monkeypatch.setattr(
        fetch, "fetch_page", lambda url: real(url, resolver=public, transport=transport)
    )
    article = Article.objects.create(url="https://news.example/griner", status="queued")
    assert processing.process_article(article.pk) == ArticleStatus.DONE
    article.refresh_from_db()
    assert article.published_on is None and article.error == ""


def test_a_page_longer_than_an_article_may_be_is_refused_with_the_reason(settings):
    settings.ARTICLE_MAX_CHARS = 300
    with pytest.raises(fetch.FetchRefused, match="an article may have at most 300"):
        fetch.fetch_page(
            "https://news.example/griner",
            resolver=public,
            transport=httpx.MockTransport(html_response),
        )


@pytest.mark.django_db
def test_the_worker_fails_an_overlong_page_saying_why(world, monkeypatch, settings):
    from sources import processing
    from sources.models import Article, ArticleStatus

    settings.ARTICLE_MAX_CHARS = 300
    real = fetch.fetch_page
    monkeypatch.setattr(
        fetch,
        "fetch_page",
        lambda url: real(url, resolver=public, transport=httpx.MockTransport(html_response)),
    )
    article = Article.objects.create(url="https://news.example/long", status="queued")
    assert processing.process_article(article.pk) == ArticleStatus.FAILED
    article.refresh_from_db()
    assert "an article may have at most 300" in article.error
    assert article.url == "https://news.example/long"  # kept, to be pasted in part
