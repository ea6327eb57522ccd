"""Speed machinery that never changes a result: the shared scan that tells which rules can match a reply."""
