"""Names vulture cannot see used, because a library or Python itself uses them by name.

vulture ([tool.vulture] in pyproject.toml) reads jianshi_desktop/ and this file only, not
the tests: code that only tests use counts as dead. Only names the program really uses
belong here, each group with the reason; never a function nothing calls.
"""

# ruff: noqa: B018
from types import SimpleNamespace

_ = SimpleNamespace()

# The program's entry point: [project.scripts] in pyproject.toml and main.py call app.main
_.main

# Qt calls these overrides of its virtual methods (models, proxy models, wizard pages)
_.columnCount
_.headerData
_.lessThan
_.filterAcceptsRow
_.initializePage
_.nextId  # gui/records/wizard.py DraftWizard: steps with nothing to ask
_.expandingDirections  # gui/common/flow.py FlowLayout

# io calls these overrides of io.RawIOBase (submission/crypto.py's decrypting reader)
_.readable
_.seekable
_.readinto

# peewee reads a model's Meta, and calls a field's db_value/python_value
_.Meta
_.legacy_table_names
_.indexes
_.db_value
_.python_value
# peewee model fields: columns of the schema (db/migrations.py makes them), written by
# peewee on save even where the program never reads them back
_.updated_at
_.recorded_at
_.first_seen_at  # county_branch: when the county first received the branch's package
_.superseded_by  # county_package: the newer package that replaced it (history kept)
_.added_at
_.sequence_no
_.passed
# the foreign keys' id attributes peewee makes, declared for mypy
_.branch_id

# python-docx properties the Word renderer sets (documents/render_docx.py)
_.rgb
_.last_modified_by
_.comments
_.modified
_.revision
_._blob
_.page_height
_.top_margin
_.bottom_margin
_.left_margin
_.right_margin
_.header_distance
_.footer_distance
_.gutter
_.odd_and_even_pages_header_footer
_.base_style
_.quick_style
_.line_spacing_rule
_.line_spacing
_.widow_control
_.page_break_before
_.left_indent
_.right_indent
_.underline
_.is_linked_to_previous

# reportlab attributes the PDF renderer sets on its canvas and document (render_pdf.py)
_._doSave
_.__Comment__

# openpyxl attributes and an ExcelWriter override the workbooks set (documents/workbook.py,
# services/roster.py)
_.data_type
_.write_worksheet
_.charts
_.images
_.freeze_panes
_.print_title_rows
_.paperSize
_.fitToWidth
_.fitToHeight
_.fitToPage
_.page_margins
_.horizontalCentered

# zipfile reads ZipInfo.compress_type (submission/package.py)
_.compress_type
