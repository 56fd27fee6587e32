"""三会一课 in the GUI: the list page (``page``) and the meeting wizard (``wizard``)."""
