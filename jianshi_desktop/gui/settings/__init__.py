"""设置: the page (``page``) and its sections — backups (``backup``) and the app lock
(``lock``); each feature brings its own section (fonts, obligations)."""
