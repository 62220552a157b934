"""Saved web pages: only the article's text, metadata from the page, nothing fetched or run."""
from __future__ import annotations

import socket

import pytest

from quotecheck import readers
from quotecheck.model import InputError

ALTMAN = ("“The creation of AGI will be the most important technological development in human "
          "history,” Altman said in a statement.")
NADELLA = ("“By bringing together OpenAI’s breakthrough technology with new Azure AI "
           "supercomputing technologies, our ambition is to democratize AI,” said Satya Nadella, "
           "Microsoft’s chief executive officer.")
BROCKMAN = "Greg Brockman said the deal was a “<em>big</em> step” for the lab."

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Microsoft Invests $1 Billion in OpenAI | Fortune</title>
<meta property="og:title" content="Microsoft Invests $1 Billion in Partnership With OpenAI">
<meta property="og:site_name" content="Fortune">
<meta property="og:url" content="https://fortune.com/2019/07/22/microsoft-openai/">
<meta property="article:published_time" content="2019-07-22T14:19:00-04:00">
<link rel="stylesheet" href="https://cdn.example.com/site.css">
<script src="https://ads.example.com/tracker.js"></script>
<script>document.write("“Injected by script,” said Nobody.");</script>
</head><body>
<header><nav class="site-nav"><ul>
  <li><a href="/">Home</a></li><li><a href="/latest">Latest</a></li>
  <li><a href="/fortune500">Fortune 500</a></li><li><a href="/tech">Tech</a></li>
</ul></nav>
<div class="ad-banner">“Best deals of the year,” says our sponsor. Subscribe now!</div></header>
<main><article>
<h1>Microsoft Invests $1 Billion in Partnership With OpenAI</h1>
<p>Microsoft Corp. is investing $1 billion in OpenAI, the San Francisco-based research lab
founded by Silicon Valley luminaries including Elon Musk and Sam Altman.</p>
<p>{ALTMAN}</p>
<figure><img src="https://images.example.com/msft.jpg" alt="Microsoft logo">
<figcaption>Photo: Getty Images</figcaption></figure>
<p>{NADELLA}</p>
<p>{BROCKMAN}</p>
</article></main>
<aside class="related"><h3>Related stories</h3><ul>
  <li><a href="/a">Why “AI stocks” soared this week</a></li>
  <li><a href="/b">Musk: “We need to be careful” about robots</a></li>
</ul></aside>
<footer><p>© 2019 Fortune Media IP Limited. All Rights Reserved.</p>
<p><a href="/terms">Terms of Use</a> | <a href="/privacy">Privacy Policy</a></p></footer>
<img src="https://tracker.example.com/pixel.gif" width="1" height="1">
</body></html>"""


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_only_the_article_comes_out(tmp_path, no_network):
    doc = readers.read(write(tmp_path, "fortune.html", PAGE))
    assert doc.reader == "html"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Microsoft Invests $1 Billion in Partnership With OpenAI"
    assert ALTMAN in paragraphs and NADELLA in paragraphs
    assert "Greg Brockman said the deal was a “big step” for the lab." in paragraphs
    for boilerplate in ("Home", "Fortune 500", "Best deals", "Related stories", "AI stocks",
                        "careful", "All Rights Reserved", "Privacy Policy", "Injected"):
        assert boilerplate not in doc.text


def test_metadata_from_the_page(tmp_path, no_network):
    doc = readers.read(write(tmp_path, "fortune.htm", PAGE))
    assert doc.title == "Microsoft Invests $1 Billion in Partnership With OpenAI"
    assert doc.outlet == "Fortune"
    assert doc.date == "2019-07-22"
    assert doc.url == "https://fortune.com/2019/07/22/microsoft-openai/"


def test_quotes_located_by_paragraph(tmp_path, no_network):
    doc = readers.read(write(tmp_path, "fortune.html", PAGE))
    start = doc.text.index("The creation of AGI")
    assert doc.text[start - 1] == "“"
    assert doc.location_of(start) == "para 3"
    assert doc.location_of(doc.text.index("our ambition")) == "para 4"
    assert all(doc.text[off - 2:off] == "\n\n" for off, _ in doc.locations[1:])


def test_page_saved_as_txt_is_read_as_html(tmp_path, no_network):
    doc = readers.read(write(tmp_path, "saved.txt", PAGE))
    assert doc.reader == "html" and ALTMAN in doc.text


def test_fragment_without_body(tmp_path):
    doc = readers.read(write(tmp_path, "frag.html", "<p>“Hello,” he said.</p>"))
    assert doc.text == "“Hello,” he said.\n\n"


def test_declared_charset_when_not_utf8(tmp_path):
    page = PAGE.replace("utf-8", "windows-1252").replace("’", "'")
    doc = readers.read(write(tmp_path, "cp.html", page.encode("windows-1252")))
    assert "“The creation of AGI" in doc.text


def test_undeclared_non_utf8_is_refused(tmp_path):
    page = PAGE.replace('<meta charset="utf-8">', "").replace("’", "'")
    with pytest.raises(InputError, match="not valid UTF-8"):
        readers.read(write(tmp_path, "cp.html", page.encode("windows-1252")))


@pytest.mark.parametrize("markup", [
    "<html><head><title>x</title><script>alert(1)</script></head><body></body></html>",
    "<html><body><!-- nothing --></body></html>",
])
def test_page_without_article_text(tmp_path, markup):
    path = write(tmp_path, "empty.html", markup)
    with pytest.raises(InputError, match=f"^{path}: no article text found"):
        readers.read(path)


def test_html_named_pdf_is_a_wrong_extension(tmp_path):
    # a download that failed and saved the server's error page under the PDF's name
    path = write(tmp_path, "report.pdf", "<html><body><h1>403 Forbidden</h1></body></html>")
    with pytest.raises(InputError, match=r"named \.pdf but its content is an HTML page"):
        readers.read(path)
