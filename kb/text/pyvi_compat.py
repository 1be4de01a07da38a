"""The one place that knows pyvi's and python-crfsuite's internals: kb.text.segment imports only this.

We use pyvi's trained word-segmentation model, not its code: the CRF and the n-gram list are read
straight from pyvi's package files, so `pyvi.ViTokenizer` is never imported. Importing it would
unpickle the CRF through sklearn_crfsuite, which writes the model to a temp file (model*.crfsuite
in $TMPDIR) removed only at a clean interpreter exit: every killed process left one behind.

What this module relies on, checked by exact version pins at import (PYVI_VERSION,
PYCRFSUITE_VERSION) and by tests/test_pyvi_compat.py, which compares it with pyvi's own tokenizer:

- pyvi's package directory (found with importlib.util.find_spec, which runs none of pyvi's code)
  holds models/pyvi3.pkl (the CRF, for Python 3) and models/words.txt (UTF-8, one known word per
  "\\n"-separated line, syllables separated by single spaces; pyvi keeps the 2- and 3-syllable
  lines as its bigram and trigram sets).
- models/pyvi3.pkl is a protocol-2 pickle of a `sklearn_crfsuite.estimator.CRF`. The model lives
  in that object's state attribute `modelfile`, a `sklearn_crfsuite._fileresource.FileResource`
  whose pickled state carries the bytes of the crfsuite model file under the key
  "__FILE_RESOURCE_DATA__" (the key FileResource.__getstate__ writes; its __setstate__ is what
  writes the temp file). The pickle stores those bytes as `_codecs.encode(text, "latin1")`, and
  also refers to `numpy.core.multiarray.scalar` and `numpy.dtype` (the c1, c2 floats) and
  `pycrfsuite._logparser.TrainLogParser` (the training log): all read and thrown away. Any other
  global is refused, so the file can never run code.
- The feature names pyvi's `ViTokenizer.word2features` trained the CRF with (the byte constants
  below) and its labels, "B_W" (a word starts) and "I_W" (inside a word).
- python-crfsuite: `Tagger.open_inmemory(bytes)` reads the model from that very buffer without
  copying it (the buffer must outlive the tagger), and `Tagger.tag(items)` takes each item as a
  sequence of attribute names with weight 1, bytes used as they are (a str would be encoded as
  UTF-8). A feature dict such as pyvi's becomes the attribute "name:value" for a str value and
  "name" weighted 1 or 0 for a boolean; the constants below are those attribute names.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import io
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

PYVI_VERSION = "0.1.1"
PYCRFSUITE_VERSION = "0.9.12"
# Distribution name -> the one version whose internals this module knows.
PINNED_VERSIONS = {"pyvi": PYVI_VERSION, "python-crfsuite": PYCRFSUITE_VERSION}


def check_versions(version_of: Callable[[str], str] = importlib.metadata.version) -> None:
    """Raise ImportError unless every pinned distribution is installed at exactly its pinned version."""
    for dist, pinned in PINNED_VERSIONS.items():
        try:
            installed: str | None = version_of(dist)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != pinned:
            found = f"{dist} {installed} is installed" if installed else f"{dist} is not installed"
            raise ImportError(
                f"kb's word segmentation relies on the internals of {dist} {pinned} but {found}: "
                f"run `pip install {dist}=={pinned}`."
            )


check_versions()

import pycrfsuite  # noqa: E402 - only once its version is known to be the one described above

# Attribute names of pyvi's features. Those ending in ":" take the lower-cased token as UTF-8
# bytes after them (see attribute_value); the others are boolean features, present when true.
BIAS = b"bias"
WORD_LOWER = b"word.lower():"
WORD_ISUPPER = b"word.isupper()"
WORD_ISTITLE = b"word.istitle()"
WORD_ISDIGIT = b"word.isdigit()"
PREV_WORD_LOWER = b"-1:word.lower():"
PREV_WORD_ISTITLE = b"-1:word.istitle()"
PREV_WORD_ISUPPER = b"-1:word.isupper()"
NEXT_WORD_LOWER = b"+1:word.lower():"
NEXT_WORD_ISTITLE = b"+1:word.istitle()"
NEXT_WORD_ISUPPER = b"+1:word.isupper()"
BIGRAM_ENDS_HERE = b"-1:word.bi_gram()"  # the previous token and this one are a known word
TRIGRAM_ENDS_HERE = b"-2:word.tri_gram()"  # the two previous tokens and this one
BIGRAM_STARTS_HERE = b"+1:word.bi_gram()"  # this token and the next one
TRIGRAM_STARTS_HERE = b"+2:word.tri_gram()"  # this token and the two next ones
INSIDE_WORD = "I_W"  # the label of a token that continues the word of the one before it

_MODEL_FILE = "models/pyvi3.pkl"
_WORDS_FILE = "models/words.txt"
_CRFSUITE_MAGIC = b"lCRF"

Bigrams = dict[str, set[str]]
Trigrams = dict[str, dict[str, set[str]]]


def attribute_value(text: str) -> bytes:
    """`text` as pycrfsuite would encode a str feature value (UTF-8); a lone surrogate, which
    pycrfsuite would reject, is kept as its own bytes, so hostile text never fails."""
    return text.encode("utf-8", "surrogatepass")


class Tagger(pycrfsuite.Tagger):
    """A pycrfsuite tagger that owns the buffer it was opened from: crfsuite reads the model from
    that memory for as long as the tagger lives."""

    __slots__ = ("_model_bytes",)

    def open_model(self, model_bytes: bytes) -> None:
        self._model_bytes = model_bytes
        self.open_inmemory(model_bytes)


class SegmenterModel(NamedTuple):
    """The CRF tagger and pyvi's n-grams, indexed so that checking two or three tokens needs no
    joined string: a known bigram "a b" as {a: {b, ...}}, a known trigram "a b c" as
    {a: {b: {c, ...}}}."""

    tagger: Tagger
    bigrams: Bigrams
    trigrams: Trigrams


def load_model() -> SegmenterModel:
    """pyvi's tokenizer model, read from its package files, with no temp file and no pyvi code run."""
    package = pyvi_package_dir()
    tagger = Tagger()
    tagger.open_model(crf_model_bytes((package / _MODEL_FILE).read_bytes()))
    bigrams, trigrams = read_ngrams(package / _WORDS_FILE)
    return SegmenterModel(tagger, bigrams, trigrams)


