"""主题党日 in the GUI: the list page (``page``) and the wizard (``wizard``)."""
