"""民主评议党员 in the GUI: the list page (``page``) and the wizard (``wizard``)."""