def pyvi_package_dir() -> Path:
    # find_spec of a top-level package locates it without executing its __init__.
    spec = importlib.util.find_spec("pyvi")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"pyvi is not installed: run `pip install pyvi=={PYVI_VERSION}`.")
    return Path(next(iter(spec.submodule_search_locations)))


def read_ngrams(path: Path) -> tuple[Bigrams, Trigrams]:
    """pyvi's 2- and 3-syllable known words, split exactly as pyvi splits them."""
    bigrams: Bigrams = {}
    trigrams: Trigrams = {}
    for line in path.read_bytes().decode("utf-8").split("\n"):
        syllables = line.split(" ")
        if len(syllables) == 2:
            bigrams.setdefault(syllables[0], set()).add(syllables[1])
        elif len(syllables) == 3:
            trigrams.setdefault(syllables[0], {}).setdefault(syllables[1], set()).add(syllables[2])
    return bigrams, trigrams


def crf_model_bytes(pickled: bytes) -> bytes:
    """The crfsuite model file inside pyvi's pickled sklearn_crfsuite CRF."""
    crf = _CRFUnpickler(pickled).load()
    model = crf.model if isinstance(crf, _CRF) else None
    if not isinstance(model, bytes) or not model.startswith(_CRFSUITE_MAGIC):
        raise pickle.UnpicklingError("the pickle holds no sklearn_crfsuite CRF with a crfsuite model")
    return model


class _CRF:
    """Stands in for sklearn_crfsuite.estimator.CRF: keeps the model bytes, drops the rest."""

    model: bytes | None = None

    def __setstate__(self, state: dict[str, Any]) -> None:
        modelfile = state.get("modelfile")
        if isinstance(modelfile, _FileResource):
            self.model = modelfile.data


class _FileResource:
    """Stands in for sklearn_crfsuite._fileresource.FileResource: keeps the file's bytes instead
    of writing them to a temp file."""

    data: bytes | None = None

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.data = state.get("__FILE_RESOURCE_DATA__")


class _Discarded:
    """Whatever else the pickle builds (numpy floats, the training log): accepted and ignored."""

    def __init__(self, *args: object) -> None:
        pass

    def __setstate__(self, state: object) -> None:
        pass


def _latin1_bytes(text: str, encoding: str) -> bytes:
    # Protocol 2 pickles store bytes as _codecs.encode(text, "latin1"); nothing else is allowed.
    if encoding != "latin1":
        raise pickle.UnpicklingError(f"unexpected encoding {encoding!r} in the model pickle")
    return text.encode("latin-1")


class _CRFUnpickler(pickle.Unpickler):
    """Reads pyvi's CRF pickle with stand-ins for the few globals it names, and refuses any other."""

    _GLOBALS: dict[tuple[str, str], Any] = {
        ("sklearn_crfsuite.estimator", "CRF"): _CRF,
        ("sklearn_crfsuite._fileresource", "FileResource"): _FileResource,
        ("_codecs", "encode"): _latin1_bytes,
        ("numpy.core.multiarray", "scalar"): _Discarded,
        ("numpy", "dtype"): _Discarded,
        ("pycrfsuite._logparser", "TrainLogParser"): _Discarded,
    }

    def __init__(self, pickled: bytes) -> None:
        super().__init__(io.BytesIO(pickled))

    def find_class(self, module: str, name: str) -> Any:
        try:
            return self._GLOBALS[module, name]
        except KeyError:
            raise pickle.UnpicklingError(f"refusing the global {module}.{name} in pyvi's model pickle") from None
