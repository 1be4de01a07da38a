"""The one module that depends on Whoosh's private names (whoosh-reloaded 2.7.5, checked at import).

Everything else in kb/ uses Whoosh's public API only, and imports what needs internals from here.
What this module relies on, beyond the public API:
- whoosh.writing.SegmentWriter internals, for FastSegmentWriter: `_check_state`, `_doc_boost`,
  `_field_boost`, `_check_fields`, `_merge_segments`, `_commit_toc`, `_finish`, `_close_segment`,
  `_tempstorage`, `_added`, `_lk` (the writer lock: False for a worker's writer, whose parent holds
  the lock), `newsegment`, `perdocwriter`, `fieldwriter`, the per-document writer's `_docnum` and its
  `add_field`, the field writer's `_postfile`, `_tindex`, `_fieldid`, `_codec` (and the codec's
  `_blocklimit`, `_compression`, `_inlinelimit`), and the segment's `_doccount`/`_deleted`;
- the W3 codec's on-disk layout: WHOOSH3_HEADER_MAGIC, W3TermInfo and its `_struct`, the posting
  block header as whoosh/codec/whoosh3.py writes it, whoosh.system's pack helpers and
  whoosh.util.numeric's length byte encoding;
- the W3 posting matcher's block API: `_read_ids`, `_read_weights`, `_ids`, `_weights`,
  `_next_block` (read_leaf_postings);
- the TOC file names `_<indexname>_<generation>.toc` (index_generation).
tests/test_fastwriter.py checks FastSegmentWriter's segments against Whoosh's own writer, and
read_leaf_postings against the public matcher API, so a version change that breaks one fails there.

FastSegmentWriter: a Whoosh segment writer that keeps postings in memory instead of Whoosh's
sorting pool. Whoosh's own SegmentWriter analyses each field through generator tokens, pickles every
posting into an external-sort pool, and at commit looks up each posting's field length again
through the length column before writing it: about 3/4 of our indexing time (profiled on the news
corpus). This writer produces the same segment files through the same codec (W3), with three
changes:

- the two text views (`w`, `s`) are analysed in one pass over the lower-cased text
  (kb.text.tokenize.word_and_syllable_tokens), giving exactly the tokens of
  kb.search.analysis's tokenizers;
- postings go into per-term lists in memory (flat [docnum, weight, value, ...] triples), and a
  segment is written when they reach `max_postings`, so memory stays bounded and one writer can
  produce several segments;
- posting blocks are written from those lists directly, with the lengths kept from `add_field`.

Everything else (stored fields, columns, lengths, deletions through `update_document`, the merge
policy, the TOC) is Whoosh's own code.
"""

from __future__ import annotations

import os
import pickle
import zlib
from collections import Counter
from importlib import metadata
from itertools import pairwise
from pathlib import Path

import numpy as np
from whoosh import formats
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.filedb.filestore import RamStorage
from whoosh.reading import TermNotFound
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from kb.search.analysis import SyllableTokenizer, WordTokenizer
from kb.text.normalize import lower_same_length
from kb.text.tokenize import syllable_tokens, word_and_syllable_tokens, word_tokens

WHOOSH_DIST = "Whoosh-Reloaded"
WHOOSH_PINNED = "2.7.5"


def check_version(installed: str | None = None) -> None:
    """Refuse to run on a Whoosh whose internals this module was not written against."""
    if installed is None:
        try:
            installed = metadata.version(WHOOSH_DIST)
        except metadata.PackageNotFoundError:
            installed = "not installed"
    if installed != WHOOSH_PINNED:
        raise ImportError(
            f"kb needs {WHOOSH_DIST}=={WHOOSH_PINNED} (found {installed}): run `make install` or "
            f"`pip install {WHOOSH_DIST}=={WHOOSH_PINNED}`; kb/search/whoosh_compat.py relies on its internals."
        )


check_version()

# About 50 bytes of memory per posting (3 list slots, a shared weight and, for positions, one
# small bytes object): 6M postings is roughly 12k news articles and 300 MB.
DEFAULT_MAX_POSTINGS = 6_000_000

# Blocks whose pickle is shorter than this are stored uncompressed: zlib's fixed cost per call
# dominated the writing of the many short posting lists, and saves almost nothing on them.
MIN_COMPRESS = 200

