"""Fuzz: 2,400 mutated CSV files (fixed seed) give a data set or one DataError, nothing else."""

import collections
import re

import numpy as np

from nnsim.data import DataError, encode_table, read_table
from nnsim.paths import resource

MELON3 = resource("datasets", "watermelon", "watermelon3.0.csv").read_text(encoding="utf-8")
ALPHA = resource("datasets", "watermelon", "watermelon3.0alpha.csv").read_text(encoding="utf-8")


def _seeds() -> list[bytes]:
    """Good files in every encoding and separator the importer promises to read."""
    texts = [MELON3, ALPHA, ALPHA.split("\n", 1)[1]]  # the last one without a header
    texts.append('"编号","密度, g/cm³",好瓜\n' + "\n".join(ALPHA.splitlines()[1:]))
    out = []
    for text in texts:
        for sep in (",", ";", "\t"):
            t = text.replace(",", sep) if '"' not in text else text
            if sep != ",":
                out.append(t.replace(".", ",").encode("utf-8"))  # decimal comma
            for enc in ("utf-8", "utf-8-sig", "gb18030"):
                out.append((t + "\n\n").encode(enc))
    return out


NOISE = [
    b",",
    b";",
    b"\t",
    b'"',
    b"\n",
    b"\r\n",
    b"\x00",
    b" ",
    b"0",
    b".",
    b"e",
    b"-",
    b"nan",
    b"inf",
    b"x",
    b"1e999",
    "是".encode(),
    "是".encode("gb18030"),
]
#: Bytes that make a file no text at all: rarer, or most files would end there.
BINARY = [b"\xff", b"\xef\xbb\xbf", b"\x80\x80"]


def _mutate(data: bytes, rng: np.random.Generator) -> bytes:
    b = bytearray(data)
    for _ in range(int(rng.integers(1, 5))):
        op = int(rng.integers(0, 7))
        pos = int(rng.integers(0, len(b) + 1)) if b else 0
        if op == 0:  # insert a troublesome byte sequence
            pool = BINARY if rng.random() < 0.05 else NOISE
            b[pos:pos] = pool[int(rng.integers(len(pool)))]
        elif op == 1 and b:  # delete a run
            del b[pos : pos + int(rng.integers(1, 8))]
        elif op == 2 and b:  # overwrite a byte
            b[min(pos, len(b) - 1)] = int(rng.integers(0, 256 if rng.random() < 0.1 else 128))
        elif op == 3:  # truncate
            del b[pos:]
        elif op == 4:  # duplicate or drop a line
            lines = bytes(b).split(b"\n")
            k = int(rng.integers(len(lines)))
            if rng.random() < 0.5:
                lines.insert(k, lines[k])
            else:
                del lines[k]
            b = bytearray(b"\n".join(lines))
        elif op == 5:  # a cell made text
            b = bytearray(re.sub(rb"0\.\d+", b"abc", bytes(b), count=1))
        else:  # a row cut short
            lines = bytes(b).split(b"\n")
            k = int(rng.integers(len(lines)))
            lines[k] = lines[k].rsplit(b",", 1)[0]
            b = bytearray(b"\n".join(lines))
    return bytes(b)


def _kind(msg: str) -> str:
    """The problem of a message without its place and values ("is not a number")."""
    text = msg.rsplit("): ", 1)[-1] if "): " in msg else msg.split(": ", 1)[-1]
    return re.sub(r"'[^']*'|\d[\d,.]*", "…", text)[:60]


def test_mutated_files_give_a_data_set_or_one_data_error():
    rng = np.random.default_rng(20260)
    seeds = _seeds()
    outcomes = collections.Counter()
    kinds = collections.Counter()
    n = 2400
    for k in range(n):
        data = _mutate(seeds[k % len(seeds)], rng)
        try:
            table = read_table(data, name="fuzz.csv")
            enc = encode_table(table, train_fraction=0.7 if k % 3 == 0 else 1.0, seed=k)
        except DataError as e:
            msg = str(e)
            assert msg.startswith("fuzz.csv") and "\n" not in msg.split(": ", 1)[0], msg
            kinds[_kind(msg)] += 1
            outcomes["error"] += 1
        else:
            assert np.isfinite(enc.dataset.x).all()
            outcomes["read"] += 1
    # both outcomes are common: the mutations neither always break nor never break a file
    assert outcomes["read"] > n // 20 and outcomes["error"] > n // 20, outcomes
    assert len(kinds) >= 8, kinds  # many different problems met, each with its message
