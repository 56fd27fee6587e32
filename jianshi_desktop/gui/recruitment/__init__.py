"""发展党员: the applicants' files through the "525" procedure."""
