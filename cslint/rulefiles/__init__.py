"""Rule files: parsing and validating them, loading the shipped and plugin rules, the rule cache, examples and docs."""
