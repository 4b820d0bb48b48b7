"""budgetlib report: every nämnd gets a report, builds are atomic, unchanged reports are skipped."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import stat
import sys
from pathlib import Path

import pytest

import budgetlib
from budgetlib.atomic import write_atomic
from budgetlib.cli import main
from budgetlib.report.build import INDEX, Outcome, build
from budgetlib.report.index_page import render_index
from budgetlib.report.jobs import NOTEBOOKS_DIR, Job, plan
from budgetlib.report.parameters import ParameterError, check_parameters, declared_parameters
from budgetlib.report_text import CATEGORY_SHARES_CAPTION
from tests.conftest import DATA_DIR, PROJECT, edit_csv
from tests.tiny_notebooks import notebook, write_notebooks

SOURCES = DATA_DIR / "sources"


def text_of(page: Path) -> str:
    """The page's text: tags removed, entities decoded, no-break spaces as plain spaces."""
    text = re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))
    return html.unescape(text).replace("\u00a0", " ")


def share_rows(page: Path) -> dict[tuple[str, ...], dict[str, str]]:
    """The composition table's rows by Region, Nämnd and År: each category's cell text."""
    markup = page.read_text(encoding="utf-8")
    table = markup[markup.index(CATEGORY_SHARES_CAPTION) :]
    table = table[: table.index("</table>")]
    header = [html.unescape(h) for h in re.findall(r"<th(?: [^>]*)?>(.*?)</th>", table)]
    rows = [
        [html.unescape(cell).replace("\u00a0", " ") for cell in re.findall(r"<td(?: [^>]*)?>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(<td.*?)</tr>", table)
    ]
    assert header[:3] == ["Region", "Nämnd", "År"] and rows
    return {tuple(row[:3]): dict(zip(header[3:], row[3:], strict=True)) for row in rows}


def statuses(outcomes: list[Outcome]) -> dict[str, str]:
    return {o.job.key: o.status for o in outcomes}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Outcome]]:
    reports = tmp_path_factory.mktemp("reports")
    outcomes = build(plan(budgetlib.load(DATA_DIR), reports=reports), reports, workers=2, data_dir=DATA_DIR)
    return reports, outcomes


@pytest.mark.slow
def test_a_report_for_each_namnd_and_the_reconciliation(built: tuple[Path, list[Outcome]]) -> None:
    reports, outcomes = built
    combinations = budgetlib.load(DATA_DIR).combinations()
    organisations = sorted(set(combinations["region"]))
    # and the overviews of reconciliation and comparison, and each organisation's page of both
    assert len(outcomes) == len(combinations) + 2 + 2 * len(organisations)
    assert {o.status for o in outcomes} == {"built"}
    for outcome in outcomes:
        assert outcome.job.html.is_file() and outcome.job.ipynb.is_file()
    assert (reports / "region-varmland" / "hsn-2025.html").is_file()
    assert (reports / "avstamning.html").is_file() and (reports / "jamforelse.html").is_file()
    for folder in ("region-varmland", "region-vasterbotten", "region-jamtland-harjedalen"):
        assert (reports / f"avstamning-{folder}.html").is_file()
        assert (reports / f"jamforelse-{folder}.html").is_file()


@pytest.mark.slow
def test_reports_hold_key_figures_in_swedish_format(built: tuple[Path, list[Outcome]]) -> None:
    reports, _ = built
    # 002 line 24: "uppgår till 3356,1 mkr" → printed in the report as 3 356,1 mkr
    assert "3356,1 mkr" in (SOURCES / "002_5242cddf40ba70f2.txt").read_text(encoding="utf-8")
    assert "Ram 2024: 3 356,1 mkr" in text_of(reports / "region-jamtland-harjedalen" / "hsn-2024.html")
    # 003 lines 42 and 48: Ram 2024 8 428, Ram 2025 9 065 → change 637 mkr, 637 / 8 428 = 7,6 %
    varmland = text_of(reports / "region-varmland" / "hsn-2025.html")
    assert "Ram 2025: 9 065 mkr" in varmland
    assert f"+637 mkr (+{100 * 637 / 8428:.1f} %)".replace(".", ",") in varmland
    assert "Ej specificerat" in varmland and "181 mkr" in varmland  # 513 − 120 − 147 − 65
    # 001 line 770 and 735: 3 943,2 mkr to RS, investment budget 893 mkr
    rs = text_of(reports / "region-vasterbotten" / "rs-2025.html")
    assert "Ram 2025: 3 943,2 mkr" in rs and "Investeringsbudgeten" in rs and "893 mkr" in rs
    # 000 lines 5 and 7: 214 mkr less unitemised reductions leaves 190 mkr: 24 mkr unspecified
    hsn = text_of(reports / "region-vasterbotten" / "hsn-2025.html")
    assert "Ram 2025: anges inte i dokumenten." in hsn and "24 mkr" in hsn


