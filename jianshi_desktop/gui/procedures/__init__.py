"""The guided procedures (三会一课, 主题党日, 谈心谈话): their wizards, list pages, and the
editors they share.

Shared widgets, small and stable so that every wizard uses them alike:

- :class:`~jianshi_desktop.gui.procedures.attendance.AttendanceEditor` — the expected
  people with one click each for 到会 / 请假 / 缺席, a reason box only for those absent,
  observers (列席) by name, live counts and (for a meeting kind) the quorum line.
- :class:`~jianshi_desktop.gui.procedures.attachments.AttachmentsEditor` — files copied
  into the data folder at once, each with its kind and caption; always optional.

Both take and give the service dataclasses (``AttendanceEntry``, ``AttachmentEntry``)
through ``set_entries()`` / ``entries()`` and emit ``changed`` on every edit.
"""
