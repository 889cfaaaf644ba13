"""Issue 18, inputs: symlinks and special files were followed (a link to /etc/passwd became a
map title, /dev/zero passed the size check and filled the memory, a named pipe hung the
build); a GBK or UTF-16 metadata.csv or overrides file (what Excel writes on Chinese Windows)
crashed with an undecorated decode error; Big5 was silently misread; escape codes in file
names were printed raw."""

import codecs
import os
from pathlib import Path

import pytest

from geo.corpus import CorpusError, read_document
from geo.geocode.overrides import OverridesResolver
from geo.geocode.resolvers import Query
from geo.pipeline import read
from geo.textfiles import printable

TEXT = "武汉江滩公园是市民休闲的好去处,汉口江滩也向市民开放。"
TRADITIONAL = "武漢江灘——人與自然和諧共生的親水樂園。漢口江灘公園是市民休閒的好去處。"


def test_a_link_to_a_file_outside_its_folder_is_not_read(tmp_path):
    (tmp_path / "secret").write_text("root:x:0:0", encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "passwd.txt").symlink_to(tmp_path / "secret")
    with pytest.raises(CorpusError, match="link to a file outside its folder"):
        read_document(tmp_path / "in" / "passwd.txt")


def test_a_link_inside_its_folder_is_read(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert read_document(tmp_path / "b.txt").text.startswith("武汉")


def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(CorpusError, match="not a regular file"):
        read_document(tmp_path / "pipe.txt")


def test_a_device_is_refused():
    with pytest.raises(CorpusError, match="not a regular file"):
        read_document(Path("/dev/zero"))


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-16-le", "utf-8-sig"])
def test_metadata_saved_by_excel_is_read(tmp_path, encoding):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "metadata.csv").write_bytes(
        "file,title,city\r\na.txt,江滩新貌,武汉市\r\n".encode(encoding))
    documents, errors = read([tmp_path])
    assert errors == [] and (documents[0].title, documents[0].city) == ("江滩新貌", "武汉市")


def test_an_unreadable_metadata_file_is_named_and_the_articles_still_read(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "metadata.csv").write_bytes(b"file,city\n\xfd\xfe\x81,x\n")
    documents, errors = read([tmp_path])
    assert len(documents) == 1 and len(errors) == 1
    assert "metadata.csv" in errors[0] and "line 2" in errors[0]


def test_big5_is_read_as_big5_and_gbk_as_gbk(tmp_path):
    (tmp_path / "big5.txt").write_bytes(TRADITIONAL.encode("big5"))
    (tmp_path / "gbk.txt").write_bytes(TRADITIONAL.encode("gbk"))
    assert read_document(tmp_path / "big5.txt").text.strip() == TRADITIONAL
    assert read_document(tmp_path / "gbk.txt").text.strip() == TRADITIONAL


def test_utf16_without_a_bom_is_read(tmp_path):
    (tmp_path / "a.txt").write_bytes(("Wuhan 2024: " + TEXT).encode("utf-16-le"))
    assert TEXT in read_document(tmp_path / "a.txt").text


def test_overrides_saved_as_utf16_are_read(tmp_path):
    path = tmp_path / "review.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + "id,name,city,lon,lat,source\r\n"
                     ",汉口江滩,武汉市,114.3,30.6,by hand\r\n".encode("utf-16-le"))
    resolver, errors = OverridesResolver.load([path])
    assert errors == [] and resolver.resolve(Query(name="汉口江滩", city="武汉市"))


def test_control_characters_in_a_file_name_are_escaped_in_messages(tmp_path):
    path = tmp_path / "a\x1b[31mred.txt"
    path.write_bytes(b"\xfd not text \x81")
    with pytest.raises(CorpusError) as caught:
        read_document(path)
    assert "\x1b" not in str(caught.value) and "\\x1b" in str(caught.value)
    assert printable("ok 名字") == "ok 名字"


def test_with_no_links_even_a_link_inside_its_folder_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    documents, errors = read([tmp_path], links=False)
    assert [d.id for d in documents] == ["a"] and "b.txt" in errors[0] and "--no-links" in errors[0]
