"""Reading the character model's archive: the unigram table without numpy, for every
document's pre-check (see :func:`unigram_counts`)."""

from __future__ import annotations

import ast
import sys
import zipfile
from array import array
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "charlm.npz"


@lru_cache(maxsize=1)
def unigram_counts(path: Path = DATA) -> dict[str, int]:
    """Character → count, in the table's order, without the bigram and trigram tables.

    The pre-check of every document needs only which characters are common; reading the two
    small arrays of the archive costs milliseconds where :meth:`CharLM.load` costs a second
    and a few hundred megabytes, so clean text never loads the full model. They are read
    without numpy (:func:`_npz_member`), so clean text never imports it either.

    >>> counts = unigram_counts()
    >>> counts["的"] > counts["龘"] if "龘" in counts else counts["的"] > 0
    True
    """
    with zipfile.ZipFile(path) as archive:
        chars = _npz_member(archive, "chars")[0]
        counts = _npz_member(archive, "uni")
    return dict(zip(chars, counts, strict=True))


def _npz_member(archive: zipfile.ZipFile, name: str) -> list:
    r"""The 1-D array ``name`` of an ``.npz`` archive as a list, for the two kinds of array
    :func:`unigram_counts` reads (little-endian int64; fixed-width unicode strings, trailing
    NULs stripped as numpy does). The ``.npy`` format is a magic string, a header that is a
    Python literal and the raw data; any other kind of array raises ``ValueError``.

    >>> import io
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as z:
    ...     header = "{'descr': '<U2', 'fortran_order': False, 'shape': (2,), }".ljust(117)
    ...     z.writestr("s.npy", b"\x93NUMPY\x01\x00v\x00" + header.encode() + b"\n"
    ...                + "ab".encode("utf-32-le") + "c\0".encode("utf-32-le"))
    >>> _npz_member(zipfile.ZipFile(buf), "s")
    ['ab', 'c']
    """
    data = archive.read(f"{name}.npy")
    if data[:6] != b"\x93NUMPY":
        raise ValueError(f"{archive.filename}: {name}.npy is not a numpy array")
    size = 2 if data[6] == 1 else 4
    length = int.from_bytes(data[8:8 + size], "little")
    header = ast.literal_eval(data[8 + size:8 + size + length].decode("latin-1"))
    body = data[8 + size + length:]
    descr, shape = header["descr"], header["shape"]
    if len(shape) != 1 or header["fortran_order"]:
        raise ValueError(f"{archive.filename}: {name}.npy is not a 1-D array")
    if descr == "<i8":
        values = array("q", body)
        if sys.byteorder != "little":
            values.byteswap()
        return values.tolist()
    if descr.startswith("<U"):
        width = int(descr[2:])
        text = body.decode("utf-32-le")
        return [text[i * width:(i + 1) * width].rstrip("\0") for i in range(shape[0])]
    raise ValueError(f"{archive.filename}: {name}.npy holds {descr}, not int64 or unicode")
