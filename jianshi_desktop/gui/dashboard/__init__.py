"""首页's parts: the year's compliance as rows of cells (``summary``, no Qt), the tiles,
the year grid and the reminder list (``widgets``), and the 工作要求 section of 设置
(``obligation_settings``)."""
