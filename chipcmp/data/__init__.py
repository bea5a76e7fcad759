"""Files to library: reading, validating and caching spec, claim and rule files."""
