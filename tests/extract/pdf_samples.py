"""Builds the small PDFs under ``data/`` that test the PDF reader.

Tables are drawn cell by cell with ruled borders, the way a Word export draws
them, so each test controls exactly where a page breaks a table, which cells are
merged and which row is split. The PDFs are committed so that tests need no CJK
font; run ``python tests/extract/pdf_samples.py`` to rebuild them (needs the
WenQuanYi Zen Hei font, Debian package fonts-wqy-zenhei).
"""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

DATA = Path(__file__).parent / "data"
FONT = "WQY"
SIZE = 9
WIDTH, HEIGHT = A4
LEFT = 60.0


def font_path() -> str | None:
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
    except FileNotFoundError:
        return None
    paths = sorted(line.split(":")[0] for line in out.splitlines() if "wqy-zenhei" in line.lower())
    return paths[0] if paths else None


def register_font() -> None:
    path = font_path()
    if path is None:
        raise RuntimeError("CJK font missing: apt-get install -y fonts-wqy-zenhei")
    pdfmetrics.registerFont(TTFont(FONT, path, subfontIndex=0))


@dataclass
class Cell:
    row: int
    col: int
    text: str  # "\n" separates the lines drawn in the cell
    rowspan: int = 1
    colspan: int = 1


def draw_grid(c: canvas.Canvas, top: float, widths: list[float], heights: list[float], cells: list[Cell]) -> float:
    """Draws ruled cells with their text from the top down; returns the y below the grid."""
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [top]
    for h in heights:
        ys.append(ys[-1] - h)
    c.setFont(FONT, SIZE)
    c.setLineWidth(0.5)
    for cell in cells:
        x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
        y0, y1 = ys[cell.row], ys[cell.row + cell.rowspan]
        for a, b in (((x0, y0), (x1, y0)), ((x0, y1), (x1, y1)), ((x0, y0), (x0, y1)), ((x1, y0), (x1, y1))):
            c.line(*a, *b)
        for k, line in enumerate(cell.text.split("\n") if cell.text else []):
            c.drawString(x0 + 3, y0 - 3 - SIZE * (k + 1) - 2 * k, line)
    return ys[-1]


def write_lines(c: canvas.Canvas, y: float, lines: list[str]) -> float:
    c.setFont(FONT, 11)
    for line in lines:
        c.drawString(LEFT, y, line)
        y -= 18
    return y


def write_paragraph(c: canvas.Canvas, y: float, text: str, size: float = 11) -> float:
    """A body paragraph as Word sets it: two-character indent, lines broken at the right margin."""
    c.setFont(FONT, size)
    right, x, line = WIDTH - LEFT, LEFT + 2 * size, ""
    for char in text:
        if x + pdfmetrics.stringWidth(line + char, FONT, size) > right:
            c.drawString(x, y, line)
            y, x, line = y - size * 1.6, LEFT, ""
        line += char
    c.drawString(x, y, line)
    return y - size * 1.6


NARRATIVE = (
    "本年度，本局认真贯彻落实《中华人民共和国政府信息公开条例》，不断完善依申请公开工作机制，"
    "全年共收到政府信息公开申请23件，均在法定期限内予以答复，未发生因政府信息公开引起的行政复议和行政诉讼案件。"
)


def page_furniture(c: canvas.Canvas, page: int, pages: int, style: str) -> None:
    """The running header and the page number that the reader must drop."""
    c.setFont(FONT, 8)
    c.drawString(LEFT, HEIGHT - 30, "平安县公安局政府信息公开工作年度报告")
    footer = f"- {page} -" if style == "dash" else f"第 {page} 页 共 {pages} 页"
    c.drawCentredString(WIDTH / 2, 30, footer)


def new_canvas(buf: io.BytesIO, **kwargs) -> canvas.Canvas:
    return canvas.Canvas(buf, pagesize=A4, invariant=1, **kwargs)


S3_HEADER = [
    Cell(0, 0, "（本列数据的勾稽关系为：第一项加第二\n项之和，等于第三项加第四项之和）", 3, 3),
    Cell(0, 3, "申请人情况", 1, 7),
    Cell(1, 3, "自然\n人", 2),
    Cell(1, 4, "法人或其他组织", 1, 5),
    Cell(1, 9, "总计", 2),
    *(
        Cell(2, 4 + k, t)
        for k, t in enumerate(["商业\n企业", "科研\n机构", "社会公\n益组织", "法律服\n务机构", "其他"])
    ),
]
S3_WIDTHS = [60, 40, 120, 30, 30, 30, 36, 36, 30, 30]
S3_HEADER_HEIGHTS = [22, 16, 30]


