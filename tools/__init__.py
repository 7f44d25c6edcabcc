"""Developer tools: not part of the shipped package."""
