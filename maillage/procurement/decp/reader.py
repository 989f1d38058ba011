"""Streaming reader of DECP JSON files (2019 and 2022 formats, plain or gzip-compressed).

The file is never held in memory: it is decoded chunk by chunk and each contract is parsed on its own
by the standard library's C JSON scanner (``raw_decode``), which is fast and, unlike most streaming
parsers, accepts the ``NaN`` that real DECP files contain (pandas exports). Only the outer structure
is walked by hand. Accepted shapes:

- ``{"marches": [ ... ]}`` (2019 format; concessions are mixed in, told apart by ``_type``);
- ``{"marches": {"marche": [ ... ], "contrat-concession": [ ... ]}}`` (2022 official schema);
- a bare ``[ ... ]`` list of contracts.

Bytes that are not valid UTF-8 (files saved in Windows-1252 by some publishers) are decoded as
Windows-1252 and counted, instead of stopping the import.
"""

import codecs
import gzip
import io
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

CHUNK_CHARS = 1 << 20
MAX_ITEM_CHARS = 64 << 20  # one contract larger than this is a broken file, not a contract
_WS = " \t\n\r"
_ERROR_HANDLER = "maillage-decp-cp1252"


class DecpFormatError(Exception):
    """The file is not a DECP JSON file, or its JSON is broken at some point."""


@dataclass
class ReaderStats:
    bytes_read: int = 0
    encoding_fixes: int = 0
    skipped_keys: list[str] = field(default_factory=list)


_local = threading.local()


def _fixes_count() -> int:
    return getattr(_local, "fixes", 0)


def _cp1252_fallback(error: UnicodeDecodeError):
    chunk = error.object[error.start : error.end]
    _local.fixes = _fixes_count() + 1
    return chunk.decode("cp1252", errors="replace"), error.end


codecs.register_error(_ERROR_HANDLER, _cp1252_fallback)


class _CountingReader(io.RawIOBase):
    """Wraps a binary file to count the (compressed) bytes consumed, for progress bars."""

    def __init__(self, raw, stats: ReaderStats):
        self._raw = raw
        self._stats = stats

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self._raw.read(len(buffer))
        size = len(data)
        buffer[:size] = data
        self._stats.bytes_read += size
        return size


@dataclass
class Item:
    """One element of a contracts list: ``kind`` is ``marche``, ``concession`` or ``inconnu`` (2019 lists)."""

    index: int
    kind: str
    value: object
    raw: str = ""  # the item's JSON text, for a cheap checksum


class DecpReader:
    """Iterates over the contracts of one open binary file (``items()``)."""

    def __init__(self, binary_file, stats: ReaderStats | None = None):
        self.stats = stats or ReaderStats()
        raw = _CountingReader(binary_file, self.stats)
        buffered = io.BufferedReader(raw, buffer_size=1 << 16)
        head = buffered.peek(2)[:2]
        stream = gzip.GzipFile(fileobj=buffered, mode="rb") if head == b"\x1f\x8b" else buffered
        self._text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors=_ERROR_HANDLER)
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._consumed = 0  # characters dropped from the buffer, for error positions
        self._decoder = json.JSONDecoder()
        self._index = 0
        self._last_raw = ""
        self._fixes_at_start = _fixes_count()

    # -- low-level buffer handling -------------------------------------------------------------
    def _fill(self) -> bool:
        if self._eof:
            return False
        chunk = self._text.read(CHUNK_CHARS)
        if not chunk:
            self._eof = True
            return False
        if self._pos:
            self._consumed += self._pos
            self._buf = self._buf[self._pos :] + chunk
            self._pos = 0
        else:
            self._buf += chunk
        return True

    def _peek(self) -> str:
        """The next non-blank character (not consumed), or '' at the end of the file."""
        while True:
            buf, pos, size = self._buf, self._pos, len(self._buf)
            while pos < size and buf[pos] in _WS:
                pos += 1
            self._pos = pos
            if pos < size:
                return buf[pos]
            if not self._fill():
                return ""

    def _expect(self, chars: str) -> str:
        char = self._peek()
        if not char or char not in chars:
            found = repr(char) if char else "la fin du fichier"
            raise DecpFormatError(f"JSON invalide à la position {self._where()} : « {chars} » attendu, {found} trouvé.")
        self._pos += 1
        return char

    def _where(self) -> str:
        return f"{self._consumed + self._pos}"

    def _value(self):
        """Decodes one JSON value at the current position, reading more of the file as needed."""
        self._peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                near_end = exc.pos >= len(self._buf) - 65536
                if near_end and len(self._buf) - self._pos < MAX_ITEM_CHARS and self._fill():
                    continue
                raise DecpFormatError(f"JSON invalide à la position {self._consumed + exc.pos} : {exc.msg}.") from None
            if end >= len(self._buf) and not self._eof and self._fill():
                continue  # a number cut by the chunk boundary: decode again with what follows
            self._last_raw = self._buf[self._pos : end]
            self._pos = end
            return value

    def _string(self) -> str:
        if self._peek() != '"':
            raise DecpFormatError(f"JSON invalide à la position {self._where()} : nom de champ attendu.")
        return self._value()

    # -- structure -------------------------------------------------------------------------------
    def _array(self, kind: str) -> Iterator[Item]:
        self._expect("[")
        if self._peek() == "]":
            self._pos += 1
            return
        while True:
            value = self._value()
            yield Item(self._index, kind, value, self._last_raw)
            self._index += 1
            if self._expect(",]") == "]":
                return

    def _object_members(self) -> Iterator[str]:
        """Yields each key of the object at the current position; the caller consumes its value."""
        self._expect("{")
        if self._peek() == "}":
            self._pos += 1
            return
        while True:
            key = self._string()
            self._expect(":")
            yield key
            if self._expect(",}") == "}":
                return

    def items(self) -> Iterator[Item]:
        first = self._peek()
        if first == "[":
            yield from self._array("inconnu")
        elif first == "{":
            found = False
            for key in self._object_members():
                if key == "marches":
                    found = True
                    if self._peek() == "[":
                        yield from self._array("inconnu")
                    else:
                        for sub in self._object_members():
                            if sub == "marche":
                                yield from self._array("marche")
                            elif sub in ("contrat-concession", "contrats-concession"):
                                yield from self._array("concession")
                            else:
                                self.stats.skipped_keys.append(f"marches.{sub}")
                                self._value()
                else:
                    self.stats.skipped_keys.append(key)
                    self._value()
            if not found:
                raise DecpFormatError("Aucune liste « marches » dans ce fichier : ce n'est pas un fichier DECP.")
        elif first == "":
            raise DecpFormatError("Le fichier est vide.")
        else:
            raise DecpFormatError("Ce fichier n'est pas du JSON (il doit commencer par « { » ou « [ »).")
        if self._peek():
            raise DecpFormatError(f"Contenu inattendu après la fin des données (position {self._where()}).")
        self.stats.encoding_fixes = _fixes_count() - self._fixes_at_start


def iter_items(binary_file, stats: ReaderStats | None = None) -> Iterator[Item]:
    return DecpReader(binary_file, stats).items()
