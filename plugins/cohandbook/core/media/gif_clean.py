"""A GIF without its comments and foreign application blocks (XMP lives in one), frames left untouched.

Re-encoding an animation would cost its timing and palette; the metadata sits in blocks of its own, so it
is cut out byte by byte: comment extensions go, application extensions other than looping go.
https://www.w3.org/Graphics/GIF/spec-gif89a.txt
"""

from __future__ import annotations

LOOPING = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


def gif_without_metadata(data: bytes) -> bytes | None:
    """The GIF with comment and non-looping application blocks removed; None when it is malformed."""
    try:
        return _clean(data)
    except IndexError:
        return None


def _clean(data: bytes) -> bytes | None:
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        return None
    pos = 13 + _table_size(data[10])
    out = [data[:pos]]
    while True:
        kind = data[pos]
        if kind == 0x3B:  # trailer
            out.append(b"\x3b")
            return b"".join(out)
        if kind == 0x21:
            end = _blocks_end(data, pos + 2)
            label = data[pos + 1]  # 0xFE comment, 0xFF application (XMP, looping), 0xF9 frame timing
            if label != 0xFE and (label != 0xFF or data[pos + 3 : pos + 14] in LOOPING):
                out.append(data[pos:end])
            pos = end
        elif kind == 0x2C:  # image: descriptor, local colour table, LZW code size, data blocks
            start = pos
            pos += 10 + _table_size(data[pos + 9])
            pos = _blocks_end(data, pos + 1)
            out.append(data[start:pos])
        else:
            return None


def _table_size(flags: int) -> int:
    return 3 * (2 ** ((flags & 0x07) + 1)) if flags & 0x80 else 0


def _blocks_end(data: bytes, pos: int) -> int:
    """The position after a run of data sub-blocks ending with the empty one."""
    while (size := data[pos]) != 0:
        pos += size + 1
    return pos + 1
