#!/usr/bin/env python3
"""Writes the crafted spreadsheets the tests feed to the roster import (fixtures/rosters/).

Run it again only to change a fixture; the files are committed so the tests need no Python.
  corners.xlsx    two filled cells at A1 and XFD1048576: a reader that sizes a dense grid
                  from them asks for 17 billion cells.
  bomb.xlsx       a shared-strings part that inflates from ~100 KB to 100 MB.
  fullwidth.xlsx  a roster typed with a Chinese IME: full-width digits and spaces.
"""
import io
import pathlib
import zipfile

OUT = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "rosters"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""


def strings(values):
    items = "".join(f"<si><t>{v}</t></si>" for v in values)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(values)}" uniqueCount="{len(values)}">{items}</sst>'
    )


def sheet(dimension, rows):
    body = ""
    for r, cells in rows:
        body += f'<row r="{r}">' + "".join(
            f'<c r="{ref}" t="s"><v>{index}</v></c>' for ref, index in cells
        ) + "</row>"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>'
    )


def workbook(name, shared, sheet_xml):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for part, text in [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/sharedStrings.xml", shared),
            ("xl/worksheets/sheet1.xml", sheet_xml),
        ]:
            z.writestr(part, text)
    (OUT / name).write_bytes(buf.getvalue())


OUT.mkdir(parents=True, exist_ok=True)
workbook(
    "corners.xlsx",
    strings(["姓名", "x"]),
    sheet("A1:XFD1048576", [(1, [("A1", 0)]), (1048576, [("XFD1048576", 1)])]),
)
workbook(
    "bomb.xlsx",
    strings(["姓名", "a" * (100 * 1024 * 1024)]),
    sheet("A1:A2", [(1, [("A1", 0)]), (2, [("A2", 1)])]),
)
HEADERS = ["姓名", "性别", "出生日期", "年级", "班级", "留守情况", "监护人", "监护人电话"]
ROW = ["王小明", "男", "２０１７-０３-０５", "３", "２", "留守", "王奶奶", "１３６１２３４５６７８ "]
workbook(
    "fullwidth.xlsx",
    strings(HEADERS + ROW),
    sheet(
        "A1:H2",
        [
            (1, [(f"{chr(65 + i)}1", i) for i in range(len(HEADERS))]),
            (2, [(f"{chr(65 + i)}2", len(HEADERS) + i) for i in range(len(ROW))]),
        ],
    ),
)
for f in sorted(OUT.iterdir()):
    print(f.name, f.stat().st_size)