def numbers(row: int, values: list[int | str]) -> list[Cell]:
    return [Cell(row, 3 + k, str(v)) for k, v in enumerate(values)]


def merged_header() -> bytes:
    """One page: heading, the section-三 table with merged header and label cells, text after it."""
    buf = io.BytesIO()
    c = new_canvas(buf)
    page_furniture(c, 1, 1, "dash")
    y = write_lines(c, HEIGHT - 70, ["平安县公安局2024年政府信息公开工作年度报告", "一、总体情况"])
    y = write_paragraph(c, y, NARRATIVE)
    y = write_lines(c, y, ["三、收到和处理政府信息公开申请情况"])
    body = [
        Cell(3, 0, "一、本年新收政府信息公开申请数量", 1, 3),
        *numbers(3, [23, 0, 0, 0, 0, 0, 23]),
        Cell(4, 0, "三、本\n年度办\n理结果", 4),
        Cell(4, 1, "（一）予以公开", 1, 2),
        *numbers(4, [2, 0, 0, 0, 0, 0, 2]),
        Cell(5, 1, "（三）不\n予公开", 2),
        Cell(5, 2, "1.属于国家秘密"),
        *numbers(5, [0, 0, 0, 0, 0, 0, 0]),
        Cell(6, 2, "2.其他法律行政法规禁\n止公开"),
        *numbers(6, [1, 0, 0, 0, 0, 0, 1]),
        Cell(7, 1, "（七）总计", 1, 2),
        *numbers(7, [3, 0, 0, 0, 0, 0, 3]),
    ]
    bottom = draw_grid(c, y, S3_WIDTHS, [*S3_HEADER_HEIGHTS, 16, 16, 16, 28, 16], S3_HEADER + body)
    write_lines(c, bottom - 30, ["四、政府信息公开行政复议、行政诉讼情况", "本年度未发生行政复议和行政诉讼。"])
    c.save()
    return buf.getvalue()


def two_pages() -> bytes:
    """A section-三 table broken across two pages.

    Page 2 repeats the three header rows, the rowspan group "（四）无法提供"
    runs over the break, and row "1.本机关不掌握相关政府信息" is split: its
    numbers and the first line of its label on page 1, the rest of the label
    on page 2. A second table (section 二) follows after a heading.
    """
    buf = io.BytesIO()
    c = new_canvas(buf)
    page_furniture(c, 1, 2, "count")
    y = write_lines(c, HEIGHT - 70, ["三、收到和处理政府信息公开申请情况"])
    for _ in range(7):
        y = write_paragraph(c, y, NARRATIVE)
    first = [
        Cell(3, 0, "二、上年结转政府信息公开申请数量", 1, 3),
        *numbers(3, [0, 0, 0, 0, 0, 0, 0]),
        Cell(4, 0, "三、本\n年度办\n理结果"),
        Cell(4, 1, "（四）无\n法提供"),
        Cell(4, 2, "1.本机关不掌握相关"),
        *numbers(4, [10, 0, 0, 0, 0, 0, 10]),
    ]
    draw_grid(c, y, S3_WIDTHS, [*S3_HEADER_HEIGHTS, 16, 40], S3_HEADER + first)
    c.showPage()
    page_furniture(c, 2, 2, "count")
    second = [
        Cell(3, 0, "", 3),
        Cell(3, 1, "", 2),
        Cell(3, 2, "政府信息"),
        *(Cell(3, 3 + k, "") for k in range(7)),
        Cell(4, 2, "2.没有现成信息需要另\n行制作"),
        *numbers(4, [5, 0, 0, 0, 0, 0, 5]),
        Cell(5, 1, "（七）总计", 1, 2),
        *numbers(5, [15, 0, 0, 0, 0, 0, 15]),
    ]
    bottom = draw_grid(c, HEIGHT - 60, S3_WIDTHS, [*S3_HEADER_HEIGHTS, 16, 28, 16], S3_HEADER + second)
    y = write_lines(c, bottom - 30, ["二、主动公开政府信息情况"])
    s2 = [
        Cell(0, 0, "信息内容"),
        Cell(0, 1, "本年制发件数"),
        Cell(0, 2, "本年废止件数"),
        Cell(0, 3, "现行有效件数"),
        Cell(1, 0, "规章"),
        *(Cell(1, 1 + k, v) for k, v in enumerate(["0", "0", "0"])),
        Cell(2, 0, "行政规范性文件"),
        *(Cell(2, 1 + k, v) for k, v in enumerate(["1", "", "22"])),
    ]
    draw_grid(c, y, [120, 90, 90, 90], [16, 16, 16], s2)
    c.save()
    return buf.getvalue()


