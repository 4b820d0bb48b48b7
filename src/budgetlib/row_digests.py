"""Digests of a dataset's rows, for fingerprints and kept results: the data hashed once, any part cheaply."""

from __future__ import annotations

import json
from dataclasses import fields

import pandas as pd

from budgetlib import columns as c
from budgetlib.dataset import Dataset
from budgetlib.loading import SOURCES_DIR
from budgetlib.report.fingerprint import digest


class RowDigests:
    """Every frame's rows and every source text hashed once; then the digest of any rows of them.

    A row's hash (pandas' ``hash_pandas_object``, 64 bits over every cell)
    stands for the row; a digest covers the hashes of exactly the rows kept,
    in order, with each frame's columns and types, and the SHA-256 of each
    source text of the documents kept. So a plan hashes the data once, not
    once per report.
    """

    def __init__(self, dataset: Dataset) -> None:
        self.frames = {
            f.name: frame
            for f in fields(dataset)
            if isinstance(frame := getattr(dataset, f.name), pd.DataFrame)
        }
        self.rows = {
            name: pd.util.hash_pandas_object(frame, index=False).to_numpy()
            for name, frame in self.frames.items()
        }
        self.headers = {
            name: json.dumps([[str(column) for column in frame.columns], [str(t) for t in frame.dtypes]])
            for name, frame in self.frames.items()
        }
        self.sources = dataset.data_dir / SOURCES_DIR
        self.source_files = dataset.documents[c.SOURCE_FILE].tolist()
        self.texts: dict[str, str] = {}

    def _text(self, name: str) -> str:
        if name not in self.texts:
            self.texts[name] = digest((self.sources / name).read_bytes())
        return self.texts[name]

    def digest(self, kept: dict[str, list[int]] | None = None) -> str:
        """The rows ``kept`` by frame name (others whole; ``None``: all) and the documents' source texts."""
        kept = kept or {}
        parts: list[str | bytes] = []
        for name, hashes in self.rows.items():
            chosen = hashes[kept[name]] if name in kept else hashes
            parts += [name, self.headers[name], chosen.tobytes()]
        documents = kept.get("documents", range(len(self.source_files)))
        parts += [self._text(name) for name in sorted(self.source_files[p] for p in documents)]
        return digest(*parts)
