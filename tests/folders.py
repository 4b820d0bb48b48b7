"""Minimal format-2 data folders for tests: FORMAT, documents.csv, a source text and the files given."""

from __future__ import annotations

import hashlib
from pathlib import Path

DOCUMENTS_HEADER = "doc_id,diarienummer,organisation,namnd,budget_year,kind,date,title,title_line,source_file"
AMOUNTS_HEADER = (
    "table_id,row_id,label,role,parent,column_id,column,year,phase,measure,"
    "value_text,sign,unit_text,unit_line,line"
)
STATEMENTS_HEADER = (
    "statement_id,doc_id,label,measure,year,phase,qualifier,value_text,sign,unit_text,unit_line,line"
)
TABLES_HEADER = "table_id,doc_id,title,relation,derived,first_line,last_line"
RELATIONS_HEADER = "relation_id,kind,stated,terms,base,explained_by,note"


def make_folder(root: Path, source: str, files: dict[str, str], documents: str = "") -> Path:
    """A folder whose one document ``d1`` (Umeå kommun, KS, 2025) has ``source`` as its text.

    ``files`` maps a file name to its rows (without header where the header is one of the above).
    """
    headers = {
        "amounts.csv": AMOUNTS_HEADER,
        "statements.csv": STATEMENTS_HEADER,
        "tables.csv": TABLES_HEADER,
        "relations.csv": RELATIONS_HEADER,
    }
    root.mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "sources" / "d1.txt").write_text(source, encoding="utf-8")
    (root / "FORMAT").write_text("2\n", encoding="utf-8")
    rows = documents or "d1,,Umeå,KS,2025,budget,,Budget,1,d1.txt\n"
    (root / "documents.csv").write_text(f"{DOCUMENTS_HEADER}\n{rows}", encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        header = headers.get(name)
        path.write_text(f"{header}\n{text}" if header else text, encoding="utf-8")
    return pin_sources(root)


def pin_sources(root: Path) -> Path:
    """Write ``sources/SHA256SUMS`` for the folder's source texts, as a user re-pins on purpose."""
    sources = root / "sources"
    pins = "".join(
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n"
        for path in sorted(sources.glob("*.txt"))
    )
    (sources / "SHA256SUMS").write_text(pins, encoding="utf-8")
    return root


KOMMUN_PLAN = (
    "Mål och budget 2025 för barn- och utbildningsnämnden\n"  # 1
    "\n"
    "Mål 1. Alla elever ska nå kunskapsmålen\n"  # 3
    "Indikator\tUtfall 2024\tMål 2025\n"
    "Andel elever i åk 9 som är behöriga till gymnasiet, %\t81,4\t86,0\n"  # 5
    "Antal elever per lärare\t12,9\t12,0\n"  # 6
    "\n"
    "Mål 2. En trygg skola\n"  # 8
    "Indikator\tUtfall 2024\tMål 2025\n"
    "Andel elever i åk 5 som känner sig trygga i skolan, %\t88\t85\n"  # 10
    "Andel skolor med en plan mot kränkande behandling, %\tSvar saknas\t100\n"  # 11
    "\n"
    "Nämndens ram är 1 931,0 mkr.\n"  # 13
)
INDICATORS_HEADER = (
    "indicator_id,doc_id,goal,subgoal,indicator,unit,unit_source,desired_direction,frequency,"
    "outcome_year,outcome_text,target_year,target_text,goal_line,subgoal_line,line,value_line,frequency_line"
)
KOMMUN_INDICATORS = (
    f"{INDICATORS_HEADER}\n"
    "k1,d1,Mål 1. Alla elever ska nå kunskapsmålen,,Andel elever i åk 9 som är behöriga till gymnasiet,"
    '%,indikatorns namn,öka,,2024,"81,4",2025,"86,0",3,,5,5,\n'
    "k2,d1,Mål 1. Alla elever ska nå kunskapsmålen,,Antal elever per lärare,"
    'antal,antagen,minska,,2024,"12,9",2025,"12,0",3,,6,6,\n'
    "k3,d1,Mål 2. En trygg skola,,Andel elever i åk 5 som känner sig trygga i skolan,"
    "%,indikatorns namn,öka,,2024,88,2025,85,8,,10,10,\n"
    "k4,d1,Mål 2. En trygg skola,,Andel skolor med en plan mot kränkande behandling,"
    "%,indikatorns namn,öka,,2024,Svar saknas,2025,100,8,,11,11,\n"
)


def kommun_plan_folder(root: Path, indicators: str = KOMMUN_INDICATORS) -> Path:
    """Umeå's BUN plan 2025 (``KOMMUN_PLAN``): indicator tables without delmål or periodicitet, each
    indicator's name on the line of its values; the ram stated in the text."""
    return make_folder(
        root,
        KOMMUN_PLAN,
        {
            "indicators.csv": indicators,
            "statements.csv": 's_ram,d1,Ram,ram,2025,beslut,,"1 931,0",1,mkr,13,13\n',
        },
        documents="d1,,Umeå,BUN,2025,budget,,Mål och budget 2025,1,d1.txt\n",
    )