_SMALL = 256
_FLOATS = [float(i) for i in range(_SMALL)]
_UINTS = [pack_uint(i) for i in range(_SMALL)]
# Positions.encode([p]) for the most common case, a word seen once in a document.
_SINGLE = [pack_uint(1) + pickle.dumps([p], 2) for p in range(4096)]


def _single_position_value(pos: int) -> bytes:
    return _SINGLE[pos] if pos < 4096 else pack_uint(1) + pickle.dumps([pos], 2)


def _fast_kind(field) -> str | None:
    """"freq" or "pos" when a field can take the fast path, else None (generic Whoosh path)."""
    fmt = field.format
    if getattr(fmt, "field_boost", 1.0) != 1.0 or field.vector or field.separate_spelling():
        return None
    if not isinstance(field.analyzer, (WordTokenizer, SyllableTokenizer)):
        return None
    if type(fmt) is formats.Frequency:
        return "freq"
    if type(fmt) is formats.Positions:
        return "pos"
    return None


def _view(field) -> int:
    """0: the field indexes words (WordTokenizer), 1: syllables."""
    return 0 if isinstance(field.analyzer, WordTokenizer) else 1


def _tokens_of(value: str, views: set[int]) -> tuple[list[str] | None, list[str] | None]:
    """The word and/or syllable tokens of a field value, as the views asked for."""
    low = lower_same_length(value)
    if len(views) == 2:
        return word_and_syllable_tokens(low)
    return (word_tokens(low), None) if 0 in views else (None, syllable_tokens(low))


