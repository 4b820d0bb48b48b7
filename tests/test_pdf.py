"""Reports as A4 PDF: page header and footer, whole tables, nothing run or fetched, clear errors."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

import budgetlib
from budgetlib.dataset import Dataset
from budgetlib.display import findings_for_people
from budgetlib.report.html_export import HtmlExport
from budgetlib.report.pdf import (
    CHROMIUM_ENV,
    PageHeader,
    PdfError,
    find_chromium,
    header_template,
    html_to_pdf,
)
from budgetlib.table import Table

needs_chromium = pytest.mark.skipif(
    not any(shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")),
    reason="Chromium saknas: apt-get install chromium",
)
needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdfinfo") and shutil.which("pdftotext")),
    reason="pdfinfo/pdftotext saknas: apt-get install poppler-utils",
)
HEADER = PageHeader(
    organisation="Region Värmland",
    namnd="HSN",
    year=2025,
    build_date="2025-01-31",
    sources=("003_7568518892398882.txt",),
    title="HSN 2025 – Region Värmland",
)


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    return [page.replace("\u00a0", " ") for page in text.split("\f") if page.strip()]


def nbconvert_page(path: Path, heading: str, html_output: str) -> Path:
    """A report as the build writes it: nbconvert's lab template, inputs hidden, print stylesheet."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell(f"## {heading}"),
        nbformat.v4.new_code_cell(
            "",
            outputs=[
                nbformat.v4.new_output(
                    "execute_result", data={"text/html": html_output, "text/plain": ""}, execution_count=1
                )
            ],
        ),
    ]
    path.write_text(HtmlExport().page(notebook, heading), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def findings_pdf(tmp_path_factory: pytest.TempPathFactory, dataset: Dataset) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("pdf")
    shown = findings_for_people(budgetlib.reconcile(dataset).involving(["003"]))
    page = nbconvert_page(folder / "avstamning.html", "Avstämning", Table(shown)._repr_html_())
    html_to_pdf(page, folder / "avstamning.pdf", HEADER)
    return folder / "avstamning.pdf", list(shown["Kommentar"])


@pytest.mark.slow
@needs_chromium
@needs_poppler
def test_a4_with_header_footer_and_page_numbers(findings_pdf: tuple[Path, list[str]]) -> None:
    pdf, _ = findings_pdf
    info = pdf_info(pdf)
    width, height = (float(v) for v in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5  # A4, not Letter (612 × 792)
    pages = pdf_pages(pdf)
    assert len(pages) == int(info["Pages"]) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Sida {number} av {len(pages)}" in text
        assert "Region Värmland · HSN · 2025" in text and "HSN 2025 – Region Värmland" in text
        assert "Byggd 2025-01-31 · Källor: 003_7568518892398882.txt" in text


@pytest.mark.slow
@needs_chromium
@needs_poppler
def test_every_column_survives_printing(findings_pdf: tuple[Path, list[str]]) -> None:
    pdf, comments = findings_pdf
    text = "\n".join(pdf_pages(pdf))
    assert "Status" in text and "Kommentar" in text and "Källa" in text
    words = set(text.split())
    for comment in comments:  # the rightmost text column is on the paper, not clipped off
        assert set(comment.split()) <= words, comment


@pytest.mark.slow
@needs_chromium
@needs_poppler
def test_page_text_is_shown_not_run_and_nothing_is_fetched(tmp_path: Path) -> None:
    page = tmp_path / "fientlig.html"
    page.write_text(
        "<html><body><p id='p'>Originaltext</p><img src='http://evil.example/spår.png'>"
        "<script>document.getElementById('p').textContent = 'KAPAD';</script></body></html>",
        encoding="utf-8",
    )
    hostile = PageHeader('<img src=x onerror="alert(1)">', "HSN", 2025, "2025-01-31", ("<b>x</b>",))
    assert "<img" not in header_template(hostile) and "&lt;img" in header_template(hostile)
    html_to_pdf(page, tmp_path / "fientlig.pdf", hostile, timeout=60)
    text = "\n".join(pdf_pages(tmp_path / "fientlig.pdf"))
    assert "Originaltext" in text and "KAPAD" not in text
    assert '<img src=x onerror="alert(1)">' in text and "<b>x</b>" in text


@needs_chromium
def test_too_slow_is_an_error_and_leaves_the_old_pdf(tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    page.write_text("<p>Hej</p>", encoding="utf-8")
    target = tmp_path / "r.pdf"
    target.write_bytes(b"gammal")
    with pytest.raises(PdfError, match="inte i tid"):
        html_to_pdf(page, target, HEADER, timeout=0.05)
    assert target.read_bytes() == b"gammal"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.pdf"]


def test_missing_chromium_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CHROMIUM_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PdfError, match=r"Chromium saknas.*apt-get install chromium"):
        find_chromium()
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "ingen-chromium"))
    page = tmp_path / "r.html"
    page.write_text("<p>Hej</p>", encoding="utf-8")
    with pytest.raises(PdfError, match="inget körbart program"):
        html_to_pdf(page, tmp_path / "r.pdf", HEADER)
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.slow
@needs_chromium
@needs_poppler
def test_no_path_of_the_build_machine_in_the_pdf(tmp_path: Path) -> None:
    page = tmp_path / "region-varmland" / "hsn-2025.html"
    page.parent.mkdir()
    page.write_text(
        '<p><a href="../kallor/003_x.html#L12">003 rad 12</a> <a href="#ram">Ram</a>'
        ' <a href="https://www.kolada.se/">Kolada</a></p><h2 id="ram">Ram</h2>',
        encoding="utf-8",
    )
    html_to_pdf(page, tmp_path / "r.pdf", HEADER)
    raw = (tmp_path / "r.pdf").read_bytes()
    assert b"file:" not in raw and str(tmp_path).encode() not in raw and b"kallor" not in raw
    assert b"https://www.kolada.se/" in raw  # public links stay links
    assert "003 rad 12" in "\n".join(pdf_pages(tmp_path / "r.pdf"))  # the reference stays readable
