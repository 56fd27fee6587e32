"""Documents in the GUI: the preview (pages as they will print), printing, saving as PDF
or Word, opening in Word/WPS, the period picker, the report editor and the fonts section
of the settings page.

From anywhere in the GUI::

    from jianshi_desktop.gui.documents.preview import open_preview
    open_preview(parent, "会议记录", build_document, file_stem, data_root)
"""
