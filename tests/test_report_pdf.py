"""budgetlib report prints every report as an A4 PDF beside its HTML, or says plainly why not."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import budgetlib.report.pdf
from budgetlib.cli import main
from budgetlib.report.build import INDEX
from tests.conftest import DATA_DIR

REGION = "Region Jämtland Härjedalen"
NAMND_PAGE = "region-jamtland-harjedalen/hsn-2024"
PAGES = (NAMND_PAGE, "avstamning-region-jamtland-harjedalen", "jamforelse-region-jamtland-harjedalen")
SOURCE = DATA_DIR / "sources" / "002_5242cddf40ba70f2.txt"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (shutil.which("chromium") and shutil.which("pdftotext") and shutil.which("pdfinfo")),
        reason="Chromium eller poppler-utils saknas",
    ),
]


def pdf_pages(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return [" ".join(page.replace("\u00a0", " ").split()) for page in out.stdout.split("\f") if page.strip()]


def page_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert found is not None
    return float(found.group(1)), float(found.group(2))


def run(arguments: list[str]) -> tuple[int, str]:
    with contextlib.redirect_stderr(io.StringIO()) as err:
        code = main(arguments)
    return code, err.getvalue()


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A build where no Chromium is found (HTML only), then the same folder with Chromium."""
    reports = tmp_path_factory.mktemp("reports")
    arguments = ["--data-dir", str(DATA_DIR), "report", "--region", REGION, "--reports-dir", str(reports)]
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(budgetlib.report.pdf.CHROMIUM_ENV, raising=False)
        patch.setattr(budgetlib.report.pdf, "CHROMIUM_NAMES", ("chromium-finns-inte", "chrome-finns-inte"))
        code, without = run(arguments)
    assert code == 0 and not list(reports.rglob("*.pdf"))
    code, with_chromium = run(arguments)  # the reports are unchanged; only their PDFs are missing
    assert code == 0
    return reports, without, with_chromium


def test_without_chromium_one_swedish_line_and_the_html_still_builds(builds: tuple[Path, str, str]) -> None:
    reports, without, _ = builds
    said = [line for line in without.splitlines() if "PDF" in line]
    assert said == [
        "budgetlib: inga PDF-filer, bara HTML: Chromium saknas (sökte efter chromium-finns-inte, "
        "chrome-finns-inte): installera det, t.ex. 'apt-get install chromium', "
        "eller ange programmet i BUDGETLIB_CHROMIUM"
    ]
    assert all((reports / f"{page}.html").is_file() for page in PAGES)


def test_every_report_as_a4_pdf_with_header_footer_and_page_numbers(builds: tuple[Path, str, str]) -> None:
    reports, _, with_chromium = builds
    assert "3 oförändrad" in with_chromium and "PDF" not in with_chromium
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    case = re.search(r"\((HSN/\d+/\d{4})\)", lines[0])  # the title line: "… (HSN/1798/2023)"
    frame = re.search(r"nettobudgetramen .* (\d+),(\d) mkr", lines[23])  # line 24: "… 3356,1 mkr"
    assert case is not None and frame is not None
    diarienummer = case.group(1)
    for page in PAGES:
        pdf = reports / f"{page}.pdf"
        width, height = page_size(pdf)
        assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5, page  # A4, not Letter
        texts = pdf_pages(pdf)
        for number, text in enumerate(texts, start=1):
            assert f"Sida {number} av {len(texts)}" in text
            assert re.search(rf"Byggd \d{{4}}-\d\d-\d\d · Källor: {diarienummer}", text), text
            assert "Region Jämtland Härjedalen" in text
    first = pdf_pages(reports / f"{NAMND_PAGE}.pdf")[0]
    assert first.startswith("Region Jämtland Härjedalen · HSN · 2024 HSN 2024 – Region Jämtland Härjedalen")
    whole = f"{int(frame.group(1)):,}".replace(",", " ") + "," + frame.group(2)  # 3 356,1
    assert f"{whole} mkr" in " ".join(pdf_pages(reports / f"{NAMND_PAGE}.pdf"))


def test_the_index_links_each_pdf_and_no_pdf_is_left_half_written(builds: tuple[Path, str, str]) -> None:
    reports = builds[0]
    index = (reports / INDEX).read_text(encoding="utf-8")
    for page in PAGES:
        assert f'<a href="{page}.pdf">PDF</a>' in index
    assert not [p for p in reports.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".tmp")]


def test_printed_pages_carry_no_links_into_the_build_machine(builds: tuple[Path, str, str]) -> None:
    reports, _, _ = builds
    html = (reports / f"{NAMND_PAGE}.html").read_text(encoding="utf-8")
    assert 'href="../kallor/' in html  # the HTML links its source lines, as the PDF must not
    for page in PAGES:
        assert b"file:" not in (reports / f"{page}.pdf").read_bytes(), page


def test_no_pdf_writes_none(tmp_path: Path) -> None:
    arguments = ["--data-dir", str(DATA_DIR), "report", "--region", REGION, "--reports-dir", str(tmp_path)]
    code, said = run([*arguments, "--no-pdf", "--namnd", "HSN"])
    assert code == 0 and "PDF" not in said
    assert (tmp_path / f"{NAMND_PAGE}.html").is_file() and not list(tmp_path.rglob("*.pdf"))