@pytest.mark.slow
def test_comparison_report_credits_kolada_and_says_what_cannot_be_compared(
    built: tuple[Path, list[Outcome]],
) -> None:
    comparison = text_of(built[0] / "jamforelse.html")
    assert "Källa: Kolada" in comparison and "37 190 kr" in comparison  # Värmland 2024, unprocessed
    assert f"{9065e6 / 283548:,.0f} kr".replace(",", " ") in comparison  # 003 frame per inhabitant
    assert "Nämnderna har olika uppdrag (HSN, RS)" in comparison
    assert "Kolada-värden för Region Jämtland Härjedalen finns inte i referensdatan." in comparison


@pytest.mark.slow
def test_sections_without_data_say_so_in_one_line(built: tuple[Path, list[Outcome]]) -> None:
    jamtland = text_of(built[0] / "region-jamtland-harjedalen" / "hsn-2024.html")
    assert (
        "Dokumenten innehåller ingen brygga från föregående års ram, ingen fördelning av ramen på områden "
        "eller anslag, inga tillskott, reduceringar eller omfördelningar, inga utfall, prognoser eller "
        "budgetavvikelser, inga investeringar, inga mål eller indikatorer och inga uppdrag." in jamtland
    )
    for heading in ("Investeringar", "Uppdrag", "Mål och indikatorer"):
        assert f">{heading}<" not in (built[0] / "region-jamtland-harjedalen" / "hsn-2024.html").read_text(
            encoding="utf-8"
        )


@pytest.mark.slow
def test_reports_link_to_each_other_and_to_their_sources(built: tuple[Path, list[Outcome]]) -> None:
    reports = built[0]
    varmland = (reports / "region-varmland" / "hsn-2025.html").read_text(encoding="utf-8")
    for href in ("../index.html", "../avstamning-region-varmland.html", "../jamforelse-region-varmland.html"):
        assert f'href="{href}"' in varmland
    assert "Avstämning för Region Värmland" in varmland  # its own organisation's checks
    assert "Jämförelse för Region Värmland" in varmland  # and comparison
    assert 'href="../kallor/003_7568518892398882.html#L48"' in varmland  # Ram 2025, line 48
    overview = (reports / "avstamning.html").read_text(encoding="utf-8")
    for folder in ("region-varmland", "region-vasterbotten", "region-jamtland-harjedalen"):
        assert f'href="avstamning-{folder}.html"' in overview
    reconciliation = (reports / "avstamning-region-varmland.html").read_text(encoding="utf-8")
    # a split build: each document's row links to the Avstämning heading of its nämnd report
    assert 'href="region-varmland/hsn-2025.html#Avst%C3%A4mning"' in reconciliation
    assert 'id="Avst%C3%A4mning"' in varmland  # the anchor nbconvert gives that heading
    assert 'href="kallor/003_7568518892398882.html#L38"' in reconciliation  # the slipped 9,1 mnkr
    # the build's pages: the index, the overview, and its own organisation's comparison
    for href in ("index.html", "avstamning.html", "jamforelse-region-varmland.html"):
        assert f'href="{href}"' in reconciliation
    comparison = (reports / "jamforelse.html").read_text(encoding="utf-8")
    assert 'href="region-jamtland-harjedalen/hsn-2024.html"' in comparison
    for folder in ("region-varmland", "region-vasterbotten", "region-jamtland-harjedalen"):
        assert f'href="jamforelse-{folder}.html"' in comparison
    own = (reports / "jamforelse-region-varmland.html").read_text(encoding="utf-8")
    for href in (
        "index.html",
        "avstamning-region-varmland.html",
        "jamforelse.html",
        "region-varmland/hsn-2025.html",
    ):
        assert f'href="{href}"' in own  # its organisation's checks, the overview, its nämnd report
    assert "region-vasterbotten/" not in own
    for page in (varmland, overview, reconciliation, comparison, own):
        assert "<script" not in page.lower()


