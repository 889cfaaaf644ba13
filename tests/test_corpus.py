import subprocess
import sys
from pathlib import Path

import pytest

from geo.corpus import CorpusError, find_inputs, read_document, read_documents

TEXT = "杨浦滨江公共空间已全线贯通。\n打开网易新闻 查看更多图片\n长阳创谷是老厂房更新载体。\n"


def test_utf8_with_bom_is_read_without_the_bom(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff".encode() + TEXT.encode())
    assert read_document(path).text.startswith("杨浦滨江")


def test_gbk_file_is_detected_and_decoded(tmp_path: Path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(TEXT.encode("gbk"))
    assert "长阳创谷" in read_document(path).text


def test_undecodable_bytes_raise_an_error_naming_the_file(tmp_path: Path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\xfd not text \x81")  # (FF FE would begin UTF-16)
    with pytest.raises(CorpusError, match="broken.txt.*line 1"):
        read_document(path)


def test_binary_file_is_refused(tmp_path: Path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(CorpusError, match="binary"):
        read_document(path)


def test_bad_file_does_not_stop_the_others(tmp_path: Path):
    (tmp_path / "a_bad.txt").write_bytes(b"\x00\x01")
    (tmp_path / "b_good.txt").write_text(TEXT, encoding="utf-8")
    results = list(read_documents(find_inputs([tmp_path])))
    assert isinstance(results[0], CorpusError)
    assert results[1].id == "b_good"


def test_page_furniture_lines_are_removed(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert "打开网易新闻" not in read_document(path).text


def test_html_keeps_text_and_title_but_drops_scripts(tmp_path: Path):
    path = tmp_path / "a.html"
    path.write_text(
        "<html><head><title>望江新城</title><script>var x='长阳创谷';</script></head>"
        "<body><nav>首页</nav><p>望江新城是旧城改造区域。</p></body></html>",
        encoding="utf-8",
    )
    document = read_document(path)
    assert document.title == "望江新城"
    assert "望江新城是旧城改造区域" in document.text
    assert "长阳创谷" not in document.text and "首页" not in document.text


def test_markdown_heading_becomes_title_and_links_keep_their_label(tmp_path: Path):
    path = tmp_path / "a.md"
    path.write_text("# 杨浦新举措\n\n[长阳创谷](https://example.org) 开园。\n", encoding="utf-8")
    document = read_document(path)
    assert document.title == "杨浦新举措"
    assert "长阳创谷 开园" in document.text


def test_metadata_file_supplies_title_date_and_city(seed_documents):
    by_id = {d.id: d for d in seed_documents}
    paper = by_id["001_c66d32539501e454"]
    assert (paper.date, paper.city) == ("2021-01-20", "上海市")
    assert by_id["003_953f1b6753812b08"].city == "杭州市"


def test_a_related_articles_list_is_not_part_of_the_article(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("长阳创谷开园。\n相关阅读\n徐汇滨江公园开放\n", encoding="utf-8")
    assert "徐汇滨江" not in read_document(path).text


def test_a_huge_file_gets_a_clear_message(tmp_path: Path):
    path = tmp_path / "dump.txt"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: takes no disk space
    with pytest.raises(CorpusError, match="200 MiB"):
        read_document(path)


def test_whitespace_only_file_reads_as_empty(tmp_path: Path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n  ", encoding="utf-8")
    assert read_document(path).text.strip() == ""


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_of_chinese_alone_without_a_bom_is_read(tmp_path: Path, encoding):
    text = "上海市杨浦区长阳创谷开园杨浦滨江公共空间开放" * 5  # 开 is 00 5F: NUL bytes
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    assert read_document(path).text.startswith("上海市杨浦区")


def test_a_saved_page_gives_its_own_title_date_publisher_and_url(tmp_path: Path):
    path = tmp_path / "a.html"
    path.write_text(
        '<html><head><title>望江新城_新闻频道_网站</title>'
        '<meta property="og:title" content="望江新城迎来新变化">'
        '<meta property="article:published_time" content="2024-03-07T10:00:00+08:00">'
        '<meta property="og:site_name" content="杭州日报">'
        '<link rel="canonical" href="https://example.org/a.html"></head>'
        "<body><p>望江新城是旧城改造区域。</p></body></html>", encoding="utf-8")
    document = read_document(path)
    assert (document.title, document.date, document.publisher, document.url) == (
        "望江新城迎来新变化", "2024-03-07", "杭州日报", "https://example.org/a.html")


def test_metadata_csv_has_the_last_word_over_the_page(tmp_path: Path):
    path = tmp_path / "a.html"
    path.write_text('<html><head><meta name="publishdate" content="2024年3月7日"></head>'
                    "<body><p>正文。</p></body></html>", encoding="utf-8")
    assert read_document(path).date == "2024-03-07"
    assert read_document(path, {"date": "2023-01-02"}).date == "2023-01-02"


SAVED_PAGE = Path(__file__).parent / "data" / "pages" / "saved_news.html"


def test_a_saved_page_is_read_as_its_article_alone():
    text = read_document(SAVED_PAGE).text
    assert text.startswith("记者从徐汇区获悉") and "西岸传媒港" in text
    # the side column's headlines, the readers' comments and the page's bars are not article
    for furniture in ("世纪公园", "人民广场站", "共青森林公园", "下载客户端", "责任编辑",
                      "版权所有"):
        assert furniture not in text


def test_a_page_whose_article_is_not_found_is_read_whole(tmp_path: Path):
    # Items too short for readability to call any of them an article: each is kept.
    items = "".join(f"<li><a href='/{n}'>{name}改造完成</a></li>"
                    for n, name in enumerate(("长阳创谷", "杨浦滨江", "徐汇滨江", "世纪公园",
                                              "上生新所", "张园", "愚园路", "曹杨新村", "苏州河")))
    path = tmp_path / "list.html"
    path.write_text(f"<html><body><ul>{items}</ul></body></html>", encoding="utf-8")
    text = read_document(path).text
    assert "长阳创谷" in text and "苏州河" in text


def test_a_page_readability_cannot_parse_prints_no_traceback():
    # In a process of its own: pytest's log capture would hide what Python prints there.
    code = ("from geo.webpage import main_text; "
            "print(repr(main_text('<!-- a page of nothing but a comment -->')))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (run.stdout, run.stderr) == ("''\n", "")
