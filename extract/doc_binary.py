"""The parts of a legacy Word 97-2003 (.doc) file that the table reader needs, decoded from [MS-DOC].

No maintained Python library reads .doc tables: the usual tools (antiword,
textract) shell out to C programs and flatten every table into loose text,
which loses the column a number sits in. olefile opens the compound file;
this module reads the three structures that carry a report's tables:

* the piece table (``Clx``), which maps character positions to the bytes of
  the text (8-bit cp1252 pieces or UTF-16 pieces, in any order);
* the paragraph properties (``PlcBtePapx`` and its 512-byte FKP pages), which
  say whether a paragraph sits in a table and whether its mark ends a row;
* each row's ``sprmTDefTable``, giving the cell boundaries in twips and the
  merge flags, so a merged cell's span can be laid out like a DOCX grid.
"""

from __future__ import annotations

import bisect
import io
import struct
from dataclasses import dataclass, field

import olefile

from extract.model import UnreadableDocument

_WORD_MAGIC = 0xA5EC
_F_ENCRYPTED, _F_TABLE_STREAM_1 = 0x0100, 0x0200
_FC_PLCF_BTE_PAPX, _FC_CLX = 13, 33  # indexes into FibRgFcLcb97
_FKP_SIZE = 512

_IN_TABLE, _TTP, _ITAP = 0x2416, 0x2417, 0x6649
_DEF_TABLE, _CHG_TABS, _VERT_MERGE, _HUGE_PAPX = 0xD608, 0xC615, 0xD62B, 0x6646
_OPERAND_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # by sprm.spra; 6 means the operand says its size


@dataclass(slots=True)
class CellDef:
    """One cell of a row definition: its left and right boundaries (twips) and merge flags."""

    left: int
    right: int
    h_merge: int = 0  # 0 none, 1 first of a horizontal merge, 2/3 continues the cell on its left
    v_merge: int = 0  # 0 none, 1 continues the cell above, 3 starts a vertical merge


@dataclass(slots=True)
class ParaProps:
    """The paragraph properties the table reader needs."""

    in_table: bool = False
    row_end: bool = False  # the paragraph mark ends a table row (TTP) rather than a cell
    depth: int = 0  # table nesting depth (itap)
    cells: list[CellDef] = field(default_factory=list)  # set on row ends only


@dataclass(frozen=True, slots=True)
class Piece:
    cp: int  # first character position
    cp_end: int
    fc: int  # byte offset of the first character in the WordDocument stream
    wide: bool  # UTF-16LE (2 bytes per character) rather than cp1252


