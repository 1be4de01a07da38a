"""kb.text.pyvi_compat: pyvi's model read without pyvi's code gives pyvi's own segmentation, leaves
no temp file behind even when killed, refuses foreign pickles, and names the versions it needs."""

from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import json
import os
import pickle
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kb.text import pyvi_compat as pv
from kb.text.segment import _features, segment, segmenter_version, word_joins

ROOT = Path(__file__).resolve().parent.parent

# Government-news sentences: offices and their abbreviations, names, numbers, a document number.
SENTENCES = [
    "Chủ tịch UBND tỉnh Nguyễn Văn Phương chủ trì cuộc họp về công tác phòng chống thiên tai.",
    "Hội đồng nhân dân thành phố Cần Thơ khóa X tổ chức kỳ họp thứ 12 vào ngày 8 tháng 12 năm 2022.",
    "Thường trực HĐND tỉnh đã giám sát việc giải quyết kiến nghị của cử tri tại các huyện miền núi.",
    "Sở Y tế đề nghị người dân tiếp tục thực hiện nghiêm các biện pháp phòng chống dịch COVID-19.",
    "Theo báo cáo, toàn tỉnh đã tiếp nhận 83.408 hồ sơ, trong đó giải quyết đúng hạn đạt 98,5%.",
    "Ủy ban nhân dân huyện Phong Điền ban hành kế hoạch triển khai chương trình xây dựng nông thôn mới.",
    "Phó Chủ tịch UBND tỉnh Hoàng Hải Minh yêu cầu các sở, ngành khẩn trương hoàn thiện hồ sơ dự án.",
    "Ban Thường vụ Tỉnh ủy thống nhất chủ trương đầu tư xây dựng tuyến đường ven biển dài 56 km.",
    "Đoàn đại biểu Quốc hội tỉnh tiếp xúc cử tri thị xã Hương Thủy trước kỳ họp thứ tư.",
    "Sở Giáo dục và Đào tạo thông báo lịch thi tuyển sinh vào lớp 10 năm học 2023 - 2024.",
    "Bí thư Tỉnh ủy Lê Trường Lưu trao quyết định bổ nhiệm Giám đốc Sở Tài chính.",
    "Kho bạc Nhà nước tỉnh đã giải ngân được 1.250 tỷ đồng vốn đầu tư công trong 6 tháng đầu năm.",
    "UBND thành phố Huế tổ chức đối thoại với doanh nghiệp về thủ tục hành chính trong lĩnh vực đất đai.",
    "Trung tâm Phục vụ hành chính công tỉnh tiếp nhận hồ sơ trực tuyến mức độ 3 và mức độ 4.",
    "Các địa phương cần rà soát, thống kê thiệt hại do cơn bão số 5 gây ra và báo cáo trước ngày 20.",
    "Ông Trần Văn Thành, Giám đốc Sở Nông nghiệp và Phát triển nông thôn, báo cáo tình hình sản xuất.",
    "Hội nghị đã biểu quyết thông qua 15 nghị quyết quan trọng về kinh tế - xã hội của tỉnh.",
    "Công an tỉnh khuyến cáo người dân cảnh giác với các thủ đoạn lừa đảo qua mạng xã hội.",
    "Tổng thu ngân sách nhà nước trên địa bàn ước đạt 7.890 tỷ đồng, tăng 12% so với cùng kỳ.",
    "Bà Nguyễn Thị Hồng, Phó Chủ tịch HĐND tỉnh, phát biểu bế mạc kỳ họp.",
    "Ban Chỉ đạo phòng, chống tham nhũng tỉnh họp phiên thường kỳ quý III.",
    "Tỉnh sẽ hỗ trợ 500.000 đồng mỗi tháng cho các hộ nghèo bị ảnh hưởng bởi lũ lụt.",
    "Sở Kế hoạch và Đầu tư được giao chủ trì thẩm định báo cáo nghiên cứu khả thi của dự án.",
    "Văn phòng UBND tỉnh thông báo kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với huyện A Lưới.",
    "Lực lượng chức năng đã di dời 1.200 hộ dân ra khỏi vùng nguy hiểm trước khi bão đổ bộ.",
    "Mặt trận Tổ quốc Việt Nam tỉnh phát động phong trào toàn dân đoàn kết xây dựng đời sống văn hóa.",
    "Bệnh viện Trung ương Huế đã thực hiện thành công ca ghép gan thứ 20.",
    "Thủ tướng Chính phủ đồng ý chủ trương điều chỉnh quy hoạch chung thành phố đến năm 2045.",
    "Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI nhiệm kỳ 2020 - 2025 đã bầu 51 đồng chí vào Ban Chấp hành.",
    "Người đứng đầu cơ quan, đơn vị chịu trách nhiệm nếu để xảy ra sai phạm trong quản lý tài sản công.",
    "Quyết định số 1673/QĐ-UBND ngày 12/3/2022 của UBND tỉnh về việc phê duyệt kế hoạch.",
]

