"""Score the metadata extractor (people, agencies, places) against the hand-labelled dev set.

Usage:
    python bench/extract_eval.py [--dev bench/extract_dev.jsonl] [--data PATH] [--seed PATH]
                                 [--markdown FILE] [--show-errors]

The dev set stores only document ids and labels. Article text is read at run time from the news
data file (JSON lines, optionally gzipped) or, for the id ``seed:announcement-example``, from the
user's example announcement (title = first non-empty line, text = the rest).

Exits 0 with a message when the data file is missing or the extractor cannot be imported yet.
See bench/README-extract.md for the labelling conventions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DEVS = [
    REPO_ROOT / "bench" / "extract_dev.jsonl",
    REPO_ROOT / "bench" / "extract_dev2.jsonl",
    REPO_ROOT / "bench" / "extract_dev3.jsonl",
    REPO_ROOT / "bench" / "extract_dev4.jsonl",
    REPO_ROOT / "bench" / "extract_dev5.jsonl",
    REPO_ROOT / "bench" / "extract_dev6.jsonl",
]
# Sets kept blind: scored, but their errors are never listed, so nobody tunes on them by accident.
BLIND_SETS: frozenset[str] = frozenset({"extract_dev20.jsonl", "extract_dev22.jsonl"})  # sets 7 to 19 and 21 were each scored blind once or more (RESULTS), then opened
DEFAULT_DATA = Path("/work/shared/data/news-vi-2017.jsonl.gz")
DEFAULT_SEED = Path("/work/shared/seed/announcement-example.txt")
SEED_PREFIX = "seed:"
CORPUS_PREFIX = "corpus:"  # a file of the sample corpus: corpus:<file name>
CORPUS_DIR = REPO_ROOT / "corpus"

# ---------------------------------------------------------------------------------------------
# Normalisation (applied to gold and predicted strings alike)
# ---------------------------------------------------------------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
# New-style tone placement on open "oa", "oe", "uy" syllables ("hoà", "khoẻ", "thuỷ", "uỷ"),
# not after "q" ("quý" is the same in both styles) and not followed by another letter ("toán").
_NEW_STYLE = re.compile(r"(?<![qQ])([oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])")
# Typographic apostrophes/quotes and dashes (written as escapes to keep the source ASCII-clear).
_QUOTES = str.maketrans(dict.fromkeys("\u2018\u2019\u02bc`", "'") | dict.fromkeys("\u201c\u201d", '"'))
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))

# Common abbreviations of department names, expanded so that "Sở GD&ĐT", "Sở GD-ĐT" and
# "Sở Giáo dục và Đào tạo" compare equal. Applied to casefolded text without commas.
_ABBREVIATIONS: list[tuple[str, str]] = [
    (r"gd\s*[&-]?\s*đt", "giáo dục và đào tạo"),
    (r"kh\s*[&-]?\s*đt", "kế hoạch và đầu tư"),
    (r"tn\s*[&-]?\s*mt|tài nguyên môi trường", "tài nguyên và môi trường"),
    (r"nn\s*[&-]?\s*ptnt", "nông nghiệp và phát triển nông thôn"),
    (r"lđ\s*-?\s*tb\s*[&-]?\s*xh", "lao động-thương binh và xã hội"),
    (r"gtvt|giao thông và vận tải", "giao thông vận tải"),
    (r"vh\s*-?\s*tt\s*[&-]?\s*dl|vhttdl", "văn hóa thể thao và du lịch"),
    (r"vhtt|văn hóa và thể thao", "văn hóa thể thao"),
    (r"atvstp", "an toàn vệ sinh thực phẩm"),
    (r"csđt", "cảnh sát điều tra"),
    (r"ubkt|ub kiểm tra", "ủy ban kiểm tra"),
    (r"tand", "tòa án nhân dân"),
    (r"(?:viện\s+)?ksnd|vksnd", "viện kiểm sát nhân dân"),
    (r"mttq", "mặt trận tổ quốc"),
]
_ABBREVIATION_RES = [
    (re.compile(rf"(?<![^\W_])(?:{pattern})(?![^\W_])"), expansion) for pattern, expansion in _ABBREVIATIONS
]

# Phrase rewrites, applied in order after the abbreviations.
_REWRITES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\s*&\s*"), " và "),
    (re.compile(r"ủy ban nhân dân"), "ubnd"),
    (re.compile(r"hội đồng nhân dân"), "hđnd"),
    (re.compile(r"ủy ban mặt trận tổ quốc"), "ubmttq"),
    (re.compile(r"\btp\.?\s*hcm\b|\btphcm\b"), "thành phố hồ chí minh"),
    (re.compile(r"\btp\b\.?\s*"), "thành phố "),
    # The traffic police's road and rail division, written five ways: one name.
    (re.compile(r"đường bộ\s*(?:-|và)?\s*đường sắt"), "đường bộ-đường sắt"),
    # A council's two-field boards, with or without the dash: "Ban Văn hóa - Xã hội", "Ban Văn hóa xã hội".
    (re.compile(r"(văn hóa|kinh tế)\s*-?\s*(xã hội|ngân sách)"), r"\1-\2"),
    # A regional unit's number, in Roman or Arabic figures: "khu vực 3", "khu vực III".
    (re.compile(r"(khu vực) (i|ii|iii|iv|v)$"), lambda m: f"{m.group(1)} {['i', 'ii', 'iii', 'iv', 'v'].index(m.group(2)) + 1}"),
]
_SPACES = re.compile(r"\s+")
_HYPHEN = re.compile(r"\s*-\s*")


def _move_tone(match: re.Match[str]) -> str:
    first, second = match.group(1)[0], match.group(1)[1]
    decomposed = unicodedata.normalize("NFD", second)
    tone = "".join(c for c in decomposed if c in _TONES)
    bare = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", first + tone) + unicodedata.normalize("NFC", bare)


def old_style_tones(text: str) -> str:
    """Rewrite new-style tone placement to the old style: "hoà" -> "hòa", "uỷ" -> "ủy"."""
    return _NEW_STYLE.sub(_move_tone, unicodedata.normalize("NFC", text))


def normalize(text: str | None) -> str:
    """Matching key: NFC, old-style tones, casefold, no commas, abbreviations expanded,
    UBND/HĐND/UBMTTQ contracted, "TP"/"TP."/"Tp." -> "thành phố", tidy spaces and hyphens."""
    if not text:
        return ""
    text = old_style_tones(text).translate(_QUOTES).translate(_DASHES).casefold().replace(",", " ")
    text = _SPACES.sub(" ", text).strip()
    for pattern, replacement in _ABBREVIATION_RES:
        text = pattern.sub(replacement, text)
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    text = _HYPHEN.sub("-", text)
    return _SPACES.sub(" ", text).strip(" .;:")


# A trailing locality such as "tỉnh Quảng Nam", "thành phố Hà Nội", "huyện Chư Pah", or a bare
# trailing "tỉnh" ("UBND tỉnh"). The party committees "Tỉnh ủy", "Thành ủy", "Huyện ủy" and
# "Tỉnh Đoàn" are names, not localities.
_LOCALITY = re.compile(r"\s(?:tỉnh|thành phố|huyện|quận|thị xã)(?:\s(?!ủy\b|uỷ\b|đoàn\b)\S.*)?$")


def drop_locality(key: str) -> str:
    """Lenient agency key: a normalised name without its trailing locality."""
    return _LOCALITY.sub("", key).strip()


def roles_match(gold: str | None, pred: str | None) -> bool:
    """Equal after normalisation, or one a word-boundary prefix of the other; null == null."""
    g, p = normalize(gold), normalize(pred)
    if not g or not p:
        return not g and not p
    if g == p:
        return True
    short, long_ = (g, p) if len(g) < len(p) else (p, g)
    return long_.startswith(short) and long_[len(short)] in " ,-("


# A role held in a public body or office (the roles the product is about), as opposed to
# occupations ("tài xế", "HLV") and business posts ("Giám đốc Công ty ...").
_OFFICIAL_ROLE = re.compile(
    r"(?<![^\W_])(?:ubnd|hđnd|ủy ban|tỉnh ủy|thành ủy|huyện ủy|quận ủy|đảng ủy|đảng bộ|sở|bộ|cục|chi cục|"
    r"tổng cục|ban|phòng|văn phòng|thanh tra|công an|tòa án|viện kiểm sát|quốc hội|chính phủ|"
    r"thủ tướng|bộ trưởng|thứ trưởng|chủ tịch nước|tổng bí thư|tổng thống|đại biểu|đại sứ|trung tâm|"
    r"bệnh viện|trường|bộ tư lệnh|quân khu|bộ chỉ huy|đội|mttq|mặt trận|tỉnh trưởng|tổng thư ký)(?![^\W_])"
)
_BUSINESS_ROLE = re.compile(r"(?<![^\W_])(?:công ty|tập đoàn|ngân hàng|doanh nghiệp|hđqt|cửa hiệu)(?![^\W_])")


def is_official(role: str | None) -> bool:
    """True for a role held in a public body or office (gold roles define who is an official)."""
    key = normalize(role)
    return bool(key) and bool(_OFFICIAL_ROLE.search(key)) and not _BUSINESS_ROLE.search(key)


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


@dataclass
class GoldPerson:
    name: str
    role: str | None


@dataclass
class GoldDoc:
    id: str
    people: list[GoldPerson]
    agencies: list[str]  # the facet: the issuer and every mentioned body, not citation-only ones
    places: list[str]
    notes: str = ""
    # Labelled only in records that carry the keys (the first dev file predates them).
    issuer: str | None = None
    has_issuer: bool = False
    cited_agencies: list[str] | None = None


def load_dev(path: Path) -> list[GoldDoc]:
    docs: list[GoldDoc] = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                people = [GoldPerson(p["name"], p.get("role")) for p in raw["people"]]
                cited = raw.get("cited_agencies")
                docs.append(
                    GoldDoc(
                        raw["id"],
                        people,
                        list(raw["agencies"]),
                        list(raw["places"]),
                        raw.get("notes", ""),
                        issuer=raw.get("issuer"),
                        has_issuer="issuer" in raw,
                        cited_agencies=list(cited) if cited is not None else None,
                    )
                )
            except (KeyError, TypeError, json.JSONDecodeError) as exc:
                raise SystemExit(f"{path}:{lineno}: malformed dev record ({exc})") from exc
    return docs


def _open_text(path: Path) -> Iterator[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:  # type: ignore[operator]
        yield from f


def load_articles(data_path: Path, wanted: set[str]) -> dict[str, tuple[str, str]]:
    """Read (title, text) for the wanted ids in one pass over the data file."""
    found: dict[str, tuple[str, str]] = {}
    if not wanted:
        return found
    for line in _open_text(data_path):
        if not line.strip():
            continue
        record = json.loads(line)
        doc_id = record.get("id")
        if doc_id in wanted:
            found[doc_id] = (record.get("title") or "", record.get("text") or "")
            if len(found) == len(wanted):
                break
    return found


def load_seed(seed_path: Path) -> tuple[str, str]:
    """Title = first non-empty line, text = the rest (the user's example and corpus .txt files)."""
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return "", ""
    return lines[0].strip(), "\n".join(lines[1:]).strip()


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    tp: int = 0

    def add(self, gold: int, pred: int, tp: int) -> None:
        self.gold += gold
        self.pred += pred
        self.tp += tp

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocErrors:
    doc_id: str
    missed: dict[str, list[str]] = field(default_factory=dict)  # false negatives per field
    spurious: dict[str, list[str]] = field(default_factory=dict)  # false positives per field
    roles: list[str] = field(default_factory=list)  # role mismatches on matched names
    issuer: str | None = None  # issuer mismatch
    failure: str | None = None


def _unique(values: Iterable[str]) -> dict[str, str]:
    """Normalised key -> first original spelling, dropping empties and duplicates."""
    out: dict[str, str] = {}
    for value in values:
        key = normalize(value)
        if key and key not in out:
            out[key] = value
    return out


def _attr(obj: Any, name: str) -> Any:
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def score_set(gold: Iterable[str], pred: Iterable[str]) -> tuple[int, int, int, list[str], list[str]]:
    g, p = _unique(gold), _unique(pred)
    tp = len(g.keys() & p.keys())
    missed = [g[k] for k in g if k not in p]
    spurious = [p[k] for k in p if k not in g]
    return len(g), len(p), tp, missed, spurious


def lenient_tp(gold: Iterable[str], pred: Iterable[str]) -> int:
    """Exact matches plus one-to-one matches of the remaining items with localities dropped."""
    g, p = set(_unique(gold)), set(_unique(pred))
    exact = g & p
    rest_g = Counter(drop_locality(k) for k in g - exact)
    rest_p = Counter(drop_locality(k) for k in p - exact)
    return len(exact) + sum((rest_g & rest_p).values())


@dataclass
class Report:
    docs: int = 0
    missing: list[str] = field(default_factory=list)
    failures: int = 0
    people: Counts = field(default_factory=Counts)
    agencies: Counts = field(default_factory=Counts)
    agencies_lenient: Counts = field(default_factory=Counts)
    places: Counts = field(default_factory=Counts)
    roles_total: int = 0
    roles_correct: int = 0
    official_total: int = 0
    official_correct: int = 0
    cited: Counts = field(default_factory=Counts)
    issuer_docs: int = 0  # documents whose issuer is labelled (null included)
    issuer_correct: int = 0
    errors: list[DocErrors] = field(default_factory=list)


def evaluate_doc(gold: GoldDoc, meta: Any, report: Report) -> DocErrors:
    errors = DocErrors(gold.id)
    pred_people: list[Any] = []
    pred_agencies: list[str] = []
    pred_places: list[str] = []
    pred_cited: list[str] = []
    pred_issuer: str | None = None
    if meta is not None:
        pred_people = list(_attr(meta, "people") or [])
        pred_agencies = [a for a in (_attr(meta, "agencies") or []) if isinstance(a, str)]
        pred_places = [p for p in (_attr(meta, "places") or []) if isinstance(p, str)]
        pred_cited = [a for a in (_attr(meta, "cited_agencies") or []) if isinstance(a, str)]
        pred_issuer = _attr(meta, "issuer")

    pred_roles: dict[str, str | None] = {}
    pred_names: list[str] = []
    for person in pred_people:
        name = _attr(person, "name")
        if not isinstance(name, str):
            continue
        pred_names.append(name)
        pred_roles.setdefault(normalize(name), _attr(person, "role"))

    n_gold, n_pred, tp, missed, spurious = score_set((p.name for p in gold.people), pred_names)
    report.people.add(n_gold, n_pred, tp)
    errors.missed["people"], errors.spurious["people"] = missed, spurious

    seen: set[str] = set()
    for person in gold.people:
        key = normalize(person.name)
        if key in seen or key not in pred_roles:
            continue
        seen.add(key)
        report.roles_total += 1
        predicted = pred_roles[key]
        official = is_official(person.role)
        report.official_total += official
        if roles_match(person.role, predicted):
            report.roles_correct += 1
            report.official_correct += official
        else:
            errors.roles.append(f"{person.name}: gold={person.role!r} pred={predicted!r}")

    n_gold, n_pred, tp, missed, spurious = score_set(gold.agencies, pred_agencies)
    report.agencies.add(n_gold, n_pred, tp)
    report.agencies_lenient.add(n_gold, n_pred, lenient_tp(gold.agencies, pred_agencies))
    errors.missed["agencies"], errors.spurious["agencies"] = missed, spurious

    n_gold, n_pred, tp, missed, spurious = score_set(gold.places, pred_places)
    report.places.add(n_gold, n_pred, tp)
    errors.missed["places"], errors.spurious["places"] = missed, spurious

    if gold.cited_agencies is not None:
        n_gold, n_pred, tp, missed, spurious = score_set(gold.cited_agencies, pred_cited)
        report.cited.add(n_gold, n_pred, tp)
        errors.missed["cited"], errors.spurious["cited"] = missed, spurious
    if gold.has_issuer:
        report.issuer_docs += 1
        if normalize(gold.issuer) == normalize(pred_issuer):
            report.issuer_correct += 1
        else:
            errors.issuer = f"gold={gold.issuer!r} pred={pred_issuer!r}"
    return errors


def run(
    gold_docs: list[GoldDoc],
    articles: dict[str, tuple[str, str]],
    extract: Any,
) -> Report:
    report = Report()
    for gold in gold_docs:
        if gold.id not in articles:
            report.missing.append(gold.id)
            continue
        title, text = articles[gold.id]
        failure: str | None = None
        try:
            meta = extract(title, text)
        except Exception as exc:  # noqa: BLE001 - one broken document must not stop the run
            meta, failure = None, f"{type(exc).__name__}: {exc}"
            report.failures += 1
        report.docs += 1
        errors = evaluate_doc(gold, meta, report)
        errors.failure = failure
        report.errors.append(errors)
    return report


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


def markdown_table(report: Report) -> str:
    rows = [
        ("people (name)", report.people),
        ("agencies (strict)", report.agencies),
        ("agencies (lenient)", report.agencies_lenient),
        ("places", report.places),
    ]
    if report.cited.gold or report.cited.pred:
        rows.append(("cited-only agencies", report.cited))
    lines = [
        "| field | gold | pred | matched | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, c in rows:
        lines.append(
            f"| {label} | {c.gold} | {c.pred} | {c.tp} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} |"
        )
    accuracy = report.roles_correct / report.roles_total if report.roles_total else 0.0
    lines.append("")
    lines.append(
        f"Role accuracy on matched people: {report.roles_correct}/{report.roles_total} = {accuracy:.3f}"
    )
    if report.official_total:
        official = report.official_correct / report.official_total
        lines.append(
            f"Role accuracy on matched officials: {report.official_correct}/{report.official_total}"
            f" = {official:.3f}"
        )
    if report.issuer_docs:
        issuer = report.issuer_correct / report.issuer_docs
        lines.append(f"Issuer correct: {report.issuer_correct}/{report.issuer_docs} = {issuer:.3f}")
    lines.append(f"Documents scored: {report.docs}")
    if report.missing:
        lines.append(f"Documents missing from the data: {len(report.missing)} ({', '.join(report.missing)})")
    if report.failures:
        lines.append(f"Documents where the extractor raised: {report.failures}")
    return "\n".join(lines)


def error_listing(report: Report) -> str:
    out: list[str] = []
    for doc in report.errors:
        parts: list[str] = []
        if doc.failure:
            parts.append(f"  extractor raised: {doc.failure}")
        for fld in ("people", "agencies", "places", "cited"):
            missed, spurious = doc.missed.get(fld, []), doc.spurious.get(fld, [])
            if missed:
                parts.append(f"  {fld} FN: {'; '.join(missed)}")
            if spurious:
                parts.append(f"  {fld} FP: {'; '.join(spurious)}")
        for role in doc.roles:
            parts.append(f"  role: {role}")
        if doc.issuer:
            parts.append(f"  issuer: {doc.issuer}")
        if parts:
            out.append(f"- {doc.doc_id}")
            out.extend(parts)
    return "\n".join(out) if out else "No errors."


def append_markdown(path: Path, table: str) -> None:
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(f"\n## Metadata extraction eval, {stamp}\n\n{table}\n")


def load_texts(gold_docs: list[GoldDoc], data_path: Path, seed_path: Path) -> dict[str, tuple[str, str]]:
    """(title, text) of every labelled document: news from the data file, the seed, corpus files."""
    wanted = {d.id for d in gold_docs if not d.id.startswith((SEED_PREFIX, CORPUS_PREFIX))}
    articles = load_articles(data_path, wanted)
    for d in gold_docs:
        if d.id.startswith(SEED_PREFIX) and seed_path.exists():
            articles[d.id] = load_seed(seed_path)
        elif d.id.startswith(CORPUS_PREFIX):
            path = CORPUS_DIR / d.id[len(CORPUS_PREFIX) :]
            if path.exists():
                articles[d.id] = load_seed(path)
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dev",
        type=Path,
        action="append",
        help="labelled dev set (JSON lines); repeat for several, each scored apart "
        "(default: bench/extract_dev.jsonl to extract_dev6.jsonl; sets 7 to 10 only when named)",
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="news data file (.jsonl or .jsonl.gz)"
    )
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED, help="the user's example announcement")
    parser.add_argument("--markdown", type=Path, help="append the results table to this file")
    parser.add_argument(
        "--show-errors",
        action="store_true",
        help="list false positives/negatives per doc (never for a blind set)",
    )
    args = parser.parse_args(argv)

    if not args.data.exists():
        print(f"Data file not found: {args.data} - skipping the extraction eval.")
        return 0

    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    try:
        from kb.extract import extract_metadata
    except Exception as exc:  # noqa: BLE001 - any import problem means "not ready"
        print(f"extractor not available yet ({type(exc).__name__}: {exc})")
        return 0

    dev_paths = [p for p in (args.dev or DEFAULT_DEVS) if p.exists()]
    sets = [(path, load_dev(path)) for path in dev_paths]
    articles = load_texts([d for _, docs in sets for d in docs], args.data, args.seed)
    tables: list[str] = []
    for path, gold_docs in sets:
        report = run(gold_docs, articles, extract_metadata)
        table = f"### {path.name}\n\n{markdown_table(report)}"
        tables.append(table)
        print(table)
        if args.show_errors and path.name in BLIND_SETS:
            print(f"\n({path.name} is a blind set: its errors are not listed.)")
        elif args.show_errors:
            print(f"\n#### Errors per document ({path.name})\n")
            print(error_listing(report))
        print()
    if args.markdown:
        append_markdown(args.markdown, "\n\n".join(tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