class DocBinary:
    """The main-document text of a .doc file and the paragraph properties at any character position."""

    def __init__(self, data: bytes) -> None:
        try:
            ole = olefile.OleFileIO(io.BytesIO(data))
        except (OSError, ValueError, struct.error, IndexError, EOFError) as e:
            raise UnreadableDocument(f"not a readable Word .doc file ({e})") from None
        with ole:
            if not ole.exists("WordDocument"):
                if ole.exists("EncryptedPackage"):
                    raise UnreadableDocument("the Word document is encrypted (password-protected)")
                raise UnreadableDocument("not a report: an OLE compound file that is not a Word document")
            try:
                self._read_streams(ole)
            except (OSError, ValueError, struct.error, IndexError, EOFError) as e:
                raise UnreadableDocument(f"damaged Word .doc file ({e})") from None
        try:
            self.text_length, fc_lcb = self._fib_offsets()
            self.pieces = self._pieces(*self._fc_lcb(fc_lcb, _FC_CLX))
            self._runs, self._props = self._paragraph_runs(*self._fc_lcb(fc_lcb, _FC_PLCF_BTE_PAPX))
        except (struct.error, IndexError, ValueError) as e:
            raise UnreadableDocument(f"damaged Word .doc file ({e})") from None
        self._piece_starts = [p.cp for p in self.pieces]

    def _read_streams(self, ole: olefile.OleFileIO) -> None:
        self.word = ole.openstream("WordDocument").read()
        self._check_header()
        table_name = "1Table" if self._u16(0x0A) & _F_TABLE_STREAM_1 else "0Table"
        if not ole.exists(table_name):
            raise UnreadableDocument(f"damaged Word .doc file: its {table_name} stream is missing")
        self.table = ole.openstream(table_name).read()
        self.data = ole.openstream("Data").read() if ole.exists("Data") else b""

    def _u16(self, offset: int) -> int:
        return struct.unpack_from("<H", self.word, offset)[0]

    def _check_header(self) -> None:
        if len(self.word) < 0x200 or self._u16(0) != _WORD_MAGIC:
            raise UnreadableDocument("not a Word 97-2003 document (Word 6/95 and older files are not supported)")
        if self._u16(0x0A) & _F_ENCRYPTED:
            raise UnreadableDocument("the Word document is encrypted (password-protected)")

    def _fib_offsets(self) -> tuple[int, int]:
        """Main-text length and where FibRgFcLcb starts: the FIB's parts have counted, version-dependent sizes."""
        pos = 32
        pos += 2 + 2 * self._u16(pos)  # csw + FibRgW97
        lw_start = pos + 2
        text_length = struct.unpack_from("<i", self.word, lw_start + 12)[0]  # FibRgLw97.ccpText
        pos = lw_start + 4 * self._u16(pos)  # cslw + FibRgLw97
        return text_length, pos + 2  # cbRgFcLcb

    def _fc_lcb(self, fc_lcb: int, index: int) -> tuple[int, int]:
        return struct.unpack_from("<II", self.word, fc_lcb + 8 * index)

    def _pieces(self, fc: int, lcb: int) -> list[Piece]:
        clx = self.table[fc : fc + lcb]
        i = 0
        while i < len(clx) and clx[i] == 1:  # Prc entries (property modifiers) come first
            i += 3 + struct.unpack_from("<H", clx, i + 1)[0]
        if i >= len(clx) or clx[i] != 2:
            raise ValueError("no piece table")
        size = struct.unpack_from("<I", clx, i + 1)[0]
        plc = clx[i + 5 : i + 5 + size]
        n = (size - 4) // 12
        cps = struct.unpack_from(f"<{n + 1}I", plc)
        pieces = []
        for k in range(n):
            raw = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * k + 2)[0]
            compressed = bool(raw & 0x40000000)
            offset = raw & 0x3FFFFFFF
            pieces.append(Piece(cps[k], cps[k + 1], offset // 2 if compressed else offset, not compressed))
        return pieces

    def text(self) -> str:
        """The main document's characters (footnotes, headers and text boxes follow it and are left out)."""
        parts = []
        for p in self.pieces:
            if p.cp >= self.text_length:
                break
            count = min(p.cp_end, self.text_length) - p.cp
            if p.wide:
                parts.append(self.word[p.fc : p.fc + 2 * count].decode("utf-16-le", "replace"))
            else:
                parts.append(self.word[p.fc : p.fc + count].decode("cp1252", "replace"))
        return "".join(parts)

    def props_at(self, cp: int) -> ParaProps:
        """Properties of the paragraph whose mark is at character position ``cp``."""
        k = bisect.bisect_right(self._piece_starts, cp) - 1
        p = self.pieces[k]
        fc = p.fc + (cp - p.cp) * (2 if p.wide else 1)
        r = bisect.bisect_right(self._runs, fc) - 1
        return self._props[r] if r >= 0 else ParaProps()

    def _paragraph_runs(self, fc: int, lcb: int) -> tuple[list[int], list[ParaProps]]:
        """Start offsets of paragraph runs in the WordDocument stream, with each run's properties, in order."""
        n = (lcb - 4) // 8
        plc = self.table[fc : fc + lcb]
        pages = struct.unpack_from(f"<{n}I", plc, 4 * (n + 1))
        starts: list[int] = []
        props: list[ParaProps] = []
        for pn in pages:
            page = self.word[(pn & 0x3FFFFF) * _FKP_SIZE :][:_FKP_SIZE]
            crun = page[_FKP_SIZE - 1]
            fcs = struct.unpack_from(f"<{crun + 1}I", page)
            for k in range(crun):
                starts.append(fcs[k])
                props.append(self._papx(page, page[4 * (crun + 1) + 13 * k]))
        order = sorted(range(len(starts)), key=starts.__getitem__)
        return [starts[k] for k in order], [props[k] for k in order]

    def _papx(self, page: bytes, b_offset: int) -> ParaProps:
        """Decode one PapxInFkp; an offset of 0 means default properties (not in a table)."""
        if b_offset == 0:
            return ParaProps()
        off = 2 * b_offset
        cb = page[off]
        grpprl = page[off + 4 : off + 2 + 2 * page[off + 1]] if cb == 0 else page[off + 3 : off + 2 * cb]
        props = ParaProps()
        vertical: list[bytes] = []  # sprmTVertMerge may precede the row definition it amends
        for sprm, operand in self._expand_huge(_sprms(grpprl)):
            if sprm == _IN_TABLE:
                props.in_table = operand[0] != 0
            elif sprm == _TTP:
                props.row_end = operand[0] != 0
            elif sprm == _ITAP:
                props.depth = struct.unpack_from("<i", operand)[0]
            elif sprm == _DEF_TABLE:
                props.cells = _row_cells(operand)
            elif sprm == _VERT_MERGE:
                vertical.append(operand)
        for operand in vertical:
            if len(operand) >= 3 and operand[1] < len(props.cells):
                props.cells[operand[1]].v_merge = operand[2]
        if props.in_table and not props.depth:
            props.depth = 1
        return props

    def _expand_huge(self, sprms):
        """Inline sprmPHugePapx: properties too large for an FKP page live in the Data stream (e.g. wide rows)."""
        for sprm, operand in sprms:
            if sprm == _HUGE_PAPX and len(operand) == 4:
                offset = struct.unpack_from("<I", operand)[0]
                size = struct.unpack_from("<H", self.data, offset)[0]
                yield from _sprms(self.data[offset + 2 : offset + 2 + size])
            else:
                yield sprm, operand


def _sprms(grpprl: bytes):
    """(sprm, operand) pairs of a property list; a truncated tail ends the list."""
    i = 0
    while i + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, i)[0]
        i += 2
        spra = sprm >> 13
        if spra != 6:
            size = _OPERAND_SIZE[spra]
        elif sprm == _DEF_TABLE:
            size = struct.unpack_from("<H", grpprl, i)[0] + 1  # the count includes itself minus one byte
        elif sprm == _CHG_TABS and i < len(grpprl) and grpprl[i] == 255:
            deleted = grpprl[i + 1]
            added = grpprl[i + 2 + 4 * deleted]
            size = 3 + 4 * deleted + 3 * added
        else:
            size = grpprl[i] + 1 if i < len(grpprl) else 1
        yield sprm, grpprl[i : i + size]
        i += size


def _row_cells(operand: bytes) -> list[CellDef]:
    """Cells of a TDefTableOperand: boundaries (rgdxaCenter) and each TC80's merge flags."""
    count = operand[2]
    centers = struct.unpack_from(f"<{count + 1}h", operand, 3)
    tc_start = 3 + 2 * (count + 1)
    cells = []
    for k in range(count):
        flags = struct.unpack_from("<H", operand, tc_start + 20 * k)[0] if tc_start + 20 * k + 2 <= len(operand) else 0
        cells.append(CellDef(centers[k], centers[k + 1], flags & 0x3, (flags >> 5) & 0x3))
    return cells
