"""QR codes, cached by content. Encoding one takes about 10 ms (segno chooses the best of eight
masks in pure Python) and a build needs some 230 of them — pages, short links, leaflets — so
an unchanged build takes them from the cache (.cache/qr/) instead."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import segno

from ..platform.system import write_atomic

ERROR_CORRECTION = "m"  # 15 % of the code may be damaged (a folded or worn leaflet) and it still reads


def qr_code(url: str, kind: str, cache_dir: Path, **options) -> bytes:
    """The QR code of url: an SVG or PNG file's bytes (segno's save options, e.g. scale), or
    with kind "data_uri" an SVG data: URI (segno's svg_data_uri options)."""
    key = hashlib.sha256(json.dumps([segno.__version__, url, kind, ERROR_CORRECTION, options], sort_keys=True).encode()).hexdigest()
    cached = cache_dir / f"{key[:32]}.{kind}"
    if cached.is_file():
        return cached.read_bytes()
    code = segno.make(url, error=ERROR_CORRECTION)
    if kind == "data_uri":
        data = code.svg_data_uri(**options).encode("utf-8")
    else:
        out = io.BytesIO()
        code.save(out, kind=kind, **options)
        data = out.getvalue()
    cache_dir.mkdir(parents=True, exist_ok=True)
    write_atomic(cached, data)  # whole or not at all, also with several builds at once
    return data
