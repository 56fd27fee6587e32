"""谈心谈话 in the GUI: the list page (``page``) and the wizard (``wizard``)."""