class FastSegmentWriter(SegmentWriter):
    def __init__(self, ix, max_postings: int = DEFAULT_MAX_POSTINGS, **kwargs):
        kwargs.setdefault("limitmb", 16)  # Whoosh's pool is created but never filled
        super().__init__(ix, **kwargs)
        # Whoosh's writer empties its temporary folder ("<index>.tmp") when it finishes. That
        # folder is shared with the per-document writer's column files, of this writer and of any
        # other writer working on the same index at the same time (a parallel rebuild or ingest),
        # and this writer keeps nothing there: give it a private, in-memory one to empty instead.
        self._tempstorage = RamStorage()
        self.max_postings = max_postings
        self._kinds = {name: _fast_kind(field) for name, field in self.schema.items()}
        self._views = {name: _view(self.schema[name]) for name, kind in self._kinds.items() if kind}
        self._rolled: list = []  # segments already written by this writer
        self._fresh_segment_state()

    # -- per-segment state ------------------------------------------------------------------------
    def _fresh_segment_state(self) -> None:
        self.pool.cleanup()
        self.pool = _MemoryPool()
        self._lengths: dict[str, dict[int, int]] = {}
        pdw = self.perdocwriter
        original = pdw.add_field
        lengths = self._lengths

        def add_field(fieldname, fieldobj, value, length):
            # Keep each document's field length (needed for every posting's block statistics)
            # instead of reading it back from the length column at flush time.
            if length:
                lengths.setdefault(fieldname, {})[pdw._docnum] = length
            original(fieldname, fieldobj, value, length)

        pdw.add_field = add_field

    def _roll_segment(self) -> None:
        """Write the segment in progress and start a new one in the same writer."""
        self._rolled.append(self._finalize_segment())
        self.newsegment = self.codec.new_segment(self.storage, self.indexname)
        self.perdocwriter = self.codec.per_document_writer(self.storage, self.newsegment)
        self.fieldwriter = self.codec.field_writer(self.storage, self.newsegment)
        self.docnum = self.docbase
        self._added = False
        self._fresh_segment_state()

    # -- adding documents ---------------------------------------------------------------------------
    def add_document(self, **fields):
        self._check_state()
        schema = self.schema
        pdw = self.perdocwriter
        docnum = self.docnum
        pool = self.pool
        docboost = self._doc_boost(fields)
        names = sorted(n for n in fields if not n.startswith("_"))
        self._check_fields(schema, names)
        pdw.start_doc(docnum)
        # The same text is often given to a word field and a syllable field (title + text): it is
        # tokenised once for both.
        views = self._views
        wanted: dict[int, set[int]] = {}
        for name in names:
            value = fields[name]
            if name in views and isinstance(value, str):
                wanted.setdefault(id(value), set()).add(views[name])
        tokenised: dict[int, tuple] = {}
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if field.indexed:
                    kind = self._kinds[name]
                    if kind and isinstance(value, str) and self._field_boost(fields, name, docboost) == 1.0:
                        got = tokenised.get(id(value))
                        if got is None:
                            got = tokenised[id(value)] = _tokens_of(value, wanted[id(value)])
                        tokens = got[views[name]]
                        length = len(tokens)
                        if kind == "freq":
                            pool.add_frequencies(name, docnum, tokens)
                        else:
                            pool.add_positions(name, docnum, tokens)
                    else:
                        boost = self._field_boost(fields, name, docboost)
                        scorable = field.scorable
                        for tbytes, freq, weight, vbytes in field.index(value):
                            if scorable:
                                length += freq
                            pool.add((name, tbytes, docnum, weight * boost, vbytes))
                if field.separate_spelling() or field.vector:
                    raise ValueError(f"FastSegmentWriter does not write spelling or vectors ({name})")
                custom = fields.get(f"_stored_{name}", value)
                pdw.add_field(name, field, custom if field.stored else None, length)
                column = field.column_type
                if column and custom is not None:
                    pdw.add_column_value(name, column, field.to_column_value(custom))
        except Exception:
            pdw.cancel_doc()
            raise
        pdw.finish_doc()
        self._added = True
        self.docnum += 1
        if pool.count >= self.max_postings:
            self._roll_segment()

    # -- writing ------------------------------------------------------------------------------------
    def _flush_segment(self):
        self.perdocwriter.close()
        fw = self.fieldwriter
        codec = fw._codec
        blocklimit = getattr(codec, "_blocklimit", 128)
        compression = getattr(codec, "_compression", 3)
        for name in self.pool.field_names():
            terms = self.pool.terms_of(name)
            if not terms:
                continue
            fieldobj = self.schema[name]
            fw.start_field(name, fieldobj)
            _write_field(fw, fieldobj.format, terms, self._lengths.get(name, {}), self.docnum, blocklimit, compression,
                         self.pool.unordered.get(name, False))
            fw.finish_field()
        fw.close()

    def commit(self, mergetype=None, optimize=None, merge=None):
        self._check_state()
        segments = self._merge_segments(mergetype, optimize, merge)
        segments.extend(self._rolled)
        if self._added:
            segments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(segments)
        self._finish()
        try:  # the shared temporary folder, if no other writer is using it
            os.rmdir(os.path.join(self.storage.folder, f"{self.indexname}.tmp"))
        except (OSError, AttributeError):
            pass

    def finish_segments(self) -> list:
        """Write what is pending and return this writer's segments without touching the index's
        table of contents: for a rebuild where several processes write parts of one index and
        the parent commits them together (see kb.search.writer.rebuild_aside)."""
        self._check_state()
        segments = list(self._rolled)
        if self._added:
            segments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._finish()
        return segments

    def commit_segments(self, segments: list) -> None:
        """Commit segments written by other writers (finish_segments) as the index's content."""
        self._rolled.extend(segments)
        self.commit(merge=False)

    def cancel(self):
        super().cancel()
        # Whoosh leaves a cancelled segment's files for the next commit to clean; remove them now,
        # with the segments this writer already cut.
        for seg in [*self._rolled, self.newsegment]:
            for name in seg.list_files(self.storage):
                try:
                    self.storage.delete_file(name)
                except OSError:
                    pass