@pytest.mark.slow
def test_the_comparison_draws_each_namnd_years_composition_on_its_organisations_page(
    built: tuple[Path, list[Outcome]],
) -> None:
    overview = text_of(built[0] / "jamforelse.html")
    vasterbotten = text_of(built[0] / "jamforelse-region-vasterbotten.html")
    # 000: of the 190 mkr supplement 81 mkr goes to staff (Personal): 81 / 190 = 42,6 %
    share = f"{100 * 81 / 190:.1f} %".replace(".", ",")
    assert f"Diagrammet i siffror: Personal {share}" in vasterbotten
    assert "Diagrammet i siffror: Personal" not in overview  # the overview points to the pages
    key = ("Region Västerbotten", "HSN", "2025")
    overview_row = share_rows(built[0] / "jamforelse.html")[key]
    own_row = share_rows(built[0] / "jamforelse-region-vasterbotten.html")[key]
    assert overview_row["Personal"] == own_row["Personal"] == share  # a row per nämnd-year on both
    assert {k: v for k, v in overview_row.items() if v} == own_row  # the overview has every category
    assert "står på varje organisations egen jämförelsesida" in overview
    assert "Region Värmland" not in vasterbotten


@pytest.mark.slow
def test_every_source_link_lands_on_its_line(built: tuple[Path, list[Outcome]]) -> None:
    """The build writes the line-numbered source pages the reports link to, each target line there."""
    reports = built[0]
    checked = 0
    for page in reports.rglob("*.html"):
        if page.parent.name == "kallor":
            continue
        for target, line in re.findall(
            r'href="([^"#]*kallor/[^"#]+)#L(\d+)"', page.read_text(encoding="utf-8")
        ):
            view = (page.parent / target).resolve()
            assert view.is_file(), f"{page.name} links to a missing {target}"
            assert f'id="L{line}"' in view.read_text(encoding="utf-8")
            checked += 1
    assert checked > 100  # every figure in every table links to its line


@pytest.mark.slow
def test_html_hides_code_and_executed_notebooks_record_parameters(built: tuple[Path, list[Outcome]]) -> None:
    reports, _ = built
    assert "import budgetlib" not in (reports / "region-varmland" / "hsn-2025.html").read_text(
        encoding="utf-8"
    )
    notebook = json.loads((reports / "region-varmland" / "hsn-2025.ipynb").read_text(encoding="utf-8"))
    assert notebook["metadata"]["papermill"]["parameters"]["region"] == "Region Värmland"
    counts = [cell["execution_count"] for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1))
    outputs = [o for cell in notebook["cells"] for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]