# Runs pyvi's own tokenizer: its import writes the CRF to a temp file, hence a subprocess with
# its own TMPDIR.
_PYVI_REFERENCE = """
import hashlib, json, sys
from pyvi.ViTokenizer import ViTokenizer
sentences = json.load(sys.stdin)
with open(ViTokenizer.model.modelfile.name, "rb") as f:
    model_sha256 = hashlib.sha256(f.read()).hexdigest()
json.dump({"tokenized": [ViTokenizer.tokenize(s) for s in sentences], "model_sha256": model_sha256,
           "bigrams": sorted(ViTokenizer.bi_grams), "trigrams": sorted(ViTokenizer.tri_grams)}, sys.stdout)
"""


def _python(code: str, tmpdir: Path, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "TMPDIR": str(tmpdir), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        text=True,
        encoding="utf-8",
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


@pytest.fixture(scope="module")
def pyvi_reference(tmp_path_factory) -> dict:
    proc = _python(_PYVI_REFERENCE, tmp_path_factory.mktemp("pyvi-tmp"))
    out, err = proc.communicate(json.dumps(SENTENCES), timeout=120)
    assert proc.returncode == 0, err
    return json.loads(out)


def _joins_in(text: str, tokenized: str) -> list[int]:
    """Offsets of the spaces of `text` that pyvi's output `tokenized` turned into "_"."""
    joins = []
    pos = 0
    for word in tokenized.split(" "):
        for i, syllable in enumerate(word.split("_")):
            start = text.index(syllable, pos)
            if i:
                assert text[pos:start] == " ", f"pyvi joined tokens not one space apart in {text!r}"
                joins.append(pos)
            pos = start + len(syllable)
    return joins


def test_segment_makes_the_same_words_as_pyvis_own_tokenizer(pyvi_reference):
    differing = [
        (text, segment(text), tokenized)
        for text, tokenized in zip(SENTENCES, pyvi_reference["tokenized"], strict=True)
        if word_joins(text) != _joins_in(text, tokenized)
    ]
    assert differing == []
    # Not vacuous: pyvi does make many multi-syllable words here.
    assert sum(len(word_joins(text)) for text in SENTENCES) > 150
    assert "Chủ_tịch UBND tỉnh Nguyễn_Văn_Phương" in segment(SENTENCES[0])


def test_model_and_ngrams_are_pyvis_own(pyvi_reference):
    model = pv.load_model()
    pickled = (pv.pyvi_package_dir() / "models" / "pyvi3.pkl").read_bytes()
    assert hashlib.sha256(pv.crf_model_bytes(pickled)).hexdigest() == pyvi_reference["model_sha256"]
    bigrams = sorted(f"{a} {b}" for a, seconds in model.bigrams.items() for b in seconds)
    trigrams = sorted(
        f"{a} {b} {c}" for a, pairs in model.trigrams.items() for b, thirds in pairs.items() for c in thirds
    )
    assert bigrams == pyvi_reference["bigrams"]
    assert trigrams == pyvi_reference["trigrams"]
    assert sorted(model.tagger.labels()) == ["B_W", pv.INSIDE_WORD]


# -- no temp-file litter ---------------------------------------------------------------------------
_SPOKEN = "Chủ tịch UBND tỉnh phát biểu tại hội nghị."


def _segment_script(then_wait: bool) -> str:
    return f"""
import time
from kb.text.segment import segment
print(segment({_SPOKEN!r}), flush=True)
print("ready", flush=True)
if {then_wait}:
    time.sleep(120)
"""


_PYVI_IMPORT_AND_WAIT = """
import time
from pyvi.ViTokenizer import ViTokenizer
print("ready", flush=True)
time.sleep(120)
"""


def _run_until_ready_then_kill(code: str, tmpdir: Path) -> list[str]:
    proc = _python(code, tmpdir)
    proc.stdin.close()
    try:
        lines = []
        while (line := proc.stdout.readline()) and line.strip() != "ready":
            lines.append(line.strip())
        assert line.strip() == "ready", proc.stderr.read()
    finally:
        proc.kill()  # SIGKILL: no atexit handler, no finalizer runs
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return lines


def test_a_killed_segmenting_process_leaves_no_temp_file(tmp_path):
    tmpdir = tmp_path / "t"
    tmpdir.mkdir()
    lines = _run_until_ready_then_kill(_segment_script(then_wait=True), tmpdir)
    assert lines == ["Chủ_tịch UBND tỉnh phát_biểu tại hội_nghị."]
    assert list(tmpdir.iterdir()) == []


def test_a_segmenting_process_that_exits_leaves_no_temp_file(tmp_path):
    tmpdir = tmp_path / "t"
    tmpdir.mkdir()
    proc = _python(_segment_script(then_wait=False), tmpdir)
    out, err = proc.communicate("", timeout=120)
    assert proc.returncode == 0, err
    assert out.splitlines() == ["Chủ_tịch UBND tỉnh phát_biểu tại hội_nghị.", "ready"]
    assert list(tmpdir.iterdir()) == []


def test_the_litter_check_sees_the_file_a_killed_pyvi_import_leaves(tmp_path):
    # The control for the two tests above: TMPDIR is honoured, and pyvi's own loading does litter.
    tmpdir = tmp_path / "t"
    tmpdir.mkdir()
    _run_until_ready_then_kill(_PYVI_IMPORT_AND_WAIT, tmpdir)
    left = list(tmpdir.iterdir())
    assert [p.name.startswith("model") and p.suffix == ".crfsuite" for p in left] == [True]
    left[0].unlink()


# -- version pins ----------------------------------------------------------------------------------
def test_installed_versions_are_the_pinned_ones():
    pv.check_versions()
    assert importlib.metadata.version("pyvi") == pv.PYVI_VERSION
    assert segmenter_version() == f"pyvi {pv.PYVI_VERSION}; python-crfsuite {pv.PYCRFSUITE_VERSION}; rules 1"


def test_other_pyvi_version_is_refused_with_what_to_install():
    versions = {"pyvi": "0.1.2", "python-crfsuite": pv.PYCRFSUITE_VERSION}
    with pytest.raises(ImportError) as error:
        pv.check_versions(versions.__getitem__)
    assert str(error.value) == (
        "kb's word segmentation relies on the internals of pyvi 0.1.1 but pyvi 0.1.2 is installed: "
        "run `pip install pyvi==0.1.1`."
    )


def test_missing_python_crfsuite_is_refused_with_what_to_install():
    def version_of(dist: str) -> str:
        if dist == "python-crfsuite":
            raise importlib.metadata.PackageNotFoundError(dist)
        return pv.PINNED_VERSIONS[dist]

    with pytest.raises(
        ImportError, match=r"python-crfsuite is not installed: run `pip install python-crfsuite==0\.9\.12`"
    ):
        pv.check_versions(version_of)


# -- safer unpickling ------------------------------------------------------------------------------
def test_unpickler_refuses_a_pickle_that_calls_os_system(tmp_path):
    marker = tmp_path / "ran"
    crafted = f"cos\nsystem\n(S'touch {marker}'\ntR.".encode()
    with pytest.raises(pickle.UnpicklingError, match=r"refusing the global os\.system"):
        pv.crf_model_bytes(crafted)
    assert not marker.exists()


def test_unpickler_refuses_a_global_hidden_inside_the_crf_state():
    class Payload:
        def __reduce__(self):
            return (eval, ("1 + 1",))

    crafted = pickle.dumps({"modelfile": Payload()}, protocol=2)
    with pytest.raises(pickle.UnpicklingError, match=r"refusing the global (__builtin__|builtins)\.eval"):
        pv.crf_model_bytes(crafted)


def test_a_pickle_without_a_crf_model_is_rejected():
    with pytest.raises(pickle.UnpicklingError, match="no sklearn_crfsuite CRF"):
        pv.crf_model_bytes(pickle.dumps({"modelfile": b"lCRF"}, protocol=2))


def test_the_tagger_keeps_its_model_buffer_alive():
    # crfsuite reads the model from the very buffer it was opened with: were that buffer freed,
    # the zero-filled buffers allocated next would take its place and the labels would be lost.
    size = len(pv.crf_model_bytes((pv.pyvi_package_dir() / "models" / "pyvi3.pkl").read_bytes()))
    model = pv.load_model()
    gc.collect()
    filler = [bytes(size) for _ in range(4)]
    assert sorted(model.tagger.labels()) == ["B_W", "I_W"]
    words = ["Chủ", "tịch", "UBND", "tỉnh"]
    assert model.tagger.tag(_features(words, model.bigrams, model.trigrams)) == ["B_W", "I_W", "B_W", "B_W"]
    assert len(filler) == 4
