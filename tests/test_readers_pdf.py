"""PDFs written by reportlab: text layer in reading order, hyphens joined, pages, bad files."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("reportlab")
pytest.importorskip("pdfminer")
from reportlab.lib.pagesizes import letter  # noqa: E402
from reportlab.lib.pdfencrypt import StandardEncryption  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from quotecheck import readers  # noqa: E402
from quotecheck.model import InputError  # noqa: E402
from conftest import reads_damaged_or_says_why  # noqa: E402

PAGE_1 = [
    "Microsoft and OpenAI announced a partnership on Monday.",
    "“The creation of AGI will be the most important tech-",
    "nological development in human history,” Altman said.",
    "It was a well-known plan and a well-",
    "known partner, the company said.",
]
PAGE_2 = ["“Our ambition is to democratize AI,” said Nadella."]


def lines(c, x, y, rows):
    for row in rows:
        c.drawString(x, y, row)
        y -= 14


def press_release(path, encrypt=None):
    c = canvas.Canvas(str(path), pagesize=letter, encrypt=encrypt)
    c.setTitle("Microsoft and OpenAI form partnership")
    c.setFont("Helvetica", 11)
    lines(c, 72, 720, PAGE_1)
    c.drawString(300, 40, "1")                      # a page number: not the document's words
    c.showPage()
    c.setFont("Helvetica", 11)
    lines(c, 72, 720, PAGE_2)
    c.drawString(300, 40, "Page 2 of 2")
    c.showPage()
    c.save()
    return path


@pytest.fixture
def release(tmp_path):
    return press_release(tmp_path / "release.pdf")


ALTMAN = ("“The creation of AGI will be the most important technological development in human "
          "history,” Altman said.")


def test_text_layer_pages_and_hyphenation(release):
    doc = readers.read(release)
    assert doc.reader == "pdf" and doc.title == "Microsoft and OpenAI form partnership"
    assert doc.text == (
        "Microsoft and OpenAI announced a partnership on Monday. " + ALTMAN +
        " It was a well-known plan and a well-known partner, the company said.\n\n"
        "“Our ambition is to democratize AI,” said Nadella.\n\n")
    assert doc.date and len(doc.date) == 10           # the PDF's creation date, ISO


def test_quotes_at_known_offsets_and_pages(release):
    doc = readers.read(release)
    words = "The creation of AGI will be the most important technological development"
    start = doc.text.index(words)
    assert start == len("Microsoft and OpenAI announced a partnership on Monday. “")
    assert doc.location_of(start) == "p. 1"
    second = doc.text.index("Our ambition")
    assert doc.location_of(second) == "p. 2"
    assert doc.locations == [(0, "p. 1"), (second - 1, "p. 2")]


def test_columns_read_in_reading_order_not_stream_order(tmp_path):
    path = tmp_path / "columns.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    # the right column is written first in the content stream; a reader must still put it second
    lines(c, 320, 720, ["Right column opens", "and continues here."])
    lines(c, 72, 720, ["Left column opens", "and continues there."])
    c.showPage()
    c.save()
    assert readers.read(path).text == (
        "Left column opens and continues there.\n\nRight column opens and continues here.\n\n")


def test_soft_hyphen_and_ligatures(tmp_path):
    from quotecheck.readers.pdf import _join_lines
    assert _join_lines(["an ef\ufb01cient pro\u00ad", "cess"], set()) == "an ef\ufb01cient process"
    assert _join_lines(["pages 10-", "12 of it"], set()) == "pages 10-12 of it"
    assert _join_lines(["the Microsoft-", "OpenAI deal"], set()) == "the Microsoft-OpenAI deal"
    assert _join_lines(["a dash -", "then more"], set()) == "a dash - then more"


def test_pdf_named_txt_is_read_as_pdf(release, tmp_path):
    renamed = tmp_path / "release.txt"
    renamed.write_bytes(release.read_bytes())
    assert readers.read(renamed).reader == "pdf"


def test_password_protected_pdf(tmp_path):
    path = press_release(tmp_path / "locked.pdf", StandardEncryption("secret", ownerPassword="o"))
    with pytest.raises(InputError, match=f"^{path}: PDF is password-protected"):
        readers.read(path)


def test_encrypted_with_empty_user_password_still_reads(tmp_path):
    # "protected" against printing or copying only: anyone can open it, so we read it
    path = press_release(tmp_path / "owner.pdf", StandardEncryption("", ownerPassword="o"))
    assert ALTMAN in readers.read(path).text


def test_scanned_pdf_without_text_layer(tmp_path):
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.drawImage(ImageReader(Image.new("RGB", (300, 120), "white")), 72, 500)
    c.showPage()
    c.save()
    with pytest.raises(InputError, match=f"^{path}: PDF has no text layer .*OCR"):
        readers.read(path)


@pytest.mark.parametrize("cut", [0.1, 0.5])
def test_truncated_pdf(release, tmp_path, cut):
    data = release.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * cut)])
    try:
        doc = readers.read(path)
    except InputError as exc:
        assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)
    else:
        # pdfminer may recover the pages that survived; what it gives must be real text
        assert doc.text.strip() and doc.text in readers.read(release).text


def test_garbage_after_pdf_header(tmp_path):
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(1, 256)) * 40)
    with pytest.raises(InputError, match=f"^{path}: "):
        readers.read(path)


def test_page_limit(release, monkeypatch):
    from quotecheck.readers import pdf
    monkeypatch.setattr(pdf, "MAX_PAGES", 1)
    with pytest.raises(InputError, match="more than 1 pages"):
        readers.read(release)


@pytest.fixture(scope="module")
def release_bytes(tmp_path_factory):
    return press_release(tmp_path_factory.mktemp("pdf") / "r.pdf").read_bytes()


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_damaged_pdfs_give_a_document_or_an_input_error(release_bytes, data):
    reads_damaged_or_says_why("damaged.pdf", release_bytes, data)


def test_sentence_over_a_page_break_and_running_heads(tmp_path):
    path = tmp_path / "speech.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    pages = [["“We are going to build something that", "matters to everyone and"],
             ["keep it safe,” Altman said.", "That was all."],
             ["A third page."]]
    for number, rows in enumerate(pages, 1):
        c.drawString(72, 760, "MICROSOFT NEWS CENTER")      # a letterhead on every page
        lines(c, 72, 600, rows)
        c.drawString(300, 40, str(number))
        c.showPage()
    c.save()
    doc = readers.read(path)
    assert doc.text == ("“We are going to build something that matters to everyone and keep it "
                        "safe,” Altman said. That was all.\n\nA third page.\n\n")
    assert doc.location_of(doc.text.index("keep it safe")) == "p. 2"
    assert doc.location_of(doc.text.index("matters")) == "p. 1"


def test_only_page_numbers_is_no_text(tmp_path):
    path = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.drawString(300, 40, "1")
    c.showPage()
    c.save()
    with pytest.raises(InputError, match="no text layer"):
        readers.read(path)


def test_text_inside_a_form_xobject(tmp_path):
    path = tmp_path / "form.pdf"
    c = canvas.Canvas(str(path), pagesize=letter)
    c.beginForm("body")             # some writers draw a whole page as one reusable form
    lines(c, 72, 700, ["“Inside a form,” she said.", "And a second line."])
    c.endForm()
    c.doForm("body")
    c.showPage()
    c.save()
    assert readers.read(path).text == "“Inside a form,” she said. And a second line.\n\n"
