"""The submission package (报送包): a period's records as one verifiable file for the
county, written safely to a USB stick, and the reader that checks one."""
