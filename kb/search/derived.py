"""What searches derive from one index version, kept on disk next to the index: facet columns,
document ids, field lengths, live documents and the vocabulary. A new process reads a few files
instead of walking every stored document and every term (seconds at 30k documents).

Two levels, as plain files (JSON and numpy arrays, no pickle) in the index generation directory:
- per segment, `kb-seg-<segment id>.*`: what one Whoosh segment holds. Segments never change
  (deletions are recorded per index version), so a write only adds the parts of its new segments;
- per index version, `kb-version-<generation>.*` and `kb-vocab-<generation>.json`: the parts
  joined, with the live documents of that version.
Files are written after each commit (kb.search.writer) and, for an index written otherwise, by the
first search that needs them; a read-only index keeps them in memory only. A version's files are
checked against the segments it was made from, and files of versions and segments that are gone
are removed when a new version is written.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kb.search.facets import FACET_NAMES, FacetColumns
from kb.search.vocab import Groups, Vocabulary, group_terms, shard_of
from kb.text.normalize import spelling_key

FORMAT = 4  # bump when the content of the files changes: older files are then rebuilt (3: fixed spelling among equals; 4: hyphen spellings one value, counted once per document)
_SEG_PREFIX = "kb-seg-"
_VERSION_PREFIX = "kb-version-"
_VOCAB_PREFIX = "kb-vocab-"
_TMP_PREFIX = "kb-tmp-"
_STALE_TMP_SECONDS = 600
LENGTH_FIELDS = ("w", "s")


@dataclass
class SegmentPart:
    """What one segment contributes; document numbers are the segment's own (from 0)."""

    segment_id: str
    n: int
    ids: list[str | None]
    names: dict[str, list[str]]  # facet -> value names (this segment's numbering)
    ptr: dict[str, np.ndarray]  # facet -> row offsets (n + 1)
    vals: dict[str, np.ndarray]  # facet -> value numbers, row after row
    year: np.ndarray
    date: np.ndarray
    lengths: dict[str, np.ndarray]  # "w" / "s" -> field length per document
    syllables: dict[str, int]  # alphabetic terms of field "s" -> documents in this segment
    words: dict[str, int]  # multi-syllable terms of field "w" -> documents in this segment


@dataclass
class VersionData:
    """One index version: columns over all its documents (deleted ones have id None)."""

    generation: int
    segments: list[str]
    live: np.ndarray
    columns: FacetColumns
    lengths: dict[str, np.ndarray]


def _text(term) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _segment_id(leaf) -> str:
    return leaf.segment().segment_id()


# -- building from Whoosh readers ---------------------------------------------------------------------
def build_part(leaf) -> SegmentPart:
    """Read one segment: stored facets of every document (deleted ones too: deletions belong to
    the version), field lengths, and the document frequency of every alphabetic term."""
    n = leaf.doc_count_all()
    ids: list[str | None] = [None] * n
    names: dict[str, list[str]] = {f: [] for f in FACET_NAMES}
    lookup: dict[str, dict[str, int]] = {f: {} for f in FACET_NAMES}
    rows: dict[str, list[int]] = {f: [] for f in FACET_NAMES}
    lengths_of_rows: dict[str, list[int]] = {f: [] for f in FACET_NAMES}
    year = np.zeros(n, dtype=np.int32)
    date = np.zeros(n, dtype=np.int32)
    for d in range(n):
        stored = leaf.stored_fields(d)
        ids[d] = stored.get("id")
        data = json.loads(stored.get("facets") or "{}")
        for f in FACET_NAMES:
            values = data.get(f) or ()
            for v in values:
                k = lookup[f].get(v)
                if k is None:
                    k = lookup[f][v] = len(names[f])
                    names[f].append(v)
                rows[f].append(k)
            lengths_of_rows[f].append(len(values))
        year[d] = data.get("year") or 0
        date[d] = data.get("date") or 0
    ptr = {f: np.concatenate([[0], np.cumsum(np.asarray(lengths_of_rows[f], dtype=np.int64))]).astype(np.int64)
           for f in FACET_NAMES}
    vals = {f: np.asarray(rows[f], dtype=np.int64) for f in FACET_NAMES}
    lengths = {}
    for field in LENGTH_FIELDS:
        arr = np.fromiter((leaf.doc_field_length(d, field, 0) for d in range(n)), dtype=np.float32, count=n)
        lengths[field] = np.nan_to_num(arr, nan=0.0, posinf=0.0, neginf=0.0)
    syllables: dict[str, int] = {}
    words: dict[str, int] = {}
    for (field, term), info in leaf:  # one sequential pass over the segment's term table
        if field == "s":
            t = _text(term)
            if t[:1].isalpha():
                syllables[t] = info.doc_frequency()
        elif field == "w":
            t = _text(term)
            if "_" in t and t[:1].isalpha():
                words[t] = info.doc_frequency()
    return SegmentPart(_segment_id(leaf), n, ids, names, ptr, vals, year, date, lengths, syllables, words)


