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
