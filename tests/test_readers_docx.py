"""Word files written by python-docx: paragraphs, tables, tracked changes accepted, bad files."""
from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

docx = pytest.importorskip("docx")
from docx.oxml.ns import qn  # noqa: E402
from lxml import etree  # noqa: E402

from quotecheck import readers  # noqa: E402
from quotecheck.model import InputError  # noqa: E402
from conftest import reads_damaged_or_says_why  # noqa: E402


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def tracked(paragraph, tag, text, change_id):
    """Append a tracked insertion (w:ins) or deletion (w:del) to a paragraph, as Word writes it."""
    change = etree.SubElement(paragraph._p, qn(tag), {
        qn("w:id"): str(change_id), qn("w:author"): "Editor", qn("w:date"): "2024-05-01T10:00:00Z"})
    run = etree.SubElement(change, qn("w:r"))
    text_tag = "w:delText" if tag == "w:del" else "w:t"
    node = etree.SubElement(run, qn(text_tag), {XML_SPACE: "preserve"})
    node.text = text


def make_docx(path):
    doc = docx.Document()
    doc.core_properties.title = "Draft: the OpenAI deal"
    doc.add_paragraph("Microsoft is investing $1 billion in OpenAI.")
    p = doc.add_paragraph("“AGI will be the most ")
    tracked(p, "w:ins", "important", 1)           # accepted: kept
    tracked(p, "w:del", "trivial", 2)             # accepted: gone
    p.add_run(" development in human history,” Altman said.")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Speaker"
    table.cell(0, 1).text = "Quote"
    table.cell(1, 0).text = "Nadella"
    table.cell(1, 1).text = "“Our ambition is to democratize AI.”"
    doc.add_paragraph("")
    last = doc.add_paragraph("Brockman called it “a big")
    tracked(last, "w:del", " small", 3)
    last.add_run("\tstep.”")
    doc.save(path)
    return path


@pytest.fixture
def draft(tmp_path):
    return make_docx(tmp_path / "draft.docx")


def test_paragraphs_tables_and_tracked_changes(draft):
    doc = readers.read(draft)
    assert doc.reader == "docx" and doc.title == "Draft: the OpenAI deal"
    assert doc.text.split("\n\n") == [
        "Microsoft is investing $1 billion in OpenAI.",
        "“AGI will be the most important development in human history,” Altman said.",
        "Speaker", "Quote", "Nadella", "“Our ambition is to democratize AI.”",
        "Brockman called it “a big\tstep.”", "",
    ]
    assert "trivial" not in doc.text and "small" not in doc.text


def test_quotes_at_known_offsets_and_locations(draft):
    doc = readers.read(draft)
    altman = "AGI will be the most important development in human history,"
    start = doc.text.index(altman)
    assert (start, start + len(altman)) == (47, 47 + len(altman))
    assert doc.text[start - 1] == "“"
    assert doc.location_of(start) == "para 2"
    assert doc.location_of(doc.text.index("Our ambition")) == "table 1, row 2"
    # the empty paragraph is not counted: Brockman's is the third a reader sees
    assert doc.location_of(doc.text.index("Brockman")) == "para 3"


def test_docx_named_txt_is_read_as_docx(draft, tmp_path):
    renamed = tmp_path / "draft.txt"
    renamed.write_bytes(draft.read_bytes())
    assert readers.read(renamed).reader == "docx"


def test_truncated_docx(draft, tmp_path):
    cut = tmp_path / "cut.docx"
    cut.write_bytes(draft.read_bytes()[: draft.stat().st_size // 2])
    with pytest.raises(InputError, match=f"^{cut}: corrupt or truncated Word document"):
        readers.read(cut)


def test_damaged_part_inside_the_zip(draft, tmp_path):
    data = bytearray(draft.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
    body = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    data[body:body + 8] = b"\x00" * 8
    bad = tmp_path / "bad.docx"
    bad.write_bytes(bytes(data))
    with pytest.raises(InputError, match=f"^{bad}: corrupt"):
        readers.read(bad)


def test_zip_that_is_not_word(tmp_path):
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match="zip archive that is not a Word document"):
        readers.read(path)


def test_text_named_docx_is_a_wrong_extension(tmp_path):
    path = tmp_path / "draft.docx"
    path.write_text("“Hello,” he said.", encoding="utf-8")
    with pytest.raises(InputError, match=r"named \.docx but its content is plain text"):
        readers.read(path)


def test_encrypted_docx_container(tmp_path):
    # Word stores a password-protected .docx in an OLE compound file, like an old .doc
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(InputError, match="password-protected"):
        readers.read(path)


def test_zip_bomb_refused_before_unpacking(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTECHECK_MAX_BYTES", "100000")
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b" " * 5_000_000)
    assert path.stat().st_size < 100_000
    with pytest.raises(InputError, match="unpacks to 5,000,000 bytes"):
        readers.read(path)


def test_document_without_text(tmp_path):
    path = tmp_path / "blank.docx"
    empty = docx.Document()
    empty.add_paragraph("")
    empty.save(path)
    with pytest.raises(InputError, match="has no text"):
        readers.read(path)


def test_deleted_paragraph_content_and_moves(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("Kept ")
    move_to = etree.SubElement(p._p, qn("w:moveTo"), {qn("w:id"): "5", qn("w:author"): "E"})
    run = etree.SubElement(move_to, qn("w:r"))
    etree.SubElement(run, qn("w:t")).text = "moved here"
    move_from = etree.SubElement(p._p, qn("w:moveFrom"), {qn("w:id"): "6", qn("w:author"): "E"})
    run = etree.SubElement(move_from, qn("w:r"))
    etree.SubElement(run, qn("w:t")).text = " moved away"
    path = tmp_path / "moves.docx"
    d.save(path)
    assert readers.read(path).text == "Kept moved here\n\n"


@pytest.fixture(scope="module")
def draft_bytes(tmp_path_factory):
    return make_docx(tmp_path_factory.mktemp("docx") / "d.docx").read_bytes()


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_damaged_docx_give_a_document_or_an_input_error(draft_bytes, data):
    reads_damaged_or_says_why("damaged.docx", draft_bytes, data)


def test_external_entities_are_never_resolved(draft, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    with zipfile.ZipFile(draft) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    head, body = xml.split("?>", 1)
    doctype = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'
    parts["word/document.xml"] = (head + "?>" + doctype +
                                  body.replace("Microsoft is", "&x; Microsoft is")).encode()
    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(evil, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    doc = readers.read(evil)
    assert "TOP SECRET" not in doc.text
    assert doc.text.startswith("Microsoft is investing")     # the words around it are kept