def _distinct_in_rows(vals: np.ndarray, ptr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows without a value twice: two spellings of one value in one document ("Al Thani" and
    "Al-Thani") count that document once. Keeps the first of each, in order."""
    rows = np.repeat(np.arange(len(ptr) - 1), np.diff(ptr))
    _, first = np.unique(rows * (int(vals.max(initial=0)) + 1) + vals, return_index=True)
    keep = np.zeros(len(vals), dtype=bool)
    keep[first] = True
    kept_per_row = np.bincount(rows[keep], minlength=len(ptr) - 1)
    return vals[keep], np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(kept_per_row)])


def join_parts(parts: list[SegmentPart], live: np.ndarray, generation: int) -> VersionData:
    """The version's columns: the parts one after the other (Whoosh's document numbering)."""
    n = sum(p.n for p in parts)
    ids: list[str | None] = []
    for p in parts:
        ids.extend(p.ids)
    ids = [i if live[d] else None for d, i in enumerate(ids)]
    names: dict[str, list[str]] = {f: [] for f in FACET_NAMES}
    lookup: dict[str, dict[str, int]] = {f: {} for f in FACET_NAMES}
    ptr: dict[str, np.ndarray] = {}
    vals: dict[str, np.ndarray] = {}
    for f in FACET_NAMES:
        ptr_parts = [np.zeros(1, dtype=np.int64)]
        val_parts = []
        base = 0
        # Values that differ only in case or in a hyphen for a space are one value ("Trung tâm Dự báo Khí
        # tượng Thủy văn Trung ương" and "... khí tượng thủy văn ...", "Al Thani" and "Al-Thani", as
        # different texts write them), shown as written most often (spelling_key).
        by_case: dict[str, int] = {}
        variants: list[dict[str, int]] = []
        for p in parts:
            table = lookup[f]
            used = np.bincount(p.vals[f], minlength=len(p.names[f])) if p.vals[f].size else np.zeros(
                len(p.names[f]), dtype=np.int64)
            mapping = np.empty(len(p.names[f]), dtype=np.int64)
            for k, v in enumerate(p.names[f]):
                g = table.get(v)
                if g is None:
                    key = spelling_key(v)
                    g = by_case.get(key)
                    if g is None:
                        g = by_case[key] = len(names[f])
                        names[f].append(v)
                        variants.append({})
                    table[v] = g
                variants[g][v] = variants[g].get(v, 0) + int(used[k])
                mapping[k] = g
            row_vals = mapping[p.vals[f]] if p.vals[f].size else np.zeros(0, dtype=np.int64)
            row_ptr = p.ptr[f]
            if len(np.unique(mapping)) < len(mapping):
                row_vals, row_ptr = _distinct_in_rows(row_vals, row_ptr)
            val_parts.append(row_vals)
            ptr_parts.append(row_ptr[1:] + base)
            base += int(row_ptr[-1])
        for g, seen in enumerate(variants):
            if len(seen) > 1:
                # The most used spelling; among equals the one with more capitals ("Ea H'Leo"), then the
                # first in code-point order, so that every build of the same documents shows the same.
                names[f][g] = max(sorted(seen), key=lambda v, seen=seen: (seen[v], sum(map(str.isupper, v))))
        ptr[f] = np.concatenate(ptr_parts)
        vals[f] = np.concatenate(val_parts) if val_parts else np.zeros(0, dtype=np.int64)
    year = np.concatenate([p.year for p in parts]) if parts else np.zeros(0, dtype=np.int32)
    date = np.concatenate([p.date for p in parts]) if parts else np.zeros(0, dtype=np.int32)
    lengths = {f: (np.concatenate([p.lengths[f] for p in parts]) if parts else np.zeros(0, dtype=np.float32))
               for f in LENGTH_FIELDS}
    columns = FacetColumns(n, ids, names, lookup, ptr, vals, year, date)
    return VersionData(generation, [p.segment_id for p in parts], live[:n].copy(), columns, lengths)


def join_vocabulary(parts: list[SegmentPart]) -> tuple[dict[str, int], dict[str, int]]:
    """Document frequencies summed over segments, as Whoosh's own multi-segment reader counts them."""
    syllables: dict[str, int] = {}
    words: dict[str, int] = {}
    for p in parts:
        for table, own in ((syllables, p.syllables), (words, p.words)):
            for t, df in own.items():
                table[t] = table.get(t, 0) + df
    return syllables, words


def live_mask(reader) -> np.ndarray:
    n = reader.doc_count_all()
    live = np.zeros(n, dtype=bool)
    ids = np.fromiter(reader.all_doc_ids(), dtype=np.int64)
    live[ids] = True
    return live