def group_over_break() -> bytes:
    """Page 1 ends inside the rowspan group "（三）不予公开"; page 2 carries on with the group's next row.

    Page 2 repeats no header. A second table, section 二, ends on page 2 with
    a label whose numbers were pushed to page 3.
    """
    buf = io.BytesIO()
    c = new_canvas(buf)
    page_furniture(c, 1, 3, "dash")
    y = write_lines(c, HEIGHT - 70, ["三、收到和处理政府信息公开申请情况"])
    for _ in range(7):
        y = write_paragraph(c, y, NARRATIVE)
    first = [
        Cell(3, 0, "三、本\n年度办\n理结果", 1),
        Cell(3, 1, "（三）不\n予公开"),
        Cell(3, 2, "1.属于国家秘密"),
        *numbers(3, [0, 0, 0, 0, 0, 0, 0]),
    ]
    draw_grid(c, y, S3_WIDTHS, [*S3_HEADER_HEIGHTS, 40], S3_HEADER + first)
    c.showPage()
    page_furniture(c, 2, 3, "dash")
    second = [
        Cell(0, 0, "", 2),
        Cell(0, 1, "", 1),
        Cell(0, 2, "2.其他法律行政法规禁\n止公开"),
        *numbers(0, [1, 0, 0, 0, 0, 0, 1]),
        Cell(1, 1, "（七）总计", 1, 2),
        *numbers(1, [1, 0, 0, 0, 0, 0, 1]),
    ]
    bottom = draw_grid(c, HEIGHT - 60, S3_WIDTHS, [28, 16], second)
    y = write_lines(c, bottom - 30, ["二、主动公开政府信息情况"])
    for _ in range(6):
        y = write_paragraph(c, y, NARRATIVE)
    s2_top = [
        Cell(0, 0, "信息内容"),
        *(Cell(0, 1 + k, t) for k, t in enumerate(["本年制发件数", "本年废止件数", "现行有效件数"])),
    ]
    draw_grid(
        c, y, [120, 90, 90, 90], [16, 16], [*s2_top, Cell(1, 0, "行政规范性文件"), *(Cell(1, k, "") for k in (1, 2, 3))]
    )
    c.showPage()
    page_furniture(c, 3, 3, "dash")
    tail = [Cell(0, 0, ""), *(Cell(0, 1 + k, v) for k, v in enumerate(["1", "0", "22"]))]
    bottom = draw_grid(c, HEIGHT - 60, [120, 90, 90, 90], [16], tail)
    write_lines(c, bottom - 30, ["六、其他需要报告的事项", "无。"])
    c.save()
    return buf.getvalue()


def owner_password_only() -> bytes:
    """Encrypted with an empty user password: opens without one, like many portal PDFs."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    buf = io.BytesIO()
    c = new_canvas(buf, encrypt=StandardEncryption("", ownerPassword="owner", canPrint=1, canCopy=0))
    write_lines(c, HEIGHT - 70, ["一、总体情况", "本年度收到政府信息公开申请3件。"])
    c.save()
    return buf.getvalue()


def encrypted() -> bytes:
    buf = io.BytesIO()
    c = new_canvas(buf, encrypt="pw")
    write_lines(c, HEIGHT - 70, ["一、总体情况"])
    c.save()
    return buf.getvalue()


def no_text() -> bytes:
    """A page with ruled lines and no text, the shape of a scan without OCR."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.rect(LEFT, 200, 300, 400, fill=1)
    c.save()
    return buf.getvalue()


SAMPLES = {
    "merged_header.pdf": merged_header,
    "two_pages.pdf": two_pages,
    "group_over_break.pdf": group_over_break,
    "owner_password_only.pdf": owner_password_only,
    "encrypted.pdf": encrypted,
    "no_text.pdf": no_text,
}


def build(name: str) -> bytes:
    register_font()
    return SAMPLES[name]()


if __name__ == "__main__":
    DATA.mkdir(exist_ok=True)
    for name in SAMPLES:
        (DATA / name).write_bytes(build(name))
        print(name, (DATA / name).stat().st_size)