class _MemoryPool:
    """Postings by field and term text, as flat [docnum, weight, value, ...] lists; replaces
    Whoosh's PostingPool (same `add` signature, used by merges through `add_reader`). Terms are
    kept as str and encoded once when written: sorting str by code point is sorting their UTF-8
    bytes."""

    def __init__(self):
        self.fields: dict[str, dict[str, list]] = {}  # fast path: term text -> postings
        self.raw: dict[str, dict[bytes, list]] = {}  # generic path (and merges): term bytes -> postings
        self.unordered: dict[str, bool] = {}
        self.count = 0

    def field_names(self) -> list[str]:
        return sorted(set(self.fields) | set(self.raw))

    def terms_of(self, name: str) -> dict[bytes, list]:
        """Every term of a field as bytes -> postings (new documents' postings first)."""
        out = {t.encode("utf-8"): p for t, p in self.fields.get(name, {}).items()}
        for tbytes, postings in self.raw.get(name, {}).items():
            got = out.get(tbytes)
            if got is None:
                out[tbytes] = postings
            else:
                if postings[0] < got[-3]:
                    self.unordered[name] = True
                out[tbytes] = got + postings
        return out

    @staticmethod
    def _terms(fields: dict, name: str) -> dict:
        terms = fields.get(name)
        if terms is None:
            terms = fields[name] = {}
        return terms

    def add(self, item) -> None:
        name, tbytes, docnum, weight, vbytes = item
        terms = self._terms(self.raw, name)
        lst = terms.get(tbytes)
        if lst is None:
            terms[tbytes] = [docnum, weight, vbytes]
        else:
            if docnum < lst[-3]:
                self.unordered[name] = True
            lst += (docnum, weight, vbytes)
        self.count += 1

    def add_frequencies(self, name: str, docnum: int, tokens: list[str]) -> None:
        terms = self._terms(self.fields, name)
        get = terms.get
        counts = Counter(tokens)
        for word, freq in counts.items():
            item = (docnum, _FLOATS[freq], _UINTS[freq]) if freq < _SMALL else (docnum, float(freq), pack_uint(freq))
            lst = get(word)
            if lst is None:
                terms[word] = list(item)
            else:
                lst += item
        self.count += len(counts)

    def add_positions(self, name: str, docnum: int, tokens: list[str]) -> None:
        terms = self._terms(self.fields, name)
        get = terms.get
        counts = Counter(tokens)
        last = dict(zip(tokens, range(len(tokens)), strict=True))  # the position of words seen once
        multi: dict[str, list[int]] = {}
        if len(counts) < len(tokens):
            multi = {word: [] for word, c in counts.items() if c > 1}
            mget = multi.get
            for i, word in enumerate(tokens):
                got = mget(word)
                if got is not None:
                    got.append(i)
        single = _single_position_value
        dumps = pickle.dumps
        for word, c in counts.items():
            if c == 1:
                item = (docnum, 1.0, single(last[word]))
            else:
                poses = multi[word]
                deltas = [poses[0]]
                deltas += [b - a for a, b in pairwise(poses)]
                item = (docnum, _FLOATS[c] if c < _SMALL else float(c), pack_uint(c) + dumps(deltas, 2))
            lst = get(word)
            if lst is None:
                terms[word] = list(item)
            else:
                lst += item
        self.count += len(counts)

    def cleanup(self) -> None:
        self.fields.clear()
        self.raw.clear()


