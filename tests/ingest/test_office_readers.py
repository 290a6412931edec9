import io
import zipfile
from pathlib import Path

import pytest

from interviewlens.errors import InputError
from interviewlens.ingest.readers.office import read_docx, read_odt

LINES = ["Entretien avec la directrice de l'école",
         "Q : Est-ce que l'école a des liens avec l'étranger ?",
         "Mme Caron : Pas vraiment. On a eu un projet eTwinning il y a trois ans, mais la collègue est partie.",
         "Q : Et si la mairie proposait un échange ?",
         "Mme Caron : Alors là oui, ce serait formidable pour les enfants."]


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    document.save(path)
    return path


def make_odt(path: Path) -> Path:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for line in LINES:
        document.text.addElement(P(text=line))
    document.save(str(path))
    return path


@pytest.mark.parametrize("make, read", [(make_docx, read_docx), (make_odt, read_odt)])
def test_office_documents_are_read_as_labelled_paragraphs(tmp_path, make, read):
    path = make(tmp_path / ("a.docx" if read is read_docx else "a.odt"))
    [source] = read(path.read_bytes(), path)
    assert source.title == "Entretien avec la directrice de l'école"
    assert [t.speaker for t in source.turns] == ["Q", "Mme Caron", "Q", "Mme Caron"]
    assert source.turns[3].chunks == ("Alors là oui, ce serait formidable pour les enfants.",)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("read, member", [(read_docx, "word/document.xml"), (read_odt, "content.xml")])
def test_zip_bomb_is_refused_before_expansion(tmp_path, read, member):
    data = zip_bytes({member: b"<a>" + b" " * (80 * 1024 * 1024) + b"</a>"})
    assert len(data) < 1_000_000
    with pytest.raises(InputError, match="zip bomb"):
        read(data, tmp_path / "bomb.docx")


@pytest.mark.parametrize("read", [read_docx, read_odt])
def test_not_a_zip_is_refused(tmp_path, read):
    with pytest.raises(InputError, match="damaged zip"):
        read(b"PK this is not really a zip", tmp_path / "fake.docx")


def test_docx_with_entity_bomb_is_refused(tmp_path):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>")
    with pytest.raises(InputError, match="refused unsafe"):
        read_docx(zip_bytes({"word/document.xml": bomb}), tmp_path / "bomb.docx")


def test_docx_without_document_part_is_refused(tmp_path):
    with pytest.raises(InputError, match="word/document.xml is missing"):
        read_docx(zip_bytes({"other.xml": b"<a/>"}), tmp_path / "odd.docx")