# -- files --------------------------------------------------------------------------------------------
def _write_atomically(path: Path, write) -> None:
    tmp = path.with_name(f"{_TMP_PREFIX}{os.getpid()}-{path.name}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _save_arrays(path: Path, arrays: dict[str, np.ndarray]) -> None:
    def write(tmp: Path) -> None:
        with open(tmp, "wb") as fh:
            np.savez(fh, **arrays)

    _write_atomically(path, write)


def _save_json(path: Path, obj) -> None:
    def write(tmp: Path) -> None:
        tmp.write_text(json.dumps(obj, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    _write_atomically(path, write)


def _load_arrays(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}


def _seg_paths(folder: Path, segment_id: str) -> tuple[Path, Path]:
    return folder / f"{_SEG_PREFIX}{segment_id}.npz", folder / f"{_SEG_PREFIX}{segment_id}.json"


def save_part(folder: Path, part: SegmentPart) -> None:
    arrays_path, meta_path = _seg_paths(folder, part.segment_id)
    arrays = {"year": part.year, "date": part.date}
    for f in FACET_NAMES:
        arrays[f"ptr_{f}"] = part.ptr[f]
        arrays[f"vals_{f}"] = part.vals[f]
    for f in LENGTH_FIELDS:
        arrays[f"len_{f}"] = part.lengths[f]
    _save_arrays(arrays_path, arrays)
    # The JSON goes last: it is what marks the part complete.
    _save_json(meta_path, {"format": FORMAT, "segment": part.segment_id, "n": part.n, "ids": part.ids,
                           "names": part.names, "syllables": part.syllables, "words": part.words})


def load_part(folder: Path, segment_id: str, n: int) -> SegmentPart | None:
    arrays_path, meta_path = _seg_paths(folder, segment_id)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or meta.get("segment") != segment_id or meta.get("n") != n:
            return None
        arrays = _load_arrays(arrays_path)
        return SegmentPart(
            segment_id, n, meta["ids"], meta["names"],
            {f: arrays[f"ptr_{f}"] for f in FACET_NAMES}, {f: arrays[f"vals_{f}"] for f in FACET_NAMES},
            arrays["year"], arrays["date"], {f: arrays[f"len_{f}"] for f in LENGTH_FIELDS},
            meta["syllables"], meta["words"],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _version_paths(folder: Path, generation: int) -> tuple[Path, Path]:
    return folder / f"{_VERSION_PREFIX}{generation}.npz", folder / f"{_VERSION_PREFIX}{generation}.json"


def _vocab_path(folder: Path, generation: int) -> Path:
    return folder / f"{_VOCAB_PREFIX}{generation}.json"


def save_version(folder: Path, data: VersionData) -> None:
    arrays_path, meta_path = _version_paths(folder, data.generation)
    cols = data.columns
    arrays = {"live": data.live, "year": cols.year, "date": cols.date}
    for f in FACET_NAMES:
        arrays[f"ptr_{f}"] = cols.ptr[f]
        arrays[f"vals_{f}"] = cols.vals[f]
    for f in LENGTH_FIELDS:
        arrays[f"len_{f}"] = data.lengths[f]
    _save_arrays(arrays_path, arrays)
    _save_json(meta_path, {"format": FORMAT, "generation": data.generation, "segments": data.segments,
                           "n": cols.n, "ids": cols.ids, "names": cols.names})


def load_version(folder: Path, generation: int, segments: list[str], n: int) -> VersionData | None:
    arrays_path, meta_path = _version_paths(folder, generation)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if (meta.get("format") != FORMAT or meta.get("generation") != generation
                or meta.get("segments") != segments or meta.get("n") != n):
            return None
        arrays = _load_arrays(arrays_path)
        names = meta["names"]
        lookup = {f: {v: k for k, v in enumerate(names[f])} for f in FACET_NAMES}
        cols = FacetColumns(n, meta["ids"], names, lookup, {f: arrays[f"ptr_{f}"] for f in FACET_NAMES},
                            {f: arrays[f"vals_{f}"] for f in FACET_NAMES}, arrays["year"], arrays["date"])
        return VersionData(generation, segments, arrays["live"], cols, {f: arrays[f"len_{f}"] for f in LENGTH_FIELDS})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _vocab_shard_path(folder: Path, generation: int, shard: str) -> Path:
    return folder / f"{_VOCAB_PREFIX}{generation}-{shard}.json"


def save_vocabulary(folder: Path, generation: int, segments: list[str], groups: tuple[Groups, Groups]) -> None:
    """One file per shard (kb.search.vocab.shard_of), then the index file that marks them complete."""
    shards: dict[str, tuple[Groups, Groups]] = {}
    for which, table in enumerate(groups):
        for key, forms in table.items():
            shards.setdefault(shard_of(key), ({}, {}))[which][key] = forms
    for shard, (syl, words) in shards.items():
        _save_json(_vocab_shard_path(folder, generation, shard), {"syllables": syl, "words": words})
    _save_json(_vocab_path(folder, generation), {"format": FORMAT, "generation": generation, "segments": segments,
                                                 "shards": sorted(shards)})


class VocabularyFiles:
    """The saved vocabulary of one version, read shard by shard (Vocabulary's `load_shard`)."""

    def __init__(self, folder: Path, generation: int, shards: list[str]):
        self.folder, self.generation, self.shards = folder, generation, set(shards)

    def __call__(self, shard: str) -> tuple[Groups, Groups]:
        if shard not in self.shards:
            return {}, {}
        data = json.loads(_vocab_shard_path(self.folder, self.generation, shard).read_text(encoding="utf-8"))
        return data["syllables"], data["words"]


def load_vocabulary(folder: Path, generation: int, segments: list[str]) -> VocabularyFiles | None:
    try:
        meta = json.loads(_vocab_path(folder, generation).read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or meta.get("generation") != generation or meta.get("segments") != segments:
            return None
        return VocabularyFiles(folder, generation, meta["shards"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remove_stale(folder: Path, generation: int, segments: list[str]) -> None:
    """Delete files of other versions and of segments this version no longer has."""
    keep_segments = set(segments)
    now = time.time()
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for p in entries:
        name = p.name
        stale = False
        if name.startswith((_VERSION_PREFIX, _VOCAB_PREFIX)):
            stem = name.split("-")[2].split(".")[0]
            stale = stem != str(generation)
        elif name.startswith(_SEG_PREFIX):
            stale = name[len(_SEG_PREFIX):].rsplit(".", 1)[0] not in keep_segments
        elif name.startswith(_TMP_PREFIX):
            try:
                stale = now - p.stat().st_mtime > _STALE_TMP_SECONDS
            except OSError:
                continue
        if stale:
            try:
                p.unlink()
            except OSError:
                pass


# -- what the engine calls ----------------------------------------------------------------------------
class Derived:
    """The derived data of one open index version: loaded from its files, else built from the
    reader (and saved when the folder is writable). Not thread-safe by itself: the engine builds
    each piece once under its version lock."""

    def __init__(self, folder: Path, reader):
        self.folder = Path(folder)
        self.reader = reader
        self.generation = reader.generation()
        self.leaves = list(reader.leaf_readers())
        self.segments = [_segment_id(leaf) for leaf, _ in self.leaves]
        self.n = reader.doc_count_all()
        self._parts: list[SegmentPart] | None = None

    def parts(self) -> list[SegmentPart]:
        if self._parts is None:
            parts = []
            for leaf, _ in self.leaves:
                sid = _segment_id(leaf)
                part = load_part(self.folder, sid, leaf.doc_count_all())
                if part is None:
                    part = build_part(leaf)
                    _try(save_part, self.folder, part)
                parts.append(part)
            self._parts = parts
        return self._parts

    def version(self) -> VersionData:
        data = load_version(self.folder, self.generation, self.segments, self.n)
        if data is None:
            data = join_parts(self.parts(), live_mask(self.reader), self.generation)
            _try(save_version, self.folder, data)
            _try(remove_stale, self.folder, self.generation, self.segments)
        return data

    def vocabulary(self) -> Vocabulary:
        """The index terms grouped by folded form (kb.search.vocab), read from the saved shards
        when they exist, else built from the segments' parts (and saved)."""
        files = load_vocabulary(self.folder, self.generation, self.segments)
        if files is not None:
            return Vocabulary(self.reader, load_shard=_shard_or_nothing(files))
        groups = group_terms(*join_vocabulary(self.parts()))
        _try(save_vocabulary, self.folder, self.generation, self.segments, groups)
        return Vocabulary(self.reader, groups)


def _shard_or_nothing(files: VocabularyFiles):
    def load(shard: str) -> tuple[Groups, Groups]:
        try:
            return files(shard)
        except (OSError, ValueError, KeyError, TypeError):  # a shard removed under us: no suggestions from it
            return {}, {}

    return load


def _try(fn, *args) -> None:
    """Derived files are a cache: a folder that cannot be written (read-only media, full disk)
    only means the next process builds them again."""
    try:
        fn(*args)
    except OSError:
        pass


def prepare(index_dir: Path, indexname: str) -> None:
    """Write the derived files of the index's current version (after a commit)."""
    from whoosh import index as windex

    ix = windex.open_dir(str(index_dir), indexname=indexname)
    try:
        with ix.reader() as reader:
            d = Derived(Path(index_dir).resolve(), reader)
            d.version()
            d.vocabulary()
    finally:
        ix.close()