def _write_field(fw, fmt, terms: dict[bytes, list], lengths: dict[int, int], doccount: int, blocklimit: int,
                 compression: int, unordered: bool) -> None:
    """Write every term of one field: posting blocks in the W3 layout, then its term info.

    The layout is W3PostingsWriter's and W3TermInfo.to_bytes's, with two differences the reader
    does not see: a block's data is pickled with protocol 4 (protocol 2, Whoosh's choice, encodes
    every bytes value through a latin-1 str and was a third of the writing time), and blocks whose
    pickle is under MIN_COMPRESS bytes are stored uncompressed (each block records its own
    compression level, which the reader honours).
    """
    postfile = fw._postfile
    tindex_add = fw._tindex.add
    fieldkey = pack_ushort(fw._fieldid)
    fixed = fmt.fixed_value_size()
    dumps = pickle.dumps
    compress = zlib.compress
    pack_info = W3TermInfo._struct.pack
    # The length Whoosh would read back for a document: quantised through the length byte.
    # (0: no length, which the reader reports as None.)
    qlen = [0] * doccount
    for d, n in lengths.items():
        lb = length_to_byte(n)
        qlen[d] = byte_to_length(lb) if lb else 0
    qget = qlen.__getitem__
    has_lengths = bool(lengths)
    offset = postfile.tell()
    for tbytes in sorted(terms):
        flat = terms[tbytes]
        ids = flat[0::3]
        weights = flat[1::3]
        values = flat[2::3]
        if unordered and any(b < a for a, b in pairwise(ids)):
            order = sorted(range(len(ids)), key=ids.__getitem__)
            ids = [ids[i] for i in order]
            weights = [weights[i] for i in order]
            values = [values[i] for i in order]
        n = len(ids)
        out = [WHOOSH3_HEADER_MAGIC]
        t_minlen = None
        t_maxlen = 0
        t_maxweight = 0
        for b0 in range(0, n, blocklimit):
            b1 = b0 + blocklimit
            if b1 >= n:
                b1 = n
                bids, bweights, bvalues = (ids, weights, values) if b0 == 0 else (ids[b0:], weights[b0:], values[b0:])
            else:
                bids, bweights, bvalues = ids[b0:b1], weights[b0:b1], values[b0:b1]
            if has_lengths:
                blens = list(map(qget, bids))
                minlen = min(blens)
                if not minlen:
                    blens = list(filter(None, blens))
                    minlen = min(blens) if blens else None
                maxlen = max(blens) if blens else 0
            else:
                minlen, maxlen = None, 0
            maxweight = max(0, max(bweights))
            if minlen is not None and (t_minlen is None or minlen < t_minlen):
                t_minlen = minlen
            if maxlen > t_maxlen:
                t_maxlen = maxlen
            if maxweight > t_maxweight:
                t_maxweight = maxweight
            if len(bids) == 1:
                deltas = (bids[0],)
            else:
                deltas = [bids[0]]
                deltas += [b - a for a, b in pairwise(bids)]
                deltas = tuple(deltas)
            w0 = bweights[0]
            nb = len(bweights)
            if w0 == 1.0 and bweights.count(1.0) == nb:
                mini_w = None
            elif bweights.count(w0) == nb:
                mini_w = float(w0)
            else:
                mini_w = tuple(map(float, bweights))
            if fixed is None or fixed < 0:
                mini_v = tuple(filter(None, bvalues))
            elif fixed == 0:
                mini_v = None
            else:
                mini_v = b"".join(filter(None, bvalues))
            data = dumps((deltas, mini_w, mini_v), 4)
            comp = compression if len(data) >= MIN_COMPRESS else 0
            if comp:
                data = compress(data, comp)
            infobytes = dumps((b1 - b0, bids[-1], maxweight, comp,
                               length_to_byte(minlen), length_to_byte(maxlen)), 2)
            size = len(infobytes) + len(data)
            out.append(pack_int(-size if b1 == n else size))
            out.append(infobytes)
            out.append(data)
        buf = b"".join(out)
        postfile.write(buf)
        # W3TermInfo.to_bytes for a posting list stored in the postings file.
        info = pack_info(False, float(sum(weights)), n,
                         0 if t_minlen is None else length_to_byte(t_minlen), length_to_byte(t_maxlen),
                         t_maxweight, ids[0], ids[-1]) + pack_long(offset) + pack_int(len(buf))
        tindex_add(fieldkey + tbytes, info)
        offset += len(buf)


def worker_writer(ix) -> FastSegmentWriter:
    """A segment writer for a worker process whose parent holds the index's writer lock: it writes
    segment files only, and the parent commits them (FastSegmentWriter.finish_segments)."""
    return FastSegmentWriter(ix, compound=False, _lk=False)


def read_leaf_postings(leaf, field: str, term: str) -> tuple[np.ndarray, np.ndarray] | None:
    """(docnums, weights) of a term in one segment reader, or None when the segment lacks it.

    W3 matchers decode a whole block of ids and weights at once; they are read block by block.
    Any other matcher (none with the pinned Whoosh) is read through the public API.
    """
    try:
        m = leaf.postings(field, term)
    except TermNotFound:
        return None
    if hasattr(m, "_read_ids") and hasattr(m, "_next_block"):
        ids: list = []
        tfs: list = []
        while m.is_active():
            m._read_ids()
            m._read_weights()
            ids.append(np.asarray(m._ids, dtype=np.int64))
            tfs.append(np.asarray(m._weights, dtype=np.float32))
            m._next_block()
        if not ids:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        return np.concatenate(ids), np.concatenate(tfs)
    out_ids, out_tfs = [], []
    while m.is_active():
        out_ids.append(m.id())
        out_tfs.append(m.weight())
        m.next()
    return np.asarray(out_ids, dtype=np.int64), np.asarray(out_tfs, dtype=np.float32)


def index_generation(path: Path, indexname: str) -> tuple[str, ...]:
    """The TOC files of an index directory: they change at every commit (a cheap change check)."""
    return tuple(sorted(p.name for p in Path(path).resolve().glob(f"_{indexname}_*.toc")))
