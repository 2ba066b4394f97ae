"""Records and their JSONL form (the contract in OUTPUT.md)."""
