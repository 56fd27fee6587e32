"""What every kind of record shares in the GUI: the wizard framework (``wizard``), the list
page (``list_page``) and the editors below. Each kind (``meetings``, ``theme_days``,
``heart_talks``) keeps its own page and wizard steps in its own package.

Shared widgets, small and stable so that every wizard uses them alike:

- :class:`~jianshi_desktop.gui.records.attendance.AttendanceEditor` — the expected
  people with one click each for 到会 / 请假 / 缺席, a reason box only for those absent,
  observers (列席) by name, live counts and (for a meeting kind) the quorum line.
- :class:`~jianshi_desktop.gui.records.attachments.AttachmentsEditor` — files copied
  into the data folder at once, each with its kind and caption; always optional.

Both take and give the service dataclasses (``AttendanceEntry``, ``AttachmentEntry``)
through ``set_entries()`` / ``entries()`` and emit ``changed`` on every edit.
"""
