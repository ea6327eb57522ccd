"""One reply through the rules: mask what is not prose, run the rules, apply suppression and selection."""