@pytest.mark.slow
def test_the_same_data_gives_the_same_bytes_with_one_kernel_or_two(
    built: tuple[Path, list[Outcome]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    reports = tmp_path_factory.mktemp("reports")  # beside the first: paths relative to the data match
    build(plan(budgetlib.load(DATA_DIR), reports=reports), reports, workers=1, data_dir=DATA_DIR)

    def published(root: Path) -> dict[Path, bytes]:
        return {
            p.relative_to(root): p.read_bytes()
            for p in root.rglob("*")
            if p.is_file() and ".build" not in p.relative_to(root).parts
        }

    first, second = published(built[0]), published(reports)
    sources = len(list((DATA_DIR / "sources").glob("*.txt")))  # and a line-numbered page per source
    assert sorted(first) == sorted(second) and len(first) == 2 * len(built[1]) + 1 + sources  # and the index
    assert [name for name in first if first[name] != second[name]] == []


@pytest.mark.slow
def test_executed_notebooks_record_paths_relative_to_themselves(built: tuple[Path, list[Outcome]]) -> None:
    for outcome in built[1]:
        executed = json.loads(outcome.job.ipynb.read_text(encoding="utf-8"))
        record = executed["metadata"]["papermill"]
        folder = outcome.job.ipynb.parent
        assert not Path(record["parameters"]["data_dir"]).is_absolute()
        assert (folder / record["parameters"]["data_dir"]).resolve() == DATA_DIR.resolve()
        assert (folder / record["input_path"]).resolve() == outcome.job.notebook.resolve()
        injected = [cell for cell in executed["cells"] if "injected-parameters" in cell["metadata"]["tags"]]
        assert f'data_dir = "{record["parameters"]["data_dir"]}"' in "".join(injected[0]["source"])
        assert str(PROJECT) not in outcome.job.html.read_text(encoding="utf-8")


@pytest.mark.slow
def test_reports_are_readable_by_others(built: tuple[Path, list[Outcome]]) -> None:
    umask = os.umask(0)
    os.umask(umask)
    written = [p for p in built[0].rglob("*") if p.is_file() and p.suffix in (".html", ".ipynb")]
    sources = len(list((DATA_DIR / "sources").glob("*.txt")))
    assert len(written) == 2 * len(built[1]) + 1 + sources  # reports, index, source pages
    assert {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o666 & ~umask}


@pytest.mark.slow
def test_index_links_every_report_with_its_status(built: tuple[Path, list[Outcome]]) -> None:
    reports, outcomes = built
    index = (reports / INDEX).read_text(encoding="utf-8")
    for outcome in outcomes:
        assert f'href="{outcome.job.html.relative_to(reports).as_posix()}"' in index
    assert index.count(">klar<") == len(outcomes)


def test_index_links_are_relative_paths_whatever_the_manifest_says(tmp_path: Path) -> None:
    (tmp_path / "javascript:alert(1)").write_text("x", encoding="utf-8")
    entry = {"title": "<b>X</b>", "group": "G", "status": "ok", "error": "", "ipynb": "saknas.ipynb"}
    page = render_index({"x": entry | {"html": "javascript:alert(1)"}}, tmp_path)
    assert 'href="javascript%3Aalert%281%29"' in page and "<b>X" not in page


@pytest.mark.slow
def test_unchanged_rebuild_skips_and_writes_nothing(built: tuple[Path, list[Outcome]]) -> None:
    reports, _ = built
    before = {p: p.stat().st_mtime_ns for p in reports.rglob("*.html")}
    again = build(plan(budgetlib.load(DATA_DIR), reports=reports), reports)
    assert set(statuses(again).values()) == {"unchanged"}
    assert {p: p.stat().st_mtime_ns for p in reports.rglob("*.html")} == before


@pytest.mark.slow
def test_changed_data_rebuilds_only_the_reports_that_use_it(data_copy: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    build(plan(budgetlib.load(data_copy), reports=reports), reports)
    edit_csv(data_copy / "amounts.csv", "ramtillskott,180,1", "ramtillskott,181,1")  # 003's Läkemedel
    seen: list[tuple[str, int, int]] = []
    outcomes = build(
        plan(budgetlib.load(data_copy), reports=reports),
        reports,
        progress=lambda outcome, done, total: seen.append((outcome.status, done, total)),
    )
    rebuilt = statuses(outcomes)
    assert [(done, total) for _, done, total in seen] == [
        (n, len(outcomes)) for n in range(1, len(outcomes) + 1)
    ]
    using_003 = {  # its nämnd report, its organisation's pages, and the overviews of every document
        "region-varmland/hsn-2025",
        "avstamning-region-varmland",
        "jamforelse-region-varmland",
        "avstamning",
        "jamforelse",
    }
    assert {key for key, status in rebuilt.items() if status == "built"} == using_003
    assert {status for key, status in rebuilt.items() if key not in using_003} == {"unchanged"}


@pytest.mark.slow
def test_one_failing_report_keeps_the_others_and_the_previous_version(
    built: tuple[Path, list[Outcome]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(built[0], reports)
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, notebooks, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    template = json.loads((notebooks / "namnd.ipynb").read_text(encoding="utf-8"))
    failing: dict[str, object] = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None}
    failing["source"] = 'if region == "Region Värmland":\n    raise ValueError("avsiktligt fel för testet")'
    failing["id"] = "avsiktligt-fel"
    template["cells"].insert(3, failing)
    (notebooks / "namnd.ipynb").write_text(json.dumps(template), encoding="utf-8")
    previous = (reports / "region-varmland" / "hsn-2025.html").read_bytes()

    arguments = ["--data-dir", str(DATA_DIR), "report", "--force", "--jobs", "2", "--no-pdf"]
    assert main([*arguments, "--reports-dir", str(reports), "--notebooks-dir", str(notebooks)]) == 1

    assert (reports / "region-varmland" / "hsn-2025.html").read_bytes() == previous
    index = text_of(reports / INDEX)
    assert f"cell 4 av {len(template['cells'])}: ValueError: avsiktligt fel för testet" in index
    assert "Föregående version visas." in index
    err = capsys.readouterr().err
    assert "MISSLYCKADES: HSN 2025 – Region Värmland" in err and "11 klar" in err
    assert not list(reports.rglob("*.tmp"))


def test_interrupted_write_leaves_the_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "rapport.html"
    target.write_text("föregående rapport", encoding="utf-8")

    def interrupted(source: str, destination: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "ny rapport " * 1000)
    assert target.read_text(encoding="utf-8") == "föregående rapport"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.html"]


def test_parameters_are_checked_against_the_notebook() -> None:
    notebook = NOTEBOOKS_DIR / "namnd.ipynb"
    assert list(declared_parameters(notebook)) == [
        "region", "namnd", "year", "data_dir", "reconciliation_page", "comparison_page", "prepared"
    ]  # fmt: skip
    pages = {"reconciliation_page": "avstamning.html", "comparison_page": "jamforelse.html"}
    good = {"region": "Region Värmland", "namnd": "HSN", "year": 2025, "data_dir": "", "prepared": ""} | pages
    check_parameters(notebook, good)
    with pytest.raises(ParameterError, match="okänd parameter 'ar'"):
        check_parameters(notebook, good | {"ar": 2025})
    with pytest.raises(ParameterError, match="parametern 'year' saknas"):
        check_parameters(notebook, {k: v for k, v in good.items() if k != "year"})
    with pytest.raises(ParameterError, match="parametern 'year' ska vara int, fick '2025'"):
        check_parameters(notebook, good | {"year": "2025"})


@pytest.mark.slow
def test_a_missing_or_broken_notebook_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = tmp_path / "reports"
    arguments = ["report", "--region", "Region Värmland", "--reports-dir", str(reports), "--notebooks-dir"]
    assert main([*arguments, str(tmp_path / "saknas")]) == 2
    assert "namnd.ipynb: notebooken kan inte läsas (No such file or directory)" in capsys.readouterr().err
    notebooks = write_notebooks(tmp_path / "notebooks")
    (notebooks / "namnd.ipynb").write_text("{inte json", encoding="utf-8")
    assert main([*arguments, str(notebooks)]) == 2
    assert "namnd.ipynb: är ingen notebook" in capsys.readouterr().err
    (notebooks / "namnd.ipynb").write_text(json.dumps(notebook("year: int = 20 25")), encoding="utf-8")
    assert main([*arguments, str(notebooks)]) == 2
    assert "parametercellen ska bara ha typade värden" in capsys.readouterr().err
    assert not reports.exists()


def test_timeout_and_jobs_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    for option in ("--timeout", "--jobs"):
        with pytest.raises(SystemExit) as stopped:
            main(["report", option, "0"])
        assert stopped.value.code == 2
        assert "väntade ett heltal större än 0, fick '0'" in capsys.readouterr().err


def test_a_selection_not_in_the_data_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--region", "Region Värmland", "--namnd", "RS"]) == 2
    assert "datan har inga dokument för Region Värmland, RS" in capsys.readouterr().err


@pytest.mark.slow
def test_kernels_run_on_this_interpreter_whatever_the_metadata_says(tmp_path: Path) -> None:
    """A notebook that names an R kernel, which this machine lacks, still builds, on our Python."""
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "ir", "display_name": "R", "language": "R"}},
        "cells": [
            {"cell_type": "code", "id": "tolk", "metadata": {}, "outputs": [], "execution_count": None,
             "source": "import sys\nprint(sys.executable)"},
        ],
    }  # fmt: skip
    template = tmp_path / "tolk.ipynb"
    template.write_text(json.dumps(notebook), encoding="utf-8")
    reports = tmp_path / "reports"
    outputs = (reports / "tolk.html", reports / "tolk.ipynb")
    job = Job("tolk", "Tolk", "Test", template, {}, *outputs, fingerprint="-", scope=(None, None, None))
    (outcome,) = build([job], reports, workers=1)
    assert outcome.status == "built", outcome.error
    executed = json.loads(job.ipynb.read_text(encoding="utf-8"))
    assert "".join(executed["cells"][0]["outputs"][0]["text"]) == f"{sys.executable}\n"
