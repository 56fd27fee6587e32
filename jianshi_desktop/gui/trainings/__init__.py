"""学习培训 in the GUI: the list page (``page``) and the wizard (``wizard``)."""
