"""意识形态风险研判: the page and the wizard."""
